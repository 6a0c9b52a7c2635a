/**
 * What a replay sends: each outgoing data message of a range turned back into a SendRequest (the request it
 * was sent from when the row kept it, else rebuilt from its payload), with its time from the start of the
 * replay (the original gaps divided by the speed, each at most MAX_REPLAY_GAP_MS). Events that cannot be
 * sent again are refused with the reason; the Engine.IO rows that carried a Socket.IO packet of the range
 * are skipped (the Socket.IO row is what is sent). Pure.
 */
import type { ErrorMeta, LogEvent } from '../events/logEvent';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import type { SendRequest, SessionKind } from '../session/sendRequest';
import { parseSendRequest } from '../session/sendRequestValidation';
import { MAX_REPLAY_GAP_MS } from './bookLimits';
import { BookErrorCode, bookError } from './bookErrors';

/** One message to send again, `atMs` after the replay starts. */
export interface ReplayStep {
  seq: number;
  request: SendRequest;
  atMs: number;
}

export type ReplayPlan =
  { ok: true; steps: ReplayStep[]; skipped: number } | { ok: false; seq: number; error: ErrorMeta };

/** Outgoing rows that carry a data message. */
const DATA_TYPES = new Set(['message', 'eio-message', 'sio-event', 'sio-binary-event']);

/** Plans the replay of `events` (any order; sent in seq order) on a session of `sessionKind`. */
export function planReplay(events: readonly LogEvent[], sessionKind: SessionKind, speed: number): ReplayPlan {
  const sorted = [...new Map(events.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
  const carried = carrierRows(sorted);
  const steps: ReplayStep[] = [];
  let previous: LogEvent | undefined;
  let atMs = 0;
  for (const event of sorted) {
    if (carried.has(event.seq)) continue;
    const request = replayRequest(event);
    if (!request.ok) return refused(event, request.reason);
    const kindRefusal = refuseUnacceptedKind(sessionKind, request.value);
    if (kindRefusal) return { ok: false, seq: event.seq, error: { ...kindRefusal, code: BookErrorCode.ReplayRefused } };
    if (previous) atMs += scaledGap(event.mono - previous.mono, speed);
    steps.push({ seq: event.seq, request: request.value, atMs });
    previous = event;
  }
  return { ok: true, steps, skipped: carried.size };
}

/**
 * The outgoing rows of the range that only carried a message also in the range, at another layer: the
 * parent of another outgoing row (a WebSocket frame carrying an Engine.IO packet, an Engine.IO message
 * carrying a Socket.IO packet), and, when the range holds Socket.IO rows, the Engine.IO rows (the binary
 * attachments of a BINARY_EVENT are sent again by its Socket.IO row).
 */
function carrierRows(sorted: readonly LogEvent[]): Set<number> {
  const out = sorted.filter((e) => e.direction === 'out');
  const withSio = out.some((e) => e.layer === 'sio');
  const carried = new Set<number>();
  for (const event of out) {
    if (event.parent !== undefined) carried.add(event.parent);
    if (withSio && event.layer === 'eio' && event.type === 'eio-message') carried.add(event.seq);
  }
  const inRange = new Set(out.map((e) => e.seq));
  return new Set([...carried].filter((seq) => inRange.has(seq)));
}

/**
 * The events of a selection that replayRange accepts: outgoing data messages and the rows that carried them,
 * without the frames that carried something else (an Engine.IO pong inside a WebSocket message). The host
 * narrows a selected range of the log with it, and says how many rows were left out.
 */
export function replayableEvents(events: readonly LogEvent[]): { events: LogEvent[]; leftOut: number } {
  const out = events.filter((e) => e.direction === 'out');
  const controlCarriers = new Set(out.filter((e) => !DATA_TYPES.has(e.type)).map((e) => e.parent));
  const kept = out.filter((e) => DATA_TYPES.has(e.type) && !controlCarriers.has(e.seq));
  return { events: kept, leftOut: events.length - kept.length };
}

/** The original gap divided by the speed, at most MAX_REPLAY_GAP_MS (a negative one counts as none). */
export function scaledGap(gapMs: number, speed: number): number {
  if (!(gapMs > 0)) return 0;
  return Math.min(gapMs / speed, MAX_REPLAY_GAP_MS);
}

type RequestRead = { ok: true; value: SendRequest } | { ok: false; reason: string };

/** The request to send `event` again, or why it cannot be. */
export function replayRequest(event: LogEvent): RequestRead {
  if (event.direction !== 'out') {
    const what = event.direction === 'in' ? 'an incoming message' : 'a note of the inspector, not a message';
    return { ok: false, reason: `it is ${what}: only messages this client sent can be replayed` };
  }
  if (!DATA_TYPES.has(event.type)) {
    return { ok: false, reason: `it is a ${event.type} row, not a data message` };
  }
  if (event.meta?.send) {
    // Logs can come from a file: the kept request is checked like any other.
    const checked = parseSendRequest(event.meta.send);
    return checked.ok ? checked : { ok: false, reason: `the request it kept is not valid: ${checked.reason}` };
  }
  return requestFromPayload(event);
}

/** Rebuilds the request from what the row holds (rows imported from a HAR, or sent by the engine itself). */
function requestFromPayload(event: LogEvent): RequestRead {
  const payload = event.payload;
  if (payload?.truncated) {
    const kept = `${payload.truncated.keptBytes} of its ${payload.byteLength} bytes`;
    return { ok: false, reason: `the log kept only ${kept}, so it cannot be sent as it was` };
  }
  if (event.layer === 'sio') return emitFromPayload(event);
  if (!payload) return { ok: true, value: { kind: 'text', text: '' } };
  if (payload.kind === 'text') return { ok: true, value: { kind: 'text', text: payload.text } };
  return {
    ok: true,
    value: { kind: 'binary', encoding: 'base64', data: Buffer.from(payload.bytes).toString('base64') },
  };
}

/** An outgoing Socket.IO EVENT row holds `["event", ...args]`. */
function emitFromPayload(event: LogEvent): RequestRead {
  const sio = event.meta?.sio;
  if (event.type === 'sio-binary-event' || sio?.attachments) {
    return { ok: false, reason: 'its binary attachments are not kept on the row, so it cannot be rebuilt' };
  }
  let data: unknown;
  try {
    data = JSON.parse(event.payload?.kind === 'text' ? event.payload.text : '');
  } catch {
    data = undefined;
  }
  if (!Array.isArray(data) || typeof data[0] !== 'string') {
    return { ok: false, reason: 'its data is not an event name with JSON arguments' };
  }
  const args = JSON.stringify(data.slice(1));
  const value: SendRequest = {
    kind: 'sio-emit',
    namespace: sio?.namespace ?? '/',
    event: data[0],
    args,
    ack: sio?.ackId !== undefined,
  };
  return { ok: true, value };
}

function refused(event: LogEvent, reason: string): ReplayPlan {
  return {
    ok: false,
    seq: event.seq,
    error: bookError(BookErrorCode.ReplayRefused, `Event #${event.seq} cannot be replayed: ${reason}.`),
  };
}
