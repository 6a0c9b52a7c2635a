/**
 * Plays the entries of a HAR conversation into a log in the order things happened: each request at its start,
 * its response when it completed, each WebSocket message at its own time (so the polling of an Engine.IO
 * session and its WebSocket interleave as they did), an event stream's rows after its response. Rows are shaped
 * as live ones (harEvents.ts) and Engine.IO/Socket.IO carriers go through the layer decoders (engineLayers.ts).
 */
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { throwIfCancelled } from './exchangeErrors';
import { EngineLayers } from './engineLayers';
import { eventStreamRows } from './eventStreamRows';
import type { Conversation, EntryRole } from './harConversation';
import type { ModelEntry, ModelWsMessage } from './harEntryModel';
import { requestEvent, responseEvent, responseTime, wsCloseEvent, wsMessageEvent, type TimedEvent } from './harEvents';
import { importCancelled } from './importInput';

interface Step {
  at: number;
  /**
   * Within one millisecond (a HAR's resolution): what arrived (0) before what was sent (1), which most likely
   * answered it — the Engine.IO open arrives, the CONNECT is posted in the same millisecond; 2 for an answer
   * in the very millisecond of its own request, which must still come after it.
   */
  rank: 0 | 1 | 2;
  order: number;
  run(): void;
}

/** Steps between turns given to the event loop (and checks of the signal). */
const STEPS_PER_TURN = 2000;

export interface ReplayOptions {
  maxStoredPayloadBytes: number;
  signal?: AbortSignal;
  onProgress?(progress: { done: number; total?: number }): void;
}

export class HarReplay {
  private readonly engine: EngineLayers | undefined;
  private readonly steps: Step[] = [];
  /** Epoch ms of the first thing that happened: monotonic time 0. */
  readonly origin: number;

  constructor(
    private readonly log: EventLog,
    conversation: Conversation,
    private readonly options: ReplayOptions,
  ) {
    const { kind, eioVersion: version } = conversation;
    const max = options.maxStoredPayloadBytes;
    const engine = kind === 'socketio' || kind === 'engineio';
    this.engine = engine
      ? new EngineLayers(log, { version, socketIo: kind === 'socketio', maxStoredPayloadBytes: max })
      : undefined;
    for (const { entry, role } of conversation.entries) this.plan(entry, role);
    // By the millisecond (startedDateTime's resolution; an answer's time adds a fraction to it), then rank.
    this.steps.sort(
      (a, b) => Math.floor(a.at) - Math.floor(b.at) || a.rank - b.rank || a.at - b.at || a.order - b.order,
    );
    this.origin = this.steps[0]?.at ?? Date.now();
  }

  /** Appends a row made elsewhere (the import's own notes), at `time`. */
  append(event: TimedEvent): LogEvent {
    return this.log.append({ ...event, mono: Math.max(0, event.time - this.origin) });
  }

  /** Plays every step; gives the event loop a turn now and then, and stops when the signal fires. */
  async run(): Promise<void> {
    const total = this.steps.length;
    for (let i = 0; i < total; i++) {
      this.steps[i].run();
      if ((i + 1) % STEPS_PER_TURN !== 0) continue;
      this.options.onProgress?.({ done: i + 1, total });
      await new Promise((resolve) => setImmediate(resolve));
      throwIfCancelled(this.options.signal, importCancelled);
    }
    this.options.onProgress?.({ done: total, total });
  }

  /** The Socket.IO namespaces the conversation joined, once it was played. */
  namespaces(): ReturnType<EngineLayers['namespaces']> {
    return this.engine?.namespaces();
  }

  private plan(entry: ModelEntry, role: EntryRole): void {
    let requestSeq = 0;
    this.step(entry.start, 1, () => (requestSeq = this.request(entry, role)));
    const answered = responseTime(entry, role);
    this.step(answered, sameMs(answered, entry.start) ? 2 : 0, () => this.response(entry, role, requestSeq));
    // A message is played after its handshake's answer, and keeps the time the file gives it.
    for (const message of entry.wsMessages ?? []) {
      const at = Math.max(message.time, answered);
      // One rank for the messages of a socket: within a millisecond they keep the file's order.
      this.step(at, sameMs(at, answered) ? 2 : 1, () => this.wsMessage(message, role));
    }
    const last = entry.wsMessages?.[entry.wsMessages.length - 1]?.time ?? answered;
    const close = wsCloseEvent(entry, last);
    if (close) this.step(close.time, 2, () => this.append(close));
  }

  private step(at: number, rank: Step['rank'], run: () => void): void {
    this.steps.push({ at, rank, order: this.steps.length, run });
  }

  private request(entry: ModelEntry, role: EntryRole): number {
    const row = requestEvent(entry, role, this.options.maxStoredPayloadBytes);
    if (this.engine && role === 'eio-polling' && row.payload) {
      const type = headerValue(entry.request.headers, 'content-type') ?? entry.request.body?.mimeType ?? '';
      const carries = this.engine.outgoingPollBody(row.payload, { time: row.time, mono: row.time - this.origin }, type);
      row.meta = { ...row.meta, eio: { transport: 'polling', carries } };
    }
    return this.append(row).seq;
  }

  private response(entry: ModelEntry, role: EntryRole, requestSeq: number): void {
    const max = this.options.maxStoredPayloadBytes;
    const row = this.append(responseEvent(entry, role, requestSeq, max));
    if (this.engine && role === 'eio-polling' && row.type === 'poll-response') this.engine.incoming(row);
    if (role !== 'sse' || row.type !== 'handshake-response' || !entry.response.body) return;
    const body = entry.response.body.data;
    const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
    const times = (entry.sseMessages ?? []).map((m) => m.time);
    for (const sseRow of eventStreamRows(text, times, row.time, max)) this.append(sseRow);
  }

  private wsMessage(message: ModelWsMessage, role: EntryRole): void {
    const row = this.append(wsMessageEvent(message, this.options.maxStoredPayloadBytes));
    if (!this.engine || role !== 'eio-websocket') return;
    if (row.direction === 'in') this.engine.incoming(row);
    else this.engine.outgoingFrame(row);
  }
}

function sameMs(a: number, b: number): boolean {
  return Math.floor(a) === Math.floor(b);
}
