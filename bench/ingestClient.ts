/**
 * One ingest run, in its own process: a bare `ws` client counting messages (`mode: 'ws'`), or our
 * WebSocket session with the full host path of a live panel (`mode: 'session'`), against the flood
 * server at `url`. Prints messages per second from `open` to the last message (for the session: to
 * the last row the panel was sent), CPU time, and for the session the heap per recorded message and
 * the events lost (a missing seq, a missing row, a message count other than `count`).
 */
import WebSocket from 'ws';
import type { Session } from '../src/core/session/session';
import { createSession } from '../src/core/session/createSession';
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
  const logLimits = { maxEvents: count + 1000, maxPayloadBytes: 2 ** 40 };
  const created = createSession({ kind: 'websocket', url }, { logLimits });
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const session = created.value;
  let openedAt = 0;
  let messageRows = 0;
  let nextRowSeq = 1;
  let rowGaps = 0;
  let resolveDone: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  const onRow = (row: { seq: number; type: string; direction: string }): void => {
    if (row.seq !== nextRowSeq) rowGaps++;
    nextRowSeq = row.seq + 1;
    if (row.type === 'message' && row.direction === 'in' && ++messageRows === count) resolveDone(performance.now());
  };
  const panel =
    mode === 'session'
      ? attachLivePanel(session, (rows) => rows.forEach(onRow))
      : session.log.onAppend((event) => onRow(event));
  session.onDidChange((info) => {
    if (info.state === 'open' && !openedAt) openedAt = performance.now();
  });
  await session.start();
  const end = await done;
  const cpuMs = cpuMsSince(cpu);
  panel.dispose();
  const lost = rowGaps + countLost(session, count);
  const heapBytesPerMessage = (settledHeap() - heapBefore) / count;
  session.dispose();
  return { messages: messageRows, ms: end - openedAt, cpuMs, heapBytesPerMessage, lost };
}

/** Seqs missing from the log, plus the difference between messages logged and frames sent. */
function countLost(session: Session, count: number): number {
  const log = session.log;
  let missing = 0;
  let messages = 0;
  for (let seq = 1; seq <= log.count; seq++) {
    const event = log.get(seq);
    if (event?.seq !== seq) missing++;
    else if (event.type === 'message' && event.direction === 'in') messages++;
  }
  return missing + Math.abs(count - messages);
}

async function main(): Promise<void> {
  const args = childArgs<IngestArgs>();
  finish(args.mode === 'ws' ? await bareWs(args) : await sessionRun(args));
}

void main();
