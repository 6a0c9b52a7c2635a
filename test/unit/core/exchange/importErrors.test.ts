/**
 * A file that cannot be imported gets an error that says where it broke (issue 10) — the JSON line and column,
 * the entry of a HAR, the line of a JSON Lines file — with a stable code, and nothing half-imported survives: the
 * log the importer asked for is disposed. Files too large are refused with the limit named; a JSON Lines file is
 * read line by line from a stream.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { EventLog } from '../../../../src/core/events/eventLog';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { ExchangeErrorCode } from '../../../../src/core/exchange/exchangeErrors';
import { importHar } from '../../../../src/core/exchange/harImport';
import type { ImportResult } from '../../../../src/core/exchange/importOptions';
import { importJsonl } from '../../../../src/core/exchange/jsonlImport';
import { memoryLog } from './exchangeFixture';

const CHROME = readFileSync(path.join(__dirname, '../../../fixtures/har/chrome-socketio.har'), 'utf8');

/** A log factory that remembers the logs it made and whether each was disposed. */
function trackedLogs(): { factory: () => EventLog; made: Array<{ log: MemoryEventLog; disposed: boolean }> } {
  const made: Array<{ log: MemoryEventLog; disposed: boolean }> = [];
  const factory = (): EventLog => {
    const record = { log: new MemoryEventLog(), disposed: false };
    const dispose = record.log.dispose.bind(record.log);
    record.log.dispose = () => {
      record.disposed = true;
      dispose();
    };
    made.push(record);
    return record.log;
  };
  return { factory, made };
}

function failure(result: ImportResult): Extract<ImportResult, { ok: false }>['error'] {
  assert.ok(!result.ok, 'the import fails');
  return result.error;
}

function withChrome(
  edit: (har: { log: Record<string, unknown> & { entries: Array<Record<string, unknown>> } }) => void,
): string {
  const har = JSON.parse(CHROME);
  edit(har);
  return JSON.stringify(har, null, 2);
}

async function* chunked(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const JSONL_HEADER = JSON.stringify({
  format: 'realtime-inspector-jsonl',
  version: 1,
  session: { kind: 'websocket', url: 'ws://h/', startedAt: 1 },
});
const event = (seq: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    time: 1000 + seq,
    mono: seq,
    direction: 'in',
    layer: 'ws',
    type: 'message',
    size: 1,
    seq,
    ...extra,
  });
const END = (events: number): string => JSON.stringify({ format: 'realtime-inspector-jsonl', end: true, events });

