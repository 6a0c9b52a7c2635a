/**
 * Issue #9, "nothing dropped silently": when a hard limit forces the store to let events go (the disk budget,
 * a write or read error, no folder at all), it lets go of the oldest, counts them in `dropped` and `stats()`,
 * names the error, never throws, and keeps what it holds one run of seqs: dropped + 1 … count.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EventLogStats } from '../../../../../src/core/events/eventLog';
import { removeOrphanedLogFolders, type SpillFs } from '../../../../../src/core/events/store/segmentFiles';
import { SpillingEventLog, type SpillingEventLogOptions } from '../../../../../src/core/events/store/spillingEventLog';
import { filesUnder, seqs, tempRoot, textEvent, withSeq } from './storeFixtures';

const KiB = 1024;
const SMALL: SpillingEventLogOptions = { memoryBudgetBytes: 64 * KiB, blockBytes: 4 * KiB, segmentFileBytes: 16 * KiB };

/** What every log must satisfy after any drop: counts add up and exactly seq dropped + 1 … count is held. */
function assertHeldRun(log: SpillingEventLog): EventLogStats {
  const stats = log.stats();
  assert.equal(stats.dropped, log.dropped);
  assert.equal(stats.events, log.count);
  assert.equal(stats.inMemory + stats.onDisk + stats.dropped, stats.events, JSON.stringify(stats));
  assert.equal(log.get(log.dropped), undefined, 'the newest dropped seq is gone');
  assert.deepStrictEqual(
    seqs(log.page(1, 3)),
    [1, 2, 3].map((i) => log.dropped + i).filter((s) => s <= log.count),
  );
  const all = log.page(1, log.count);
  assert.equal(all.length, log.count - log.dropped);
  all.forEach((event, i) =>
    assert.deepStrictEqual(event, withSeq(textEvent(log.dropped + 1 + i), log.dropped + 1 + i)),
  );
  return stats;
}

/** node:fs with `writeSync`/`readSync` replaced while `failing()` says so. */
function flakyFs(fail: { write?: () => string | undefined; read?: () => string | undefined }): SpillFs {
  const error = (code: string): Error => Object.assign(new Error(`${code}: injected`), { code });
  return {
    ...fs,
    writeSync: (fd, buffer, offset, length, position) => {
      const code = fail.write?.();
      if (code) throw error(code);
      return fs.writeSync(fd, buffer, offset, length, position);
    },
    readSync: (fd, buffer, offset, length, position) => {
      const code = fail.read?.();
      if (code) throw error(code);
      return fs.readSync(fd, buffer, offset, length, position);
    },
  } as SpillFs;
}

