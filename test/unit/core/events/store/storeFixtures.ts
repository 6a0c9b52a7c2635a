/** Events, temp folders and file listings for the store's tests. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogEvent, NewLogEvent } from '../../../../../src/core/events/logEvent';
import { binaryPayload, textPayload } from '../../../../../src/core/payload/storedPayload';

/** A small text message, numbered so a read-back can be checked (102-byte payload, as in the bench). */
export function textEvent(n: number): NewLogEvent {
  const text = `{"n":${n},"pad":"${'p'.repeat(80)}"}`.padEnd(102, ' ');
  return {
    time: 1_700_000_000_000 + n,
    mono: n + 0.5,
    direction: n % 2 ? 'in' : 'out',
    layer: 'ws',
    type: 'message',
    size: 102,
    payload: textPayload(text, 1024),
    meta: { frame: { opcode: 1, compressed: false, frames: 1, wireBytes: 104 } },
  };
}

/** A binary message whose bytes depend on n; some carry a parent. */
export function binaryEvent(n: number, length = 64): NewLogEvent {
  const bytes = new Uint8Array(length).map((_, i) => (n * 31 + i) & 0xff);
  return {
    time: n,
    mono: n,
    direction: 'in',
    layer: 'eio',
    type: 'message',
    size: length,
    payload: binaryPayload(bytes, length),
    ...(n % 3 === 0 ? { parent: n - 1 } : {}),
  };
}

/** What `append` should have kept for the n-th event. */
export const withSeq = (event: NewLogEvent, seq: number): LogEvent => ({ ...event, seq });

export const seqs = (events: LogEvent[]): number[] => events.map((e) => e.seq);

/** A fresh temp folder, removed after the current test file. */
export function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ri-store-test-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative paths. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .sort();
}
