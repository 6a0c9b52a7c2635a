/**
 * Large exports (issue 10): streamed page by page (the log is asked for one page at a time, never for all of it),
 * the sink awaited (one write in flight), progress reported, cancellable — and a cancelled or failed export to
 * a file leaves neither the file nor its partial copy behind, while a finished one is moved into place whole.
 * The export covers the log as it stood when it started, even while a live session goes on appending.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { ExchangeErrorCode } from '../../../../src/core/exchange/exchangeErrors';
import type { ExportProgress, ExportSource } from '../../../../src/core/exchange/exportOptions';
import { exportToFile, partialPathOf, StringSink, type ExportSink } from '../../../../src/core/exchange/exportSink';
import { exportHar } from '../../../../src/core/exchange/harExport';
import { exportJsonl } from '../../../../src/core/exchange/jsonlExport';
import type { HarLog } from '../../../../src/core/exchange/harTypes';

const MESSAGES = 20_000;

/** A WebSocket session's log of `messages` messages, built directly (no server needed for size). */
function bigSession(messages = MESSAGES): ExportSource & { log: MemoryEventLog } {
  const log = new MemoryEventLog({ maxEvents: 1_000_000, maxPayloadBytes: 1 << 30 });
  const at = (n: number): Pick<NewLogEvent, 'time' | 'mono'> => ({ time: 1_700_000_000_000 + n, mono: n });
  const url = 'ws://127.0.0.1:9/feed';
  log.append({
    ...at(0),
    direction: 'out',
    layer: 'http',
    type: 'handshake-request',
    size: 0,
    meta: { request: { method: 'GET', url, headers: [] } },
  });
  log.append({
    ...at(1),
    direction: 'in',
    layer: 'http',
    type: 'handshake-response',
    size: 0,
    meta: { response: { status: 101, statusText: 'Switching Protocols', headers: [] }, durationMs: 1 },
  });
  for (let i = 0; i < messages; i++) {
    const text = `{"n":${i},"pad":"${'x'.repeat(80)}"}`;
    log.append({
      ...at(2 + i),
      direction: i % 2 ? 'in' : 'out',
      layer: 'ws',
      type: 'message',
      size: text.length,
      payload: { kind: 'text', text, byteLength: text.length },
      meta: { frame: { opcode: 1 } },
    });
  }
  const info = {
    state: 'closed' as const,
    url,
    kind: 'websocket' as const,
    startedAt: 1_700_000_000_000,
    messagesIn: 0,
    messagesOut: 0,
    bytesIn: 0,
    bytesOut: 0,
  };
  return { log, info };
}

/** A sink that resolves each write a turn later and records how many were in flight at once. */
class SlowSink implements ExportSink {
  inFlight = 0;
  maxInFlight = 0;
  readonly sizes: number[] = [];
  private readonly chunks: string[] = [];
  async write(chunk: string): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.chunks.push(chunk);
    this.sizes.push(chunk.length);
    this.inFlight--;
  }
  text(): string {
    return this.chunks.join('');
  }
}

