/**
 * Reading a file into an offline session (importFile.ts): the format from our JSON Lines header or the name, a
 * real read stream with progress by bytes and entries, and files that cannot be read or break half-way ending in
 * an error with no session and the log given back.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { ExchangeErrorCode } from '../../../../src/core/exchange/exchangeErrors';
import type { ImportResult } from '../../../../src/core/exchange/importOptions';
import {
  formatOf,
  importFile,
  importFraction,
  type FileImportProgress,
} from '../../../../src/host/exchange/importFile';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/har');
const HEADER = { format: 'realtime-inspector-jsonl', version: 1, session: { kind: 'websocket', url: 'ws://h:1/x' } };
const EVENTS = [
  { seq: 1, time: 1_700_000_000_000, mono: 1, direction: 'local', layer: 'ws', type: 'connecting', size: 0 },
  {
    seq: 2,
    time: 1_700_000_000_005,
    mono: 6,
    direction: 'in',
    layer: 'ws',
    type: 'message',
    size: 2,
    payload: { kind: 'text', text: 'hi', byteLength: 2 },
  },
];
const END = { format: 'realtime-inspector-jsonl', end: true, events: EVENTS.length };

function jsonl(lines: unknown[]): string {
  return lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
}

/** A log factory that remembers its logs and whether each was disposed. */
function trackedLogs(): { factory: () => MemoryEventLog; logs: MemoryEventLog[]; disposed: Set<MemoryEventLog> } {
  const logs: MemoryEventLog[] = [];
  const disposed = new Set<MemoryEventLog>();
  const factory = (): MemoryEventLog => {
    const log = new MemoryEventLog();
    const dispose = log.dispose.bind(log);
    log.dispose = () => {
      disposed.add(log);
      dispose();
    };
    logs.push(log);
    return log;
  };
  return { factory, logs, disposed };
}

function failure(result: ImportResult): { code: string; message: string } {
  assert.equal(result.ok, false, 'the import failed');
  return result.ok ? { code: '', message: '' } : result.error;
}

describe('importFile', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ri-import-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('knows our JSON Lines by its header whatever the name, else by .jsonl; anything else is read as HAR', () => {
    const head = jsonl([HEADER]).slice(0, 60);
    assert.equal(formatOf('capture.har', head), 'jsonl');
    assert.equal(formatOf('capture.json', `\uFEFF  ${head}`), 'jsonl');
    assert.equal(formatOf('other.JSONL', '{"a":1}'), 'jsonl');
    assert.equal(formatOf('capture.json', '{"log":{"version":"1.2"'), 'har');
    assert.equal(formatOf('capture', ''), 'har');
  });

  it('reports a JSON Lines file by bytes read, a HAR half by bytes and half by entries played', () => {
    assert.equal(importFraction({ read: 25, size: 100 }), 0.25);
    assert.equal(importFraction({ read: 0, size: 0 }), 1);
    assert.equal(importFraction({ read: 100, size: 100, entries: { done: 3, total: 6 } }), 0.75);
    assert.equal(importFraction({ read: 100, size: 100, entries: { done: 1 } }), 0.5);
  });

  it('imports a Chrome DevTools HAR saved as .json, with progress up to the whole file and every entry', async () => {
    const file = write('chrome.json', fs.readFileSync(path.join(FIXTURES, 'chrome-socketio.har'), 'utf8'));
    const seen: FileImportProgress[] = [];
    const { factory, logs } = trackedLogs();
    const result = await importFile(file, { logFactory: factory, onProgress: (p) => seen.push(p) });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.session.importedFrom, { format: 'har', creator: 'WebInspector 537.36' });
    assert.equal(result.session.info.kind, 'socketio');
    assert.equal(logs.length, 1);
    assert.ok(result.session.log.count > 0);
    const last = seen[seen.length - 1];
    assert.equal(last.read, fs.statSync(file).size);
    assert.equal(last.entries?.done, last.entries?.total);
    assert.equal(importFraction(last), 1);
  });

  it('imports our JSON Lines even when it is named .har', async () => {
    const file = write('ours.har', jsonl([HEADER, ...EVENTS, END]));
    const result = await importFile(file, { logFactory: () => new MemoryEventLog() });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.deepEqual(result.session.importedFrom, { format: 'jsonl' });
    assert.equal(result.session.log.count, 2);
    assert.equal(result.session.log.get(2)?.payload?.kind, 'text');
  });

  it('says a missing file or a folder cannot be read, with the system code but not the path', async () => {
    const missing = failure(await importFile(path.join(dir, 'nope.har'), { logFactory: () => new MemoryEventLog() }));
    assert.equal(missing.code, ExchangeErrorCode.ImportUnreadable);
    assert.equal(missing.message, 'The file cannot be read: It could not be opened (ENOENT).');
    const folder = failure(await importFile(dir, { logFactory: () => new MemoryEventLog() }));
    assert.equal(folder.code, ExchangeErrorCode.ImportUnreadable);
    assert.match(folder.message, /not a file/);
  });

  it('gives back the log of a file cut short, and names the line where another breaks', async () => {
    const { factory, logs, disposed } = trackedLogs();
    const cut = failure(await importFile(write('cut.jsonl', jsonl([HEADER, ...EVENTS])), { logFactory: factory }));
    assert.equal(cut.code, ExchangeErrorCode.ImportIncomplete);
    assert.ok(
      logs.every((log) => disposed.has(log)),
      'every log made was disposed',
    );
    const broken = jsonl([HEADER, EVENTS[0]]) + '{"seq":2,\n';
    const bad = failure(await importFile(write('bad.jsonl', broken), { logFactory: factory }));
    assert.equal(bad.code, ExchangeErrorCode.ImportMalformed);
    assert.match(bad.message, /^Line 3 is not valid JSON/);
    assert.ok(logs.every((log) => disposed.has(log)));
  });

  it('stops when cancelled, with no session', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = write('cancel.jsonl', jsonl([HEADER, ...EVENTS, END]));
    const result = await importFile(file, { logFactory: () => new MemoryEventLog(), signal: controller.signal });
    assert.equal(failure(result).code, ExchangeErrorCode.ImportCancelled);
  });
});
