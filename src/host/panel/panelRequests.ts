/**
 * How a panel takes in what its webview sends (style.md rule 2): every message checked against the allowlist, a
 * bad one dropped and logged, and any request that fails — refused, or broken in our own code — answered with
 * `request/failed` at once rather than left to the webview's timeout (issue #8).
 */
import { ErrorCode } from '../../core/errors';
import type { HostToWebview, RequestErrorDto, WebviewToHost } from '../../shared/protocol';
import { describeThrown, type OutputLog } from '../outputLog';
import { failedRequestReply, parseWebviewMessage } from './webviewMessages';

export interface PanelRequestDeps {
  sessionId: string;
  log: OutputLog;
  reply(message: HostToWebview): void;
}

/** Checks `raw` and hands it to `handle`; what cannot be handled is answered with `request/failed`. */
export function receiveWebviewMessage(raw: unknown, deps: PanelRequestDeps, handle: (m: WebviewToHost) => void): void {
  const parsed = parseWebviewMessage(raw);
  if (!parsed.ok) {
    deps.log.warn(`Panel ${deps.sessionId}: dropped an invalid message from the webview: ${parsed.reason}`);
    failRequest(raw, { code: ErrorCode.InvalidMessage, message: parsed.reason }, deps);
    return;
  }
  try {
    handle(parsed.value);
  } catch (error) {
    deps.log.error(`Panel ${deps.sessionId}: handling "${parsed.value.type}" failed: ${describeThrown(error)}`);
    failRequest(
      parsed.value,
      {
        code: ErrorCode.Internal,
        message: `The request "${parsed.value.type}" failed inside the extension.`,
        hint: 'The Realtime Inspector log has the details.',
      },
      deps,
    );
  }
}

/** A request whose answer was on its way (a promise) failed in our code: logged and answered. */
export function failAsyncRequest(message: WebviewToHost, error: unknown, deps: PanelRequestDeps): void {
  deps.log.error(`Panel ${deps.sessionId}: handling "${message.type}" failed: ${describeThrown(error)}`);
  failRequest(message, { code: ErrorCode.Internal, message: `The request "${message.type}" failed.` }, deps);
}

/** Answers a request with `request/failed`; other messages need no answer. */
function failRequest(message: unknown, error: RequestErrorDto, deps: PanelRequestDeps): void {
  const reply = failedRequestReply(message, error);
  if (reply) deps.reply(reply);
}
