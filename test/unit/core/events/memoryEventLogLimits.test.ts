/**
 * Issue #7: the in-memory log had no limit (a 1M-message flood held ~675 MB; 2,000 messages of 1 MiB
 * killed the host). Past its event count or payload bytes it lets the oldest events go, counts them,
 * and keeps seqs stable.
 */
import assert from 'node:assert/strict';
import type { NewLogEvent } from '../../../../src/core/events/logEvent';
import { DEFAULT_LOG_LIMITS, MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { binaryPayload } from '../../../../src/core/payload/storedPayload';

const message = (bytes = 0): NewLogEvent => ({
  time: 0,
  mono: 0,
  direction: 'in',
  layer: 'ws',
  type: 'message',
  size: bytes,
  payload: bytes ? binaryPayload(new Uint8Array(bytes), bytes) : undefined,
});

describe('MemoryEventLog limits', () => {
  it('keeps at most maxEvents, the newest, with stable seqs, and counts the rest', () => {
    const log = new MemoryEventLog({ maxEvents: 1000, maxPayloadBytes: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < 5000; i++) log.append(message());
    assert.equal(log.count, 5000);
    assert.equal(log.dropped, 4000);
    assert.equal(log.get(4000), undefined);
    assert.equal(log.get(4001)?.seq, 4001);
    assert.equal(log.get(5000)?.seq, 5000);
    assert.deepEqual(
      log.page(1, 3).map((e) => e.seq),
      [4001, 4002, 4003],
    );
    assert.deepEqual(
      log.page(4999, 10).map((e) => e.seq),
      [4999, 5000],
    );
    assert.equal(log.page(1, 5000).length, 1000);
  });

  it('keeps at most maxPayloadBytes of payloads: 2,000 messages of 1 MiB hold 64 MiB, not 2 GiB', () => {
    const log = new MemoryEventLog({ maxEvents: 1_000_000, maxPayloadBytes: 64 * 1024 * 1024 });
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 2000; i++) log.append(message(1024 * 1024));
    assert.equal(log.dropped, 2000 - 64);
    assert.equal(log.page(1, 10_000).length, 64);
    if (global.gc) global.gc();
    // Loose bound (GC may lag): far below the 2 GiB an unlimited log would hold.
    assert.ok(process.memoryUsage().arrayBuffers - before < 1024 * 1024 * 1024);
  });

  it('always keeps the newest event, even one larger than the whole budget', () => {
    const log = new MemoryEventLog({ maxEvents: 10, maxPayloadBytes: 1024 });
    log.append(message(10));
    log.append(message(4096));
    assert.equal(log.get(2)?.size, 4096);
    assert.equal(log.dropped, 1);
  });

  it('stats() counts what is held and what was let go, and holds nothing on disk', () => {
    const log = new MemoryEventLog({ maxEvents: 10, maxPayloadBytes: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < 25; i++) log.append(message(100));
    const stats = log.stats();
    assert.deepEqual(
      { ...stats, memoryBytes: 0 },
      {
        events: 25,
        inMemory: 10,
        onDisk: 0,
        dropped: 15,
        memoryBytes: 0,
        diskBytes: 0,
      },
    );
    assert.ok(stats.memoryBytes >= 10 * 100);
  });

  it('has limits by default', () => {
    assert.ok(DEFAULT_LOG_LIMITS.maxEvents > 0 && DEFAULT_LOG_LIMITS.maxEvents <= 1_000_000);
    assert.ok(DEFAULT_LOG_LIMITS.maxPayloadBytes <= 512 * 1024 * 1024);
  });
});