describe('SpillingEventLog drops', () => {
  const root = tempRoot();
  const logs: SpillingEventLog[] = [];
  const newLog = (options: SpillingEventLogOptions): SpillingEventLog => {
    const log = new SpillingEventLog({ ...SMALL, ...options });
    logs.push(log);
    return log;
  };
  afterEach(() => logs.splice(0).forEach((log) => log.dispose()));

  it('past the disk budget lets go of the oldest segment file, counted, with seqs unchanged', () => {
    const dir = path.join(root, 'disk-budget');
    const log = newLog({ dir, diskBudgetBytes: 48 * KiB });
    for (let n = 1; n <= 6000; n++) log.append(textEvent(n));
    const stats = assertHeldRun(log);
    assert.ok(stats.dropped > 0 && stats.onDisk > 0, JSON.stringify(stats));
    assert.ok(stats.diskBytes <= 48 * KiB, `disk ${stats.diskBytes}`);
    assert.ok(filesUnder(dir).length <= 3, filesUnder(dir).join(', '));
    assert.equal(stats.diskError, undefined, 'a budget is not an error');
  });

  it('without a folder it is a compact in-memory log: past the budget the oldest blocks are let go', () => {
    const log = newLog({ dir: undefined });
    for (let n = 1; n <= 3000; n++) log.append(textEvent(n));
    const stats = assertHeldRun(log);
    assert.ok(stats.dropped > 0 && stats.onDisk === 0 && stats.diskBytes === 0);
    assert.ok(stats.memoryBytes <= 68 * KiB);
  });

  it('a folder that cannot be made (ENOTDIR) costs the events of each block that cannot go to disk', () => {
    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, 'not a folder');
    const log = newLog({ dir: path.join(file, 'logs') });
    assert.doesNotThrow(() => {
      for (let n = 1; n <= 3000; n++) log.append(textEvent(n));
    });
    const stats = assertHeldRun(log);
    assert.ok(stats.dropped > 0 && stats.onDisk === 0);
    assert.equal(stats.diskError, 'ENOTDIR');
  });

  it('a write error (ENOSPC) lets go of the disk and the failed block, then spilling resumes', () => {
    const dir = path.join(root, 'enospc');
    let writes = 0;
    let full = false;
    const log = newLog({ dir, fs: flakyFs({ write: () => (writes++, full ? 'ENOSPC' : undefined) }) });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    const before = assertHeldRun(log);
    assert.ok(before.onDisk > 0 && before.dropped === 0);
    full = true;
    const writesBefore = writes;
    for (let n = 2001; n <= 2100; n++) log.append(textEvent(n));
    assert.ok(writes > writesBefore, 'a spill was attempted');
    const failed = assertHeldRun(log);
    assert.equal(failed.diskError, 'ENOSPC');
    assert.ok(failed.dropped > before.onDisk, 'everything on disk and the block that failed');
    assert.equal(failed.onDisk, 0);
    assert.deepEqual(filesUnder(dir), [], 'the files are deleted: the space is given back');
    full = false;
    for (let n = 2101; n <= 4000; n++) log.append(textEvent(n));
    const resumed = assertHeldRun(log);
    assert.equal(resumed.dropped, failed.dropped, 'nothing more lost once the disk works again');
    assert.ok(resumed.onDisk > 0 && filesUnder(dir).length > 0);
  });

  it('a short write is completed, not mistaken for an error', () => {
    const shortFs = { ...fs } as SpillFs;
    shortFs.writeSync = (fd, buffer, offset, length, position) =>
      fs.writeSync(fd, buffer, offset, Math.min(length, 1000), position);
    const log = newLog({ dir: path.join(root, 'short'), fs: shortFs });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    const stats = assertHeldRun(log);
    assert.ok(stats.onDisk > 0 && stats.dropped === 0);
  });

  it('a read error (EIO) lets go of that block and older ones, and the page is served from what is left', () => {
    let failReads = false;
    const log = newLog({ dir: path.join(root, 'eio'), fs: flakyFs({ read: () => (failReads ? 'EIO' : undefined) }) });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    const onDisk = log.stats().onDisk;
    failReads = true;
    assert.doesNotThrow(() => assert.equal(log.get(5), undefined));
    const firstBlock = log.dropped;
    assert.ok(firstBlock > 0 && firstBlock < onDisk, 'get lets go of the one block it could not read');
    assert.equal(log.get(firstBlock), undefined);
    const page = log.page(1, 10);
    assert.equal(page[0]?.seq, log.dropped + 1, 'starts at the first event still held');
    assert.equal(log.stats().diskError, 'EIO');
    assert.equal(log.dropped, onDisk, 'every block on disk failed in turn; memory is still served');
    failReads = false;
    assertHeldRun(log);
  });

  it('a log with no budget left for disk (larger blocks than the disk budget) drops instead of writing', () => {
    const dir = path.join(root, 'tiny-disk');
    const log = newLog({ dir, diskBudgetBytes: 1 * KiB });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    const stats = assertHeldRun(log);
    assert.ok(stats.dropped > 0 && stats.onDisk === 0 && stats.diskBytes === 0);
  });
});

describe('removeOrphanedLogFolders', () => {
  const root = tempRoot();

  it('removes the folders of processes that are gone, and only those', () => {
    for (const name of ['ri-log-111-aaaa', 'ri-log-222-bbbb', 'not-ours-111-cccc']) {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'segment-000001.bin'), 'x');
    }
    assert.equal(
      removeOrphanedLogFolders(root, (pid) => pid === 222),
      1,
    );
    assert.deepEqual(fs.readdirSync(root).sort(), ['not-ours-111-cccc', 'ri-log-222-bbbb']);
    assert.equal(removeOrphanedLogFolders(path.join(root, 'missing')), 0);
  });

  it("leaves a live log's folder alone", () => {
    const log = new SpillingEventLog({ ...SMALL, dir: root });
    for (let n = 1; n <= 2000; n++) log.append(textEvent(n));
    removeOrphanedLogFolders(root);
    assertHeldRun(log);
    assert.equal(log.dropped, 0);
    log.dispose();
  });
});
