/**
 * One ingest run, in its own process: a bare `ws` client counting messages (`mode: 'ws'`), or our
 * WebSocket session recording into the extension's log (a SpillingEventLog, default budgets) with the
 * full host path of a live panel following the tail (`mode: 'session'`) or alone (`mode: 'engine'`),
 * against the flood server at `url`. Prints messages per second from `open` to the last message (with
 * the panel: to the range message whose tail rows show it), CPU time, and for the session the heap per
 * recorded message and the events lost (a seq missing from the log or let go, a row sent at a position
 * other than its seq's, a message count other than `count`).
 */
import WebSocket from 'ws';
import { createSession } from '../src/core/session/createSession';
import type { HostToWebview } from '../src/shared/protocol';
import { auditLog, spillingBenchLog } from './benchLog';
import { childArgs, finish, settledHeap } from './childRun';
import { attachLivePanel } from './livePanel';

export interface IngestArgs {
  /** `session`: with a live panel's host path; `engine`: the session and its log alone. */
  mode: 'ws' | 'session' | 'engine';
  url: string;
  count: number;
}

export interface IngestResult {
  messages: number;
  ms: number;
  cpuMs: number;
  heapBytesPerMessage?: number;
  lost?: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function bareWs({ url, count }: IngestArgs): Promise<IngestResult> {
  const cpu = process.cpuUsage();
  const ws = new WebSocket(url);
  let messages = 0;
  let openedAt = 0;
  ws.on('open', () => (openedAt = performance.now()));
  const done = new Promise<number>((resolve, reject) => {
    ws.on('message', () => {
      if (++messages === count) resolve(performance.now());
    });
    ws.on('close', () => reject(new Error(`closed after ${messages} of ${count} messages`)));
  });
  const end = await done;
  return { messages, ms: end - openedAt, cpuMs: cpuMsSince(cpu) };
}

async function sessionRun({ url, count, mode }: IngestArgs): Promise<IngestResult> {
  const heapBefore = settledHeap();
  const cpu = process.cpuUsage();
  const benchLog = spillingBenchLog();
  const created = createSession({ kind: 'websocket', url }, { logFactory: benchLog.logFactory });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const session = created.value;
  let openedAt = 0;
  let messages = 0;
  /** Seq of the `count`-th incoming message: the run ends when it is shown (panel) or appended (engine). */
  let lastSeq = Infinity;
  let rowGaps = 0;
  let resolveDone: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const counted = session.log.onAppend((event) => {
    if (event.type !== 'message' || event.direction !== 'in' || ++messages !== count) return;
    lastSeq = event.seq;
    if (mode === 'engine') resolveDone(performance.now());
  });
  // Every row sent sits at its position (seq − 1), and the tail reaches the last message.
  const onPost = (message: HostToWebview): void => {
    if (message.type !== 'events/appended' || !message.rows) return;
    const from = message.rowsFrom ?? 0;
    message.rows.forEach((row, i) => row.seq !== from + i + 1 && rowGaps++);
    if (message.range.end >= lastSeq && message.rows.some((row) => row.seq === lastSeq)) resolveDone(performance.now());
  };
  const panel = mode === 'session' ? attachLivePanel(session, onPost) : undefined;
  session.onDidChange((info) => {
    if (info.state === 'open' && !openedAt) openedAt = performance.now();
  });
  await session.start();
  const end = await done;
  const cpuMs = cpuMsSince(cpu);
  panel?.dispose();
  counted.dispose();
  const audit = auditLog(session.log);
  const lost = rowGaps + audit.missing + Math.abs(count - audit.messagesIn) + session.log.dropped;
  const heapBytesPerMessage = (settledHeap() - heapBefore) / count;
  session.dispose();
  benchLog.remove();
  return { messages, ms: end - openedAt, cpuMs, heapBytesPerMessage, lost };
}

async function main(): Promise<void> {
  const args = childArgs<IngestArgs>();
  finish(args.mode === 'ws' ? await bareWs(args) : await sessionRun(args));
}

void main();
