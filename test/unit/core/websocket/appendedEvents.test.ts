/**
 * An event is finished when it is appended (style.md; issue #8): logs that outlive memory (disk, HAR)
 * never see a later change. A log that deep-freezes every event as it is appended proves the WebSocket
 * engine never changes one afterwards: a write to a frozen object throws a TypeError in the engine's
 * (strict) code, which its guard would turn into an RI_INTERNAL row — there must be none — and a
 * snapshot taken at append time must still equal the event at the end.
 */
import assert from 'node:assert/strict';
import type { Disposable } from '../../../../src/core/disposable';
import type { EventLog } from '../../../../src/core/events/eventLog';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import type { ResolvedWebSocketOptions } from '../../../../src/core/connection/connectionOptions';
import { WebSocketSession } from '../../../../src/core/websocket/webSocketSession';
import { startWsServer, type WsServer } from '../../../fixtures/servers/wsServer';
import { waitForEvent, waitForState } from '../../support/sessionEvents';

/** Freezes `value` and everything it holds. Byte arrays cannot be frozen (V8 refuses): the snapshot guards them. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value as object)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

/** A deep copy, byte arrays included, to compare with the event later. */
function snapshot(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (Array.isArray(value)) return value.map(snapshot);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
}

/** An EventLog that freezes each event deeply on append and remembers how it looked then. */
class FreezingLog implements EventLog {
  readonly inner = new MemoryEventLog();
  readonly atAppend = new Map<number, unknown>();
  get count(): number {
    return this.inner.count;
  }
  get dropped(): number {
    return this.inner.dropped;
  }
  append(event: NewLogEvent): LogEvent {
    deepFreeze(event);
    const stored = deepFreeze(this.inner.append(event));
    this.atAppend.set(stored.seq, snapshot(stored));
    return stored;
  }
  get(seq: number): LogEvent | undefined {
    return this.inner.get(seq);
  }
  page(fromSeq: number, limit: number): LogEvent[] {
    return this.inner.page(fromSeq, limit);
  }
  onAppend(listener: (event: LogEvent) => void): Disposable {
    return this.inner.onAppend(listener);
  }
  dispose(): void {
    this.inner.dispose();
  }
}

function resolved(options: Record<string, unknown>): ResolvedWebSocketOptions {
  const result = validateConnectionOptions({ kind: 'websocket', ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as ResolvedWebSocketOptions;
}

describe('WebSocket events are complete when appended', function () {
  this.timeout(8000);
  let server: WsServer;
  const sessions: WebSocketSession[] = [];

  before(async () => {
    server = await startWsServer({ tickMs: 50 });
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.dispose();
  });
  after(() => server.close());

  function run(log: FreezingLog, options: Record<string, unknown>): WebSocketSession {
    const session = new WebSocketSession(resolved(options), { log });
    sessions.push(session);
    return session;
  }

  function assertUnchanged(log: FreezingLog): void {
    const all = log.page(1, log.count);
    const internal = all.filter((e) => e.meta?.error?.code === 'RI_INTERNAL');
    assert.deepEqual(
      internal.map((e) => e.meta?.error?.message),
      [],
      'no TypeError from writing to an appended event',
    );
    for (const event of all)
      assert.deepEqual(snapshot(event), log.atAppend.get(event.seq), `event ${event.seq} (${event.type})`);
  }

  it('handshake, messages both ways, pings both ways, close: no event changes after its append', async () => {
    const log = new FreezingLog();
    const session = run(log, { url: `${server.url}/ping?ms=50` });
    assert.equal(await session.start(), 'open');
    assert.ok(session.send({ kind: 'text', text: 'hello' }).ok);
    assert.ok(session.send({ kind: 'binary', encoding: 'hex', data: '00 01 fe ff' }).ok);
    assert.notEqual(session.sendFrame('from a layer above'), undefined);
    await waitForEvent(session, (e) => e.direction === 'in' && e.type === 'message' && e.payload?.kind === 'binary');
    assert.ok(session.send({ kind: 'ping', text: 'p1' }).ok);
    await waitForEvent(session, (e) => e.direction === 'in' && e.type === 'pong');
    await waitForEvent(session, (e) => e.direction === 'out' && e.type === 'pong', 3000);
    assert.ok(session.send({ kind: 'close', code: 4000, reason: 'done' }).ok);
    await waitForState(session, 'closed');

    const types = new Set(log.page(1, log.count).map((e) => `${e.direction}:${e.type}`));
    for (const expected of [
      'out:handshake-request',
      'in:handshake-response',
      'local:open',
      'out:message',
      'in:message',
      'in:ping',
      'out:pong',
      'out:ping',
      'in:pong',
      'out:close-frame',
      'in:close-frame',
      'local:closed',
    ]) {
      assert.ok(types.has(expected), `${expected} was logged (${[...types].join(', ')})`);
    }
    // Data messages and pings a caller asked for carry their request (for replay) from the start.
    const sent = log.page(1, log.count).filter((e) => e.direction === 'out' && e.meta?.send);
    assert.deepEqual(
      sent.map((e) => e.meta!.send!.kind),
      ['text', 'binary', 'ping'],
      'meta.send is there at append time',
    );
    assertUnchanged(log);
  });

  it('a heartbeat and a close() of our own: no event changes after its append', async () => {
    const log = new FreezingLog();
    const session = run(log, { url: `${server.url}/echo`, heartbeatIntervalMs: 100 });
    assert.equal(await session.start(), 'open');
    await waitForEvent(session, (e) => e.type === 'pong' && typeof e.meta?.durationMs === 'number');
    await session.close();
    assert.equal(session.info.state, 'closed');
    assertUnchanged(log);
  });

  it('a failed handshake (404 with a body): no event changes after its append', async () => {
    const log = new FreezingLog();
    const session = run(log, { url: `${server.url}/nowhere` });
    assert.equal(await session.start(), 'closed');
    assert.equal(log.page(1, log.count).find((e) => e.type === 'error')?.meta?.error?.code, 'RI_UNEXPECTED_RESPONSE');
    assertUnchanged(log);
  });
});
