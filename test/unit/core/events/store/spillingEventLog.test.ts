/**
 * Issue #9: the store keeps every event of a session with its seq, within a memory budget; past it the
 * oldest blocks go to segment files and come back by get and page, across blocks, files and the
 * memory/disk boundary. No disk is touched by a session that stays within the budget.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogEvent } from '../../../../../src/core/events/logEvent';
import { SpillingEventLog, type SpillingEventLogOptions } from '../../../../../src/core/events/store/spillingEventLog';
import { binaryEvent, filesUnder, seqs, tempRoot, textEvent, withSeq } from './storeFixtures';

const KiB = 1024;
/** Small enough that a few thousand events spill across many blocks and several segment files. */
const SMALL: SpillingEventLogOptions = { memoryBudgetBytes: 64 * KiB, blockBytes: 4 * KiB, segmentFileBytes: 32 * KiB };

describe('SpillingEventLog', () => {
  const root = tempRoot();
  const logs: SpillingEventLog[] = [];
  const newLog = (options: SpillingEventLogOptions = {}): SpillingEventLog => {
    const log = new SpillingEventLog({ dir: root, ...options });
    logs.push(log);
    return log;
  };
  afterEach(() => logs.splice(0).forEach((log) => log.dispose()));

  describe('as an EventLog', () => {
    it('assigns seq from 1 without gaps; get gives back what append returned', () => {
      const log = newLog();
      const stored = [1, 2, 3].map((n) => log.append(textEvent(n)));
      assert.deepEqual(seqs(stored), [1, 2, 3]);
      assert.equal(log.count, 3);
      for (const event of stored) assert.deepStrictEqual(log.get(event.seq), event);
      assert.notEqual(log.get(1), log.get(1), 'each read decodes a fresh object');
    });

    it('get returns undefined for 0, negative, past the end, fractional, NaN, ±Infinity', () => {
      const log = newLog();
      for (let n = 1; n <= 3; n++) log.append(textEvent(n));
      for (const seq of [0, -1, 4, 1000, 1.5, 2.0001, NaN, Infinity, -Infinity])
        assert.equal(log.get(seq), undefined, String(seq));
    });

    it('page clamps its arguments as MemoryEventLog does', () => {
      const log = newLog();
      for (let n = 1; n <= 5; n++) log.append(textEvent(n));
      assert.deepEqual(seqs(log.page(1, 3)), [1, 2, 3]);
      assert.deepEqual(seqs(log.page(4, 10)), [4, 5]);
      assert.deepEqual(seqs(log.page(0, 2)), [1, 2]);
      assert.deepEqual(seqs(log.page(-10, 2)), [1, 2]);
      assert.deepEqual(seqs(log.page(2.5, 10)), [3, 4, 5]);
      assert.deepEqual(seqs(log.page(1, 2.9)), [1, 2]);
      for (const [from, limit] of [
        [6, 10],
        [1, 0],
        [1, -5],
        [1, 0.5],
        [NaN, 2],
        [1, NaN],
      ])
        assert.deepEqual(log.page(from, limit), [], `page(${from}, ${limit})`);
      assert.deepEqual(newLog().page(1, 10), []);
    });

    it('onAppend is called synchronously with the stored event; a listener can read it back', () => {
      const log = newLog();
      const seen: LogEvent[] = [];
      log.onAppend((e) => seen.push(e, log.get(e.seq) as LogEvent));
      const stored = log.append(textEvent(1));
      assert.equal(seen[0], stored);
      assert.deepStrictEqual(seen[1], stored);
    });
  });

  it('touches no disk while within the budget', () => {
    const dir = `${root}/never`;
    const log = newLog({ dir, memoryBudgetBytes: 1024 * KiB });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    assert.equal(fs.existsSync(dir), false);
    assert.deepEqual(
      { ...log.stats(), memoryBytes: 0 },
      {
        events: 2000,
        inMemory: 2000,
        onDisk: 0,
        dropped: 0,
        memoryBytes: 0,
        diskBytes: 0,
      },
    );
  });

  it('spills past the budget and reads every event back, with its seq, across blocks and segment files', () => {
    const dir = `${root}/spill`;
    const log = newLog({ ...SMALL, dir });
    const appended: LogEvent[] = [];
    for (let n = 1; n <= 5000; n++) appended.push(log.append(n % 4 ? textEvent(n) : binaryEvent(n)));
    const stats = log.stats();
    assert.equal(stats.dropped, 0);
    assert.ok(stats.onDisk > 3000 && stats.inMemory > 0, JSON.stringify(stats));
    assert.equal(stats.onDisk + stats.inMemory, 5000);
    assert.ok(filesUnder(dir).length >= 3, `several segment files: ${filesUnder(dir).join(', ')}`);
    assert.equal(
      stats.diskBytes,
      filesUnder(dir).reduce((sum, f) => sum + fs.statSync(`${dir}/${f}`).size, 0),
    );
    for (const event of appended) assert.deepStrictEqual(log.get(event.seq), event);
    assert.deepStrictEqual(log.page(1, 5000), appended);
    for (let from = 1; from <= 5000; from += 377) {
      assert.deepStrictEqual(log.page(from, 500), appended.slice(from - 1, from - 1 + 500), `page(${from}, 500)`);
    }
  });

  it('writes nothing readable to disk: a credential recorded in events is in no segment file, in any form', () => {
    const secret = 'Bearer-canary-7f3a9c1e55d2';
    const log = newLog(SMALL);
    const events = Array.from({ length: 2000 }, (_, i) => {
      const event = textEvent(i + 1);
      return { ...event, payload: { kind: 'text' as const, text: `{"auth":"${secret}","n":${i}}`, byteLength: 0 } };
    });
    for (const event of events) log.append(event);
    const files = filesUnder(root);
    assert.ok(files.length > 0 && log.stats().onDisk > 1000, 'most events went to disk');
    const forms = [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex'), 'canary'];
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(root, file));
      for (const form of forms) assert.equal(bytes.includes(form), false, `${form} in ${file}`);
      assert.equal(bytes.includes('"n":'), false, 'no plain JSON of the events either');
    }
    const back = log.page(1, 2000);
    assert.deepStrictEqual(
      back.map((e) => e.payload),
      events.map((e) => e.payload),
      'and everything reads back',
    );
    assert.deepStrictEqual(log.get(777)?.payload, events[776].payload, 'a single record from the middle of a block');
  });

  it('keeps memoryBytes within the budget plus one block after every append', () => {
    const log = newLog(SMALL);
    for (let n = 1; n <= 3000; n++) {
      log.append(textEvent(n));
      const { memoryBytes } = log.stats();
      assert.ok(memoryBytes <= 64 * KiB + 4 * KiB, `after ${n}: ${memoryBytes}`);
    }
    assert.ok(log.stats().memoryBytes > 32 * KiB, 'and uses what it is given');
  });

  it('pages across the memory/disk boundary are contiguous and exact', () => {
    const log = newLog(SMALL);
    const appended = Array.from({ length: 2000 }, (_, i) => log.append(textEvent(i + 1)));
    const boundary = log.stats().onDisk; // the last seq on disk
    assert.ok(boundary > 0 && boundary < 2000);
    assert.deepStrictEqual(log.get(boundary), appended[boundary - 1]);
    assert.deepStrictEqual(log.get(boundary + 1), appended[boundary]);
    for (const width of [1, 2, 17, 500]) {
      const from = Math.max(1, boundary - Math.floor(width / 2));
      assert.deepStrictEqual(log.page(from, width), appended.slice(from - 1, from - 1 + width), `width ${width}`);
    }
  });

  it('reads binary payloads (Uint8Array and Buffer) back from disk byte for byte', () => {
    const log = newLog(SMALL);
    const appended = Array.from({ length: 1500 }, (_, i) => log.append(binaryEvent(i + 1, (i * 7) % 300)));
    const buffered = log.append({
      ...binaryEvent(0),
      payload: { kind: 'binary', bytes: Buffer.from('ab'), byteLength: 2 },
    });
    for (let n = 0; n < 400; n++) log.append(textEvent(n)); // push the Buffer one out to disk too
    assert.ok(log.stats().onDisk > 1501);
    assert.deepStrictEqual(log.page(1, 1500), appended);
    assert.deepStrictEqual(log.get(buffered.seq), buffered);
  });

  it('stores an event larger than a block, or than the whole budget, and reads it back', () => {
    const log = newLog(SMALL);
    const big = log.append(binaryEvent(1, 100 * KiB));
    const after = Array.from({ length: 1000 }, (_, i) => log.append(textEvent(i)));
    assert.equal(log.stats().dropped, 0);
    assert.deepStrictEqual(log.get(big.seq), big);
    assert.deepStrictEqual(log.page(2, 1000), after);
  });

  it('dispose deletes the files and the folder; events on disk are let go, events in memory stay readable', () => {
    const dir = `${root}/dispose`;
    const log = new SpillingEventLog({ ...SMALL, dir });
    for (let n = 1; n <= 3000; n++) log.append(textEvent(n));
    const { onDisk, inMemory } = log.stats();
    assert.ok(filesUnder(dir).length > 0);
    log.dispose();
    assert.deepEqual(fs.readdirSync(dir), [], 'the log removed its own folder');
    assert.deepEqual(
      { ...log.stats(), memoryBytes: 0 },
      {
        events: 3000,
        inMemory,
        onDisk: 0,
        dropped: onDisk,
        memoryBytes: 0,
        diskBytes: 0,
      },
    );
    assert.equal(log.get(onDisk), undefined);
    assert.deepStrictEqual(log.get(onDisk + 1), withSeq(textEvent(onDisk + 1), onDisk + 1));
    for (let n = 1; n <= 3000; n++) log.append(textEvent(n));
    assert.deepEqual(fs.readdirSync(dir), [], 'a disposed log writes nothing more');
  });
});
