/**
 * One log row as a message of a streamed HAR entry: a WebSocket message as Chrome writes it (`send`/`receive`,
 * epoch seconds, opcode, text or base64), a close frame as HTTP Toolkit's `_webSocketClose`, an SSE row as the
 * text/event-stream lines it came in (WHATWG "interpreting an event stream", written back) and as Chrome's
 * EventSource message. Pure.
 */
import type { LogEvent, Payload } from '../events/logEvent';
import type { HarEventSourceMessage, HarWebSocketMessage } from './harTypes';

/** A `message` row of the ws layer as a `_webSocketMessages` item. */
export function webSocketMessage(event: LogEvent): HarWebSocketMessage {
  const binary = event.payload?.kind === 'binary';
  return {
    type: event.direction === 'out' ? 'send' : 'receive',
    time: event.time / 1000,
    opcode: event.meta?.frame?.opcode ?? (binary ? 2 : 1),
    data: payloadData(event.payload),
  };
}

/** A `close-frame` row as `_webSocketClose`. */
export function webSocketClose(event: LogEvent): { code?: number; reason?: string; timestamp: number } {
  const close = event.meta?.close;
  const code = event.direction === 'in' ? close?.wireCode : close?.sentCode;
  const reason = event.direction === 'in' ? close?.wireReason : close?.sentReason;
  return { code, reason, timestamp: event.time / 1000 };
}

/** The lines an SSE row came in (undefined for a row that was not part of the stream). */
export function eventStreamText(event: LogEvent): string | undefined {
  const sse = event.meta?.sse;
  const text = event.payload?.kind === 'text' ? event.payload.text : '';
  switch (event.type) {
    case 'sse-event': {
      const fields = [
        sse?.id !== undefined ? `id: ${sse.id}` : '',
        sse?.event !== undefined ? `event: ${sse.event}` : '',
      ];
      const data = text.split('\n').map((line) => `data: ${line}`);
      return `${[...fields.filter(Boolean), ...data].join('\n')}\n\n`;
    }
    case 'sse-comment':
      return `: ${text}\n`;
    case 'sse-retry':
      return sse?.retryMs !== undefined ? `retry: ${sse.retryMs}\n\n` : undefined;
    case 'sse-id':
      return `id: ${sse?.id ?? ''}\n\n`;
    case 'sse-ignored':
      return `${text}\n`;
    default:
      return undefined;
  }
}

/** An `sse-event` row as an `_eventSourceMessages` item. */
export function eventSourceMessage(event: LogEvent): HarEventSourceMessage {
  const sse = event.meta?.sse;
  return {
    time: event.time / 1000,
    eventName: sse?.event ?? 'message',
    eventId: sse?.id ?? '',
    data: event.payload?.kind === 'text' ? event.payload.text : '',
  };
}

/** A payload as HAR message data: the text, or the bytes in base64. */
export function payloadData(payload: Payload | undefined): string {
  if (!payload) return '';
  if (payload.kind === 'text') return payload.text;
  return Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, payload.bytes.byteLength).toString('base64');
}
