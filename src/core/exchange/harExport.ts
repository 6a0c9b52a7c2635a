/**
 * Exports a session as HAR 1.2 that Chrome DevTools opens (issue 10), streamed page by page from its log.
 *
 * One read of the log pairs each request with its response (`requestSeq`; a WebSocket's 101 takes the last
 * handshake) and writes the entry as soon as the response is read: Engine.IO polling GETs and POSTs and generic
 * polls as ordinary entries, a 101 as a `_resourceType: "websocket"` entry whose `_webSocketMessages` are read
 * from the log right then, an event stream as an entry with its text and `_eventSourceMessages`. Requests that
 * got no response are written at the end with status 0. Credentials are masked unless `sanitize: false`.
 */
import type { LogEvent } from '../events/logEvent';
import { headerValue } from '../http/headers';
import { NO_REDACTION } from '../redaction/secretRedactor';
import { redactEvent } from './eventRedaction';
import type { ExportOptions, ExportOutcome, ExportSource } from './exportOptions';
import { ExportRun } from './exportRun';
import type { ExportSink } from './exportSink';
import { exchangeEntry, type ConnectFacts } from './harExchangeEntry';
import { harLogHead } from './harLogHead';
import { writeEventSourceEntry, writeWebSocketEntry, type StreamContext } from './harStreamEntries';

/** Requests waiting for their response beyond this many are written without one (a log of failed polls). */
const MAX_PENDING_REQUESTS = 4096;

export interface HarExportOptions extends ExportOptions {
  /** `log.creator` (default `Realtime Inspector`, version `dev`): the host passes the extension's version. */
  creator?: { name: string; version: string };
}

interface PendingRequest {
  event: LogEvent;
  connect?: ConnectFacts;
}

/** Writes `source` to `sink` as a HAR. Resolves with the outcome; never rejects. */
export async function exportHar(
  source: ExportSource,
  sink: ExportSink,
  options: HarExportOptions = {},
): Promise<ExportOutcome> {
  const run = new ExportRun(source, sink, options);
  const { redactor, out, to } = run;
  // Progress by position: the pages read ahead for a WebSocket's messages count too.
  let reached = 0;
  const readThrough = (seq: number): void => {
    reached = Math.max(reached, seq - run.first + 1);
    run.report(reached);
  };
  const { pageSize, signal } = options;
  const scan = new HarScan({ log: source.log, to, redactor, out, pageSize, signal, readAhead: readThrough });
  return run.complete(async () => {
    await out.add(harLogHead(source.info, redactor, run.sanitized, options.creator));
    for await (const page of run.pages()) {
      for (const event of page) await scan.visit(event);
      readThrough(page[page.length - 1].seq);
    }
    await scan.finish();
    await out.add(']}}\n');
    return run.total;
  });
}

/** The one read of the log: requests waiting for responses, the connection timing of the next handshake. */
class HarScan {
  private readonly pending = new Map<number, PendingRequest>();
  private connect: ConnectFacts = {};
  private separator = '';

  constructor(private readonly ctx: StreamContext) {}

  async visit(event: LogEvent): Promise<void> {
    if (event.type === 'tcp-connected') this.connect = { connectMs: event.meta?.durationMs };
    else if (event.type === 'tls-established' && event.meta?.durationMs !== undefined)
      this.connect.tlsMs = event.meta.durationMs - (this.connect.connectMs ?? 0);
    else if (event.direction === 'out' && (event.type === 'poll-request' || event.type === 'handshake-request'))
      await this.request(event);
    else if (event.direction === 'in' && (event.type === 'poll-response' || event.type === 'handshake-response'))
      await this.response(event);
  }

  /** The requests still waiting: written without a response. */
  async finish(): Promise<void> {
    for (const { event } of this.pending.values()) await this.write(exchangeEntry(event, undefined));
    this.pending.clear();
  }

  private async request(event: LogEvent): Promise<void> {
    const connect = event.type === 'handshake-request' ? this.connect : undefined;
    this.connect = {};
    this.pending.set(event.seq, { event: this.redact(event), connect });
    if (this.pending.size <= MAX_PENDING_REQUESTS) return;
    const [oldest, waiting] = this.pending.entries().next().value as [number, PendingRequest];
    this.pending.delete(oldest);
    await this.write(exchangeEntry(waiting.event, undefined));
  }

  private async response(event: LogEvent): Promise<void> {
    const seq = event.meta?.requestSeq ?? (event.type === 'handshake-response' ? this.lastHandshake() : undefined);
    const waiting = seq === undefined ? undefined : this.pending.get(seq);
    if (!waiting) return;
    this.pending.delete(seq!);
    const response = this.redact(event);
    await this.startEntry();
    if (isUpgrade(response)) await writeWebSocketEntry(this.ctx, waiting.event, response, waiting.connect);
    else if (isEventStream(response)) await writeEventSourceEntry(this.ctx, waiting.event, response);
    else await this.ctx.out.add(JSON.stringify(exchangeEntry(waiting.event, response, waiting.connect)));
  }

  /** The latest handshake request still waiting (a WebSocket's 101 names none). */
  private lastHandshake(): number | undefined {
    let found: number | undefined;
    for (const { event } of this.pending.values()) if (event.type === 'handshake-request') found = event.seq;
    return found;
  }

  private async write(entry: object): Promise<void> {
    await this.startEntry();
    await this.ctx.out.add(JSON.stringify(entry));
  }

  private async startEntry(): Promise<void> {
    await this.ctx.out.add(this.separator);
    this.separator = ',';
  }

  private redact(event: LogEvent): LogEvent {
    return this.ctx.redactor === NO_REDACTION ? event : redactEvent(event, this.ctx.redactor);
  }
}

function isUpgrade(response: LogEvent): boolean {
  return response.type === 'handshake-response' && response.meta?.response?.status === 101;
}

function isEventStream(response: LogEvent): boolean {
  const type = headerValue(response.meta?.response?.headers ?? [], 'content-type') ?? '';
  return response.type === 'handshake-response' && /^\s*text\/event-stream/i.test(type);
}
