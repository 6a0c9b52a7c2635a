/**
 * Liveness and reconnect together (issue 12 review): a server that stops answering pings is dropped by the
 * heartbeat, and the session reconnects — the missed pong named in the wait's row, nothing of the dead attempt
 * left on the clock but the wait itself. The engines and the waits share one manual clock.
 */
import assert from 'node:assert/strict';
import { WebSocketServer, type ServerOptions } from 'ws';
import type { ReconnectingSession } from '../../../../src/core/reconnect/reconnectingSession';
import { eventually } from '../../support/sessions';
import { ofType } from '../../support/sessionEvents';
import { POLICY, reconnecting, waitForPhase } from './reconnectSupport';

describe('Heartbeat timeout, then reconnect (issue 12)', function () {
  this.timeout(15_000);
  let wss: WebSocketServer;
  let session: ReconnectingSession | undefined;
  let pings = 0;

  beforeEach(async () => {
    // Never pongs by itself: every heartbeat ping goes unanswered.
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false } as ServerOptions);
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    wss.on('connection', (socket) => socket.on('ping', () => pings++));
  });
  afterEach(async () => {
    session?.dispose();
    session = undefined;
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  it('a missed pong drops the link and the session reconnects; only the wait is left on the clock', async () => {
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/`;
    const options = { kind: 'websocket', url, heartbeatIntervalMs: 20_000, heartbeatTimeoutMs: 10_000 };
    const fixture = reconnecting(options, POLICY, () => 0.5, { enginesOnClock: true });
    session = fixture.session;
    const { clock } = fixture;
    assert.equal(await session.start(), 'open');
    clock.advance(20_000);
    await eventually(() => pings === 1, 'the heartbeat ping reached the server');
    clock.advance(10_000);
    await waitForPhase(session, 'waiting');
    assert.equal(ofType(session, 'heartbeat-timeout').length, 1);
    const waiting = ofType(session, 'reconnecting')[0].meta?.note ?? '';
    assert.match(waiting, /^Connection lost \(Heartbeat timeout: no pong within 10 s of ping #1/);
    assert.deepEqual(clock.pendingDelays, [500], 'the dead attempt’s heartbeat and deadlines are gone');
    clock.advance(500);
    await waitForPhase(session, 'open');
    assert.equal(session.status.connections, 2);
    assert.equal(session.info.state, 'open');
  });
});
