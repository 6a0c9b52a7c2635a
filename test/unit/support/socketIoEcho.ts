/**
 * A recorded Socket.IO session with the binary round trips the exchange and replay tests need: polling then
 * WebSocket, upgraded, the server's welcome (a binary event) read, and an emit with a binary argument whose ack
 * came back. The session is left open for the test's own steps.
 */
import assert from 'node:assert/strict';
import type { Session } from '../../../src/core/session/session';
import type { SocketIoServerKind } from '../../fixtures/servers/socketIoServers';
import { waitForEvent, type SessionFixture } from './sessions';

/** Starts the session against a fresh `kind` server and waits for each step, `deadlineMs` at most per step. */
export async function startSocketIoEcho(
  fixture: SessionFixture,
  kind: SocketIoServerKind,
  deadlineMs: number,
): Promise<Session> {
  const server = await fixture.socketIo(kind);
  const session = fixture.session({ kind: 'socketio', url: server.url, transports: 'polling-then-websocket' });
  assert.equal(await session.start(), 'open');
  await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', deadlineMs);
  await waitForEvent(session, (e) => e.direction === 'in' && e.meta?.sio?.event === 'welcome', deadlineMs);
  const emit = session.send({
    kind: 'sio-emit',
    namespace: '/',
    event: 'echo',
    args: '["x",{"$binary":"AQID"}]',
    ack: true,
  });
  assert.ok(emit.ok);
  await waitForEvent(session, (e) => e.meta?.sio?.ackOf === emit.seq, deadlineMs);
  return session;
}
