/**
 * An event is finished when it is appended (issue #8): with a log that freezes every event it stores,
 * a Socket.IO and an Engine.IO session run their whole script without one internal error (a write to a
 * frozen event throws in strict mode), and every sent message keeps the request it was sent from.
 */
import assert from 'node:assert/strict';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { useSessions, waitForEvent } from '../../support/sessions';
import { DEADLINE_MS } from './serverMatrixHelpers';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !ArrayBuffer.isView(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

class FreezingLog extends MemoryEventLog {
  override append(event: NewLogEvent): LogEvent {
    return deepFreeze(super.append(event));
  }
}

const internalErrors = (log: MemoryEventLog): string[] =>
  log
    .page(1, log.count)
    .filter((e) => e.meta?.error?.code === 'RI_INTERNAL')
    .map((e) => e.meta!.error!.message);

describe('events are complete when appended', function () {
  this.timeout(20000);
  const fixture = useSessions();

  it('Socket.IO: connect, emit with ack and binary, answer an ack, disconnect — each row keeps meta.send', async () => {
    const server = await fixture.socketIo('socket.io@4.8.4');
    const log = new FreezingLog();
    const session = fixture.engineSession({ kind: 'socketio', url: server.url, namespaces: [{ name: '/' }] }, { log });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in', DEADLINE_MS);
    const requests = [
      { kind: 'sio-emit', namespace: '/', event: 'echo', args: '["x",{"$binary":"AQID"}]', ack: true },
      { kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false },
    ] as const;
    const sent = requests.map((request) => session.send(request));
    const asked = await waitForEvent(session, (e) => e.meta?.sio?.event === 'please-ack', DEADLINE_MS);
    const ack = { kind: 'sio-ack', namespace: '/', id: asked.meta!.sio!.ackId!, args: '["y"]' } as const;
    sent.push(session.send(ack));
    await waitForEvent(session, (e) => e.meta?.sio?.ackOf !== undefined, DEADLINE_MS);
    const leave = { kind: 'sio-disconnect', namespace: '/' } as const;
    sent.push(session.send(leave));
    const join = { kind: 'sio-connect', namespace: '/' } as const;
    sent.push(session.send(join));
    assert.deepEqual(
      sent.map((outcome) => (outcome.ok ? log.get(outcome.seq)?.meta?.send : outcome.error)),
      [...requests, ack, leave, join],
    );
    assert.deepEqual(internalErrors(log), []);
  });

  it('Engine.IO: text and binary messages keep meta.send, over polling then WebSocket', async () => {
    const server = await fixture.engineIo('engine.io@6.6.12');
    const log = new FreezingLog();
    const session = fixture.engineSession({ url: server.url }, { log });
    await session.start();
    const text = { kind: 'text', text: 'one' } as const;
    const first = session.send(text);
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
    const binary = { kind: 'binary', encoding: 'hex', data: '01 02' } as const;
    const second = session.send(binary);
    assert.ok(first.ok && second.ok);
    assert.deepEqual(log.get(first.seq)?.meta?.send, text);
    assert.deepEqual(log.get(second.seq)?.meta?.send, binary);
    await waitForEvent(
      session,
      (e) => e.type === 'eio-message' && e.direction === 'in' && e.payload?.kind === 'binary',
      DEADLINE_MS,
    );
    assert.deepEqual(internalErrors(log), []);
  });
});