describe('import errors say where the file broke (issue 10)', () => {
  describe('HAR', () => {
    it('truncated JSON: the line and column where the text ends', async () => {
      const cut = CHROME.slice(0, 1500);
      const error = failure(await importHar(cut, { logFactory: memoryLog }));
      assert.equal(error.code, ExchangeErrorCode.ImportMalformed);
      const lines = cut.split('\n');
      assert.deepEqual(error.where, { line: lines.length, column: lines.at(-1)!.length + 1, position: cut.length });
      assert.match(
        error.message,
        new RegExp(`not valid JSON: Unexpected end of JSON input at line ${lines.length}, column`),
      );
    });

    it('a syntax error inside the file: its line and column', async () => {
      const lines = CHROME.split('\n');
      const target = lines.findIndex((l) => l.includes('"_priority"'));
      lines[target] = lines[target].replace('"_priority":', '"_priority";');
      const error = failure(await importHar(lines.join('\n'), { logFactory: memoryLog }));
      assert.equal(error.where?.line, target + 1);
      assert.equal(error.where?.column, lines[target].indexOf(';') + 1);
      assert.match(error.message, new RegExp(`line ${target + 1}, column ${lines[target].indexOf(';') + 1}`));
    });

    it('a HAR version it does not read', async () => {
      const error = failure(
        await importHar(
          withChrome((h) => (h.log.version = '2.0')),
          { logFactory: memoryLog },
        ),
      );
      assert.equal(error.code, ExchangeErrorCode.ImportUnsupported);
      assert.equal(error.message, 'HAR version "2.0" is not supported: HAR 1.1 and 1.2 are.');
    });

    it('not a HAR at all', async () => {
      const error = failure(await importHar('{"entries":[]}', { logFactory: memoryLog }));
      assert.equal(error.message, 'This is not a HAR file: it has no "log" object.');
    });

    it('an entry without a request: the entry named', async () => {
      const text = withChrome((h) => delete h.log.entries[2].request);
      const error = failure(await importHar(text, { logFactory: memoryLog }));
      assert.equal(error.code, ExchangeErrorCode.ImportMalformed);
      assert.equal(error.message, 'log.entries[2] has no request.');
      assert.deepEqual(error.where, { entry: 2 });
    });

    it('an entry whose start is not a date', async () => {
      const text = withChrome((h) => (h.log.entries[4].startedDateTime = 'yesterday'));
      const error = failure(await importHar(text, { logFactory: memoryLog }));
      assert.equal(error.message, 'log.entries[4] has a startedDateTime that is not a date (yesterday).');
    });

    it('a file over the limit is refused before it is all read, with the limit named', async () => {
      let chunksRead = 0;
      async function* counted(): AsyncGenerator<Uint8Array> {
        for await (const chunk of chunked(CHROME, 1024)) {
          chunksRead++;
          yield chunk;
        }
      }
      const error = failure(await importHar(counted(), { logFactory: memoryLog, maxBytes: 4096 }));
      assert.equal(error.code, ExchangeErrorCode.ImportTooLarge);
      assert.match(error.message, /larger than 4096 bytes/);
      assert.equal(chunksRead, 5, 'reading stopped at the chunk that crossed the limit');
      const mib = failure(await importHar(CHROME, { logFactory: memoryLog, maxBytes: 1024 * 1024 * 0 + 8192 }));
      assert.match(mib.message, /8192 bytes/);
    });

    it('a HAR read from a stream of chunks (a character split between chunks) imports', async () => {
      const result = await importHar(chunked(CHROME.replace('\\"hello\\"', '\\"héllo ✓\\"'), 7), {
        logFactory: memoryLog,
      });
      assert.ok(result.ok);
      const sent = result.session.log.page(1, 500).find((e) => e.meta?.sio?.event === 'chat message');
      assert.equal(sent?.payload?.kind === 'text' && sent.payload.text, '["chat message","héllo ✓"]');
    });

    it('no entries: an empty-file error, and no log made', async () => {
      const logs = trackedLogs();
      const error = failure(
        await importHar(
          withChrome((h) => (h.log.entries = [])),
          { logFactory: logs.factory },
        ),
      );
      assert.equal(error.code, ExchangeErrorCode.ImportEmpty);
      assert.equal(logs.made.length, 0);
    });

    it('cancelled while playing a large file: the half-filled log is disposed', async () => {
      const messages = Array.from({ length: 10_000 }, (_, i) => ({
        type: 'receive',
        time: 1714644931 + i / 1000,
        opcode: 1,
        data: `m${i}`,
      }));
      const text = withChrome((h) => {
        h.log.entries[3]._webSocketMessages = messages;
      });
      const logs = trackedLogs();
      const controller = new AbortController();
      const result = await importHar(text, {
        logFactory: logs.factory,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      assert.equal(failure(result).code, ExchangeErrorCode.ImportCancelled);
      assert.equal(logs.made.length, 1);
      assert.ok(logs.made[0].log.count > 0 && logs.made[0].disposed, 'events had been appended, and the log is gone');
    });
  });

  describe('JSON Lines', () => {
    it('a line that is not JSON: its number and column', async () => {
      const text = [JSONL_HEADER, event(1), '{"time": 12,, "x": 1}', END(2)].join('\n');
      const logs = trackedLogs();
      const error = failure(await importJsonl(text, { logFactory: logs.factory }));
      assert.equal(error.code, ExchangeErrorCode.ImportMalformed);
      assert.deepEqual(error.where, { line: 3, column: 13 });
      assert.match(error.message, /^Line 3 is not valid JSON: .* at line 3, column 13/);
      assert.ok(logs.made[0].disposed, 'the event already appended went with its log');
    });

    it('an event with a wrong field: the line and the field', async () => {
      const text = [JSONL_HEADER, event(1), event(2, { direction: 'sideways' }), END(2)].join('\n');
      const error = failure(await importJsonl(text, { logFactory: memoryLog }));
      assert.equal(error.message, 'Line 3 is not an event: "direction" must be "in", "out" or "local".');
      const headers = [JSONL_HEADER, event(1, { meta: { request: { headers: [['a']] } } }), END(1)].join('\n');
      const bad = failure(await importJsonl(headers, { logFactory: memoryLog }));
      assert.equal(
        bad.message,
        'Line 2 is not an event: "meta.request.headers" must be a list of [name, value] pairs.',
      );
    });

    it('not our format, or a newer version', async () => {
      const foreign = failure(await importJsonl('{"hello":1}\n', { logFactory: memoryLog }));
      assert.equal(foreign.code, ExchangeErrorCode.ImportUnsupported);
      assert.match(foreign.message, /does not start a Realtime Inspector JSON Lines file/);
      const newer = JSONL_HEADER.replace('"version":1', '"version":2');
      const error = failure(await importJsonl(`${newer}\n${END(0)}\n`, { logFactory: memoryLog }));
      assert.equal(error.message, 'Line 1: format version 2 is a newer version than this importer reads (1).');
    });

    it('a file cut short (no end line) is incomplete, not a shorter session', async () => {
      const logs = trackedLogs();
      const error = failure(
        await importJsonl([JSONL_HEADER, event(1), event(2)].join('\n'), { logFactory: logs.factory }),
      );
      assert.equal(error.code, ExchangeErrorCode.ImportIncomplete);
      assert.equal(error.message, 'The file ends after 2 event(s) without its end line: it was cut short.');
      assert.ok(logs.made[0].disposed);
      const miscounted = failure(
        await importJsonl([JSONL_HEADER, event(1), END(5)].join('\n'), { logFactory: memoryLog }),
      );
      assert.equal(miscounted.message, 'Line 3: the end line counts 5 event(s), the file holds 1.');
    });

    it('seqs that go back, and lines after the end', async () => {
      const back = failure(
        await importJsonl([JSONL_HEADER, event(2), event(1), END(2)].join('\n'), { logFactory: memoryLog }),
      );
      assert.equal(back.message, 'Line 3: seq 1 does not follow seq 2.');
      const after = failure(await importJsonl([JSONL_HEADER, END(0), event(1)].join('\n'), { logFactory: memoryLog }));
      assert.equal(after.message, 'Line 3: nothing may follow the end line (line 2).');
    });

    it('a line over the limit is refused with the limit named', async () => {
      const text = [
        JSONL_HEADER,
        event(1, { payload: { kind: 'text', text: 'x'.repeat(5000), byteLength: 5000 } }),
        END(1),
      ].join('\n');
      const error = failure(await importJsonl(text, { logFactory: memoryLog, maxBytes: 4000 }));
      assert.equal(error.code, ExchangeErrorCode.ImportTooLarge);
      assert.equal(error.message, 'Line 2 is longer than 4000 characters, the longest line a JSON Lines import reads.');
    });

    it('is read line by line: events are in the log before the stream has been read to its end', async () => {
      const total = 5000;
      let yielded = 0;
      let yieldedAtFirstAppend = -1;
      async function* lines(): AsyncGenerator<string> {
        yield `${JSONL_HEADER}\n`;
        for (let seq = 1; seq <= total; seq++) {
          yielded++;
          yield `${event(seq)}\r\n`;
        }
        yield END(total);
      }
      const log = new MemoryEventLog();
      log.onAppend(() => {
        if (yieldedAtFirstAppend < 0) yieldedAtFirstAppend = yielded;
      });
      const result = await importJsonl(lines(), { logFactory: () => log });
      assert.ok(result.ok);
      assert.equal(result.session.log.count, total);
      assert.equal(yieldedAtFirstAppend, 1, 'the first event was appended as soon as its line was read');
    });

    it('references are renumbered when the file starts later than seq 1 (the live log had let events go)', async () => {
      const lines = [
        JSONL_HEADER,
        event(41, { type: 'poll-request', direction: 'out', layer: 'http' }),
        event(42, { type: 'poll-response', meta: { requestSeq: 41, note: 'answers #41' }, parent: 41 }),
        event(43, {
          type: 'eio-message',
          layer: 'eio',
          parent: 42,
          meta: { sio: { packetType: 'ACK', namespace: '/', ackOf: 7 } },
        }),
        END(3),
      ];
      const result = await importJsonl(lines.join('\n'), { logFactory: memoryLog });
      assert.ok(result.ok);
      const [, response, child] = result.session.log.page(1, 3);
      assert.deepEqual(
        [response.seq, response.parent, response.meta?.requestSeq, response.meta?.note],
        [2, 1, 1, 'answers #1'],
      );
      assert.equal(child.parent, 2);
      assert.equal(child.meta?.sio?.ackOf, undefined, 'a reference to an event not in the file is dropped');
    });
  });
});
