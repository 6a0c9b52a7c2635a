/** The SSE engine's words: the notes on its own rows, its close summaries and its errors (stable codes). */
import type { ResolvedSseOptions } from '../connection/sseOptions';
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { LIMITS, raiseSettingHint } from '../limits/limits';

/** Longest server-sent text (an id, an event name, a comment) put in a note or a meta field as is. */
export const MAX_META_TEXT = 256;

/** `text` cut at `max` characters with an ellipsis: server text in notes and meta stays bounded. */
export function cutText(text: string, max = MAX_META_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The `connecting` row: where to, how, and the limits in force. */
export function describeSseAttempt(o: ResolvedSseOptions): string {
  const parts = [`Connecting to ${o.url} (Server-Sent Events over ${o.method})`];
  if (o.lastEventId) parts.push(`Last-Event-ID "${cutText(o.lastEventId)}"`);
  if (o.url.startsWith('https:')) parts.push(o.tls.rejectUnauthorized ? 'TLS verification on' : 'TLS verification OFF');
  parts.push(o.reconnect ? 'reconnects after errors and the end of the stream' : 'no reconnect');
  parts.push(`response deadline ${o.handshakeTimeoutMs} ms`, `line cap ${o.maxLineBytes} bytes`);
  if (o.idleTimeoutMs > 0) parts.push(`idle timeout ${o.idleTimeoutMs} ms`);
  if (o.followRedirects) parts.push(`following up to ${o.maxRedirects} redirects`);
  return parts.join(', ');
}

/** The `open` row of an attempt. */
export function openNote(durationMs: number, attempt: number, contentType: string | undefined): string {
  const which = attempt > 1 ? ` (attempt ${attempt})` : '';
  const type = cutText(contentType ?? '', 80);
  return `Open${which}: 200 ${type} after ${durationMs.toFixed(1)} ms; events follow as they arrive.`;
}

/** Why a session that got 204 ended (WHATWG: 204 No Content fails the connection, no reconnect). */
export const NO_CONTENT_SUMMARY =
  'The server answered 204 No Content: it asks the client to stop reconnecting, so the session ended.';

/** Why a session the user closed ended. */
export const USER_CLOSE_SUMMARY = 'Closed by the user.';

/** Why a session that was disposed while still connecting or open ended. */
export const DISPOSED_SUMMARY = 'The session was disposed.';

/** A line longer than the cap (counted in bytes, line end excluded). */
export function lineTooLong(maxLineBytes: number, lineBytes: number): ErrorMeta {
  return {
    code: ErrorCode.SseLineTooLong,
    message:
      `The server sent a line longer than ${maxLineBytes} bytes (${lineBytes} bytes without a line end ` +
      `so far; the limit set by ${LIMITS.maxSseLineBytes.setting}): the connection was closed.`,
    hint: `${raiseSettingHint('maxSseLineBytes', 'longer lines')} A server that never ends a line is broken.`,
  };
}

/** An event whose data grew past the cap before its blank line. */
export function eventTooLarge(maxLineBytes: number): ErrorMeta {
  return {
    code: ErrorCode.SseEventTooLarge,
    message:
      `The server sent an event whose data grew past ${maxLineBytes} characters before the blank line that ` +
      `ends it (the limit set by ${LIMITS.maxSseLineBytes.setting}): the connection was closed.`,
    hint: `${raiseSettingHint('maxSseLineBytes', 'larger events')} A server that never ends an event is broken.`,
  };
}

/** No response head within the deadline. */
export function responseTimeout(timeoutMs: number): ErrorMeta {
  return {
    code: ErrorCode.HandshakeTimeout,
    message: `No response head within ${timeoutMs} ms.`,
    hint: 'The server accepted the connection but did not answer in time: check the URL, or raise handshakeTimeoutMs.',
  };
}

/** Nothing at all arrived on the open stream for `idleMs` (issue 12): the link is taken for half-open. */
export function idleTimeout(idleMs: number): ErrorMeta {
  return {
    code: ErrorCode.IdleTimeout,
    message:
      `Idle timeout: nothing arrived on the open stream for ${idleMs} ms (not even a comment): ` +
      'the link is probably half-open.',
    hint:
      'The server or something in between vanished without closing the connection. The stream reconnects; if the ' +
      'server is just quiet, raise idleTimeoutMs above its keep-alive comment interval.',
  };
}

/** A stream whose Content-Encoding could not be decoded. */
export function badEncoding(encoding: string, detail?: string): ErrorMeta {
  return {
    code: ErrorCode.SseBadEncoding,
    message: `The event stream's Content-Encoding "${cutText(encoding, 40)}" could not be decoded.`,
    hint: 'The session asks for no compression; a proxy may have compressed the stream.',
    detail,
  };
}

/** A network failure while the stream was open that Node reported without an error object. */
export function streamCut(): Error & { code: string } {
  return Object.assign(new Error('The connection closed before the stream ended.'), { code: 'ECONNRESET' });
}
