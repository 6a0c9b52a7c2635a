/**
 * Logs for the query tests: a small session with one event of each kind a filter tells apart, and a generator
 * of long logs.
 */
import type { Direction, Layer, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { QueryRunner } from '../../../../src/core/query/queryRunner';

export const T0 = 1_700_000_000_000;

/** A text event at T0 + i seconds. */
export function textEvent(i: number, text: string, over: Partial<NewLogEvent> = {}): NewLogEvent {
  return {
    time: T0 + i * 1000,
    mono: i,
    direction: 'in',
    layer: 'ws',
    type: 'message',
    size: text.length,
    payload: { kind: 'text', text, byteLength: text.length },
    ...over,
  };
}

function sioEvent(i: number, direction: Direction, namespace: string, event: string, text: string): NewLogEvent {
  const layer: Layer = 'sio';
  const sio = { packetType: 'EVENT', namespace, event };
  return textEvent(i, text, { direction, layer, type: 'sio-event', meta: { sio } });
}

/**
 * seq 1 connecting (local/ws), 2 out message `{"op":"Hello"}`, 3 in message `world reply`, 4 in sio `chat message`
 * on /chat, 5 out sio `kick` on /admin, 6 in eio ping, 7 in binary message, 8 in message `HELLO again`.
 */
export function sessionLog(): MemoryEventLog {
  const log = new MemoryEventLog();
  log.append({ time: T0 + 1000, mono: 1, direction: 'local', layer: 'ws', type: 'connecting', size: 0 });
  log.append(textEvent(2, '{"op":"Hello"}', { direction: 'out' }));
  log.append(textEvent(3, 'world reply'));
  log.append(sioEvent(4, 'in', '/chat', 'chat message', '42/chat,["chat message","hi there"]'));
  log.append(sioEvent(5, 'out', '/admin', 'kick', '42/admin,["kick",7]'));
  log.append({ time: T0 + 6000, mono: 6, direction: 'in', layer: 'eio', type: 'eio-ping', size: 1 });
  const bytes = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
  log.append({ ...textEvent(7, ''), type: 'message', payload: { kind: 'binary', bytes, byteLength: 4 }, size: 4 });
  log.append(textEvent(8, 'HELLO again'));
  return log;
}

/** A log of `count` events (kept whole up to 100,000); event i says `needle-i` when `isNeedle(i)`. */
export function longLog(count: number, isNeedle: (i: number) => boolean): MemoryEventLog {
  const log = new MemoryEventLog({ maxEvents: Math.max(count, 1000), maxPayloadBytes: 1 << 30 });
  for (let i = 1; i <= count; i++) log.append(textEvent(i, isNeedle(i) ? `needle-${i}` : `hay ${i}`));
  return log;
}

/** A text just long enough to make `(a+)+$` backtrack for longer than any test runs. */
export const CATASTROPHIC_TEXT = `${'a'.repeat(48)}!`;

/** A runner per test file, disposed after it (its worker with it). */
export function useRunner(): () => QueryRunner {
  let runner: QueryRunner | undefined;
  beforeEach(() => (runner = new QueryRunner()));
  afterEach(() => runner?.dispose());
  return () => runner!;
}