describe('large exports: streamed, awaited, cancellable (issue 10)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'ri-export-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the log one page at a time, awaits every write, and reports progress up to the total', async () => {
    const source = bigSession();
    const pageSizes: number[] = [];
    const page = source.log.page.bind(source.log);
    source.log.page = (from: number, limit: number): LogEvent[] => {
      pageSizes.push(limit);
      return page(from, limit);
    };
    const sink = new SlowSink();
    const progress: ExportProgress[] = [];
    const outcome = await exportHar(source, sink, { pageSize: 1000, onProgress: (p) => progress.push({ ...p }) });
    assert.ok(outcome.ok);
    assert.ok(Math.max(...pageSizes) <= 1000, 'never more than a page asked for');
    assert.ok(
      pageSizes.length >= (2 * MESSAGES) / 1000,
      'the messages were read by page (twice: the scan and the entry)',
    );
    assert.equal(sink.maxInFlight, 1, 'each write awaited before the next');
    assert.ok(sink.sizes.length > 10 && Math.max(...sink.sizes) < 200_000, 'written in bounded chunks');
    const log = (JSON.parse(sink.text()) as { log: HarLog }).log;
    assert.equal(log.entries[0]._webSocketMessages!.length, MESSAGES);
    assert.ok(progress.length > 10);
    assert.ok(
      progress.every((p, i) => i === 0 || (p.events >= progress[i - 1].events && p.written >= progress[i - 1].written)),
    );
    assert.deepEqual(progress.at(-1), { events: MESSAGES + 2, total: MESSAGES + 2, written: sink.text().length });
  });

  for (const [format, run] of [
    ['HAR', exportHar],
    ['JSON Lines', exportJsonl],
  ] as const) {
    it(`${format}: cancelled midway — a cancellation outcome, and no file left behind`, async () => {
      const source = bigSession();
      const target = path.join(dir, 'session.out');
      const controller = new AbortController();
      let reports = 0;
      const outcome = await exportToFile(target, (sink) =>
        run(source, sink, {
          pageSize: 500,
          signal: controller.signal,
          onProgress: () => ++reports === 3 && controller.abort(),
        }),
      );
      assert.ok(!outcome.ok && outcome.cancelled);
      assert.equal(outcome.error.code, ExchangeErrorCode.ExportCancelled);
      assert.equal(outcome.error.message, 'The export was cancelled; the file is incomplete.');
      assert.equal(reports, 3, 'it stopped at the next page');
      assert.ok(!existsSync(target), 'no file claims to be the export');
      assert.ok(!existsSync(partialPathOf(target)), 'and the partial file is removed');
    });
  }

  it('a finished export is moved into place whole, replacing an older file; nothing partial remains', async () => {
    const source = bigSession(300);
    const target = path.join(dir, 'session.har');
    writeFileSync(target, 'an older export');
    const outcome = await exportToFile(target, (sink) => exportHar(source, sink));
    assert.ok(outcome.ok);
    const log = (JSON.parse(readFileSync(target, 'utf8')) as { log: HarLog }).log;
    assert.equal(log.entries[0]._webSocketMessages!.length, 300);
    assert.ok(!existsSync(partialPathOf(target)));
  });

  it('a sink that fails: a write-failure outcome (not a cancellation), the file gone', async () => {
    const source = bigSession(5000);
    const target = path.join(dir, 'full.jsonl');
    const outcome = await exportToFile(target, async (sink) => {
      let writes = 0;
      const failing: ExportSink = {
        write: (chunk) =>
          ++writes > 2
            ? Promise.reject(Object.assign(new Error('no space left'), { code: 'ENOSPC' }))
            : sink.write(chunk),
      };
      return exportJsonl(source, failing);
    });
    assert.ok(!outcome.ok && !outcome.cancelled);
    assert.equal(outcome.error.code, ExchangeErrorCode.ExportWriteFailed);
    assert.match(outcome.error.message, /no space left/);
    assert.ok(!existsSync(target) && !existsSync(partialPathOf(target)));
  });

  it('exports the log as it stood when the export started, while events go on being appended', async () => {
    const source = bigSession(3000);
    const before = source.log.count;
    const sink = new StringSink();
    const outcome = await exportJsonl(source, sink, {
      pageSize: 100,
      onProgress: () => source.log.append({ time: 1, mono: 1, direction: 'in', layer: 'ws', type: 'message', size: 0 }),
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.events, before);
    assert.ok(source.log.count > before, 'events were appended during the export');
    const lines = sink.text().trimEnd().split('\n');
    assert.equal(lines.length, before + 2, 'header, the events of the start, end line');
    assert.deepEqual(JSON.parse(lines.at(-1)!), { format: 'realtime-inspector-jsonl', end: true, events: before });
  });
});
