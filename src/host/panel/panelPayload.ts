/**
 * `events/openPayload` (issue 9): the whole stored payload of one event in a read-only editor, or why not — the
 * panel's webview only ever holds a preview.
 */
import type { Session } from '../../core/session/session';
import type { HostToWebview } from '../../shared/protocol';
import { describeThrown, type OutputLog } from '../outputLog';
import { openPayloadDocument } from '../payloadDocuments';

type PayloadOpened = Extract<HostToWebview, { type: 'payload/opened' }>;

/** Opens the payload of `seq`; resolves with the reply for the webview, never rejects. */
export async function openPayloadForPanel(
  session: Session,
  requestId: number,
  seq: number,
  log: OutputLog,
): Promise<PayloadOpened> {
  const event = session.log.get(seq);
  if (!event?.payload) {
    const error = event ? `Event #${seq} has no payload.` : `Event #${seq} is no longer in the log.`;
    return { type: 'payload/opened', requestId, ok: false, error };
  }
  try {
    await openPayloadDocument(session.id, event);
    return { type: 'payload/opened', requestId, ok: true };
  } catch (error) {
    log.warn(`Panel ${session.id}: opening payload #${seq} failed: ${describeThrown(error)}`);
    return { type: 'payload/opened', requestId, ok: false, error: 'The editor could not be opened.' };
  }
}
