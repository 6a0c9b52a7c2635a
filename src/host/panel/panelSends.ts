/**
 * What the panel's composer and Replay ask the session to send, and the `send/result` answer: ok with the
 * new event's seq, or the refusal in plain words with its code and hint (issue #8). No vscode.
 */
import { ErrorCode } from '../../core/errors';
import type { SendRequest } from '../../core/session/sendRequest';
import type { Session } from '../../core/session/session';
import { replayRequestOf } from '../../core/view/eventProjection';
import type { HostToWebview } from '../../shared/protocol';

type SendResult = Extract<HostToWebview, { type: 'send/result' }>;

/** Sends `request`; `logRefusal` gets one line for the output channel when the session refuses it. */
export function sendForPanel(
  session: Session,
  requestId: number,
  request: SendRequest,
  logRefusal: (line: string) => void,
): SendResult {
  const outcome = session.send(request);
  if (outcome.ok) return { type: 'send/result', requestId, ok: true, seq: outcome.seq };
  const { code, message, hint } = outcome.error;
  logRefusal(`Session ${session.id}: send refused: ${code}: ${message}`);
  return { type: 'send/result', requestId, ok: false, error: message, code, ...(hint ? { hint } : {}) };
}

/** Sends again the request kept on event `seq` — every kind a session sent replays alike. */
export function replayForPanel(
  session: Session,
  requestId: number,
  seq: number,
  logRefusal: (line: string) => void,
): SendResult {
  const event = session.log.get(seq);
  const request = event && replayRequestOf(event);
  if (request) return sendForPanel(session, requestId, request, logRefusal);
  return {
    type: 'send/result',
    requestId,
    ok: false,
    code: ErrorCode.InvalidMessage,
    error: `Event ${seq} is not an outgoing message that can be sent again.`,
    hint: 'Replay is offered on messages this session sent.',
  };
}
