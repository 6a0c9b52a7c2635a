/**
 * An outgoing row of the log as a message-book entry (Edit and send, Save to message book): the request it was
 * sent from (or rebuilt from its payload), written by serializeEntry under a title saying when it was sent. A
 * secret a book filled in goes back to its `${secret:NAME}`; any other value the session masks keeps the entry
 * out of editors and files altogether (it would show or store a credential in clear). Pure (no vscode).
 */
import type { LogEvent } from '../../core/events/logEvent';
import { replayRequest, serializeEntry } from '../../core/messageBook';
import type { Redactor } from '../../core/redaction/secretRedactor';
import type { SendRequest } from '../../core/session/sendRequest';
import { replayRequestOf } from '../../core/view/eventProjection';

export type LogEntryText = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The entry text for event `seq` (`event`, undefined when the log no longer has it). `bookSecrets`: name →
 * value of the secrets books filled in on this session.
 */
export function logEntryText(
  seq: number,
  event: LogEvent | undefined,
  redactor: Redactor,
  bookSecrets: ReadonlyMap<string, string>,
): LogEntryText {
  if (!event) return { ok: false, reason: `Event #${seq} is no longer in the log.` };
  const request = requestOf(event);
  if (!request.ok) return request;
  const serialized = serializeEntry(request.request, `Sent at ${clockTime(event.time)} (#${seq})`);
  if (!serialized.ok) return { ok: false, reason: `Event #${seq} cannot be written as an entry: ${serialized.reason}` };
  let text = serialized.text;
  // Longest first, so a secret that contains another is put back whole.
  const secrets = [...bookSecrets].filter(([, value]) => value !== '').sort((a, b) => b[1].length - a[1].length);
  for (const [name, value] of secrets) text = text.split(value).join(`\${secret:${name}}`);
  if (redactor.text(text) !== text) {
    return {
      ok: false,
      reason:
        `Event #${seq} holds a credential (masked in the log): it is not copied into an editor or a file. ` +
        'Write the entry by hand with ${secret:NAME} in its place.',
    };
  }
  return { ok: true, text };
}

function requestOf(event: LogEvent): { ok: true; request: SendRequest } | { ok: false; reason: string } {
  const kept = replayRequestOf(event);
  if (kept) return { ok: true, request: kept };
  const rebuilt = replayRequest(event);
  if (rebuilt.ok) return { ok: true, request: rebuilt.value };
  return { ok: false, reason: `Event #${event.seq} cannot be used: ${rebuilt.reason}.` };
}

/** `13:05:09` in local time. */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
