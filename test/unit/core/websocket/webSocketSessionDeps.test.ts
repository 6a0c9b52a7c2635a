/**
 * Network and time come from outside (issue #8): the handshake goes through the injected Network's
 * agent and TLS settings, the deadline runs on the injected Clock, and a request kind a WebSocket
 * session does not send is refused by the one rule every engine asks (SEND_KINDS_BY_SESSION).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Agent, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Clock } from '../../../../src/core/clock';
import {
  validateConnectionOptions,
  type ResolvedWebSocketOptions,
} from '../../../../src/core/connection/connectionOptions';
import type { Network } from '../../../../src/core/session/network';
import { SEND_KINDS, SEND_KINDS_BY_SESSION, type SendRequest } from '../../../../src/core/session/sendRequest';
import { WebSocketSession } from '../../../../src/core/websocket/webSocketSession';
import { startRawTcpServer, type RawTcpServer } from '../../../fixtures/servers/rawTcpServer';
import { startWsServer, type WsServer } from '../../../fixtures/servers/wsServer';
import { events, ofType, waitForEvent, waitForState } from '../../support/sessionEvents';

function resolved(options: Record<string, unknown>): ResolvedWebSocketOptions {
  const result = validateConnectionOptions({ kind: 'websocket', ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value as ResolvedWebSocketOptions;
}

/** A clock that moves only when told: timers fire in `advance`, never on their own. */
class ManualClock implements Clock {
  private time = 0;
  private nextHandle = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return 1_700_000_000_000 + this.time;
  }
  mono(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, fn });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    this.time += ms;
    const due = [...this.timers].filter(([, t]) => t.at <= this.time).sort((a, b) => a[1].at - b[1].at);
    for (const [handle, timer] of due) {
      this.timers.delete(handle);
      timer.fn();
    }
  }
}

/** A direct network whose ws: agent counts the connections it made; its wss: agent connects with `tls`. */
function countingNetwork(tls: Network['tls']): Network & { connections: string[]; disposed: boolean } {
  const connections: string[] = [];
  class CountingAgent extends Agent {
    override createConnection(...args: Parameters<Agent['createConnection']>): ReturnType<Agent['createConnection']> {
      const options = args[0] as ClientRequestArgs;
      connections.push(`${options.host}:${options.port}`);
      return super.createConnection(...args);
    }
  }
  const network = {
    tls,
    connections,
    disposed: false,
    pollingAgent: () => new Agent(),
    webSocketAgent: (url: URL) => (url.protocol === 'ws:' ? new CountingAgent() : new HttpsAgent(tls)),
    dispose: () => {
      network.disposed = true;
    },
  };
  return network;
}

describe('WebSocketSession deps: network, clock, send kinds', function () {
  this.timeout(8000);
  const sessions: WebSocketSession[] = [];
  const closers: Array<() => Promise<void>> = [];
  let wsServer: WsServer;

  before(async () => {
    wsServer = await startWsServer();
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const close of closers.splice(0)) await close();
  });
  after(() => wsServer.close());

  const track = (s: WebSocketSession): WebSocketSession => {
    sessions.push(s);
    return s;
  };

  it('opens the handshake through the injected network agent, and leaves the network to its owner', async () => {
    const network = countingNetwork({ rejectUnauthorized: true });
    const session = track(
      new WebSocketSession(resolved({ url: `${wsServer.url}/echo` }), { network, id: 'ws-injected' }),
    );
    assert.equal(session.id, 'ws-injected');
    assert.equal(await session.start(), 'open');
    assert.deepEqual(network.connections, [`127.0.0.1:${wsServer.port}`], 'one connection, made by our agent');
    await session.close();
    session.dispose();
    assert.equal(network.disposed, false, 'an injected network belongs to whoever passed it in');
  });

  it('takes TLS settings from the network: its CA is trusted though the options name none', async () => {
    const tlsDir = join(__dirname, '../../../fixtures/tls');
    const cert = readFileSync(join(tlsDir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(tlsDir, 'key.pem'), 'utf8');
    const https = createHttpsServer({ cert, key });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    const wss = new WebSocketServer({ server: https });
    closers.push(() => new Promise((resolve) => wss.close(() => https.close(() => resolve()))));
    const url = `wss://127.0.0.1:${(https.address() as { port: number }).port}/`;

    const trusted = track(
      new WebSocketSession(resolved({ url }), { network: countingNetwork({ rejectUnauthorized: true, ca: [cert] }) }),
    );
    assert.equal(await trusted.start(), 'open');
    assert.match(ofType(trusted, 'tls-established')[0].meta!.note!, /verified/);

    const untrusted = track(
      new WebSocketSession(resolved({ url }), { network: countingNetwork({ rejectUnauthorized: true }) }),
    );
    assert.equal(await untrusted.start(), 'closed');
    assert.equal(ofType(untrusted, 'error')[0].meta!.error!.code, 'RI_TLS_ERROR');
  });

  it('runs the handshake deadline on the injected clock, not on real time', async () => {
    const silent: RawTcpServer = await startRawTcpServer(() => undefined);
    closers.push(() => silent.close());
    const clock = new ManualClock();
    const session = track(new WebSocketSession(resolved({ url: silent.url, handshakeTimeoutMs: 300 }), { clock }));
    const started = session.start();
    await waitForEvent(session, (e) => e.type === 'handshake-request');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(session.info.state, 'connecting', 'real time past the deadline changes nothing');
    assert.equal(clock.pending, 1, 'the deadline waits on our clock');
    clock.advance(300);
    assert.equal(await started, 'closed');
    assert.equal(ofType(session, 'error')[0].meta!.error!.code, 'RI_HANDSHAKE_TIMEOUT');
    assert.equal(session.info.startedAt, 1_700_000_000_000, 'wall times come from the clock too');
    assert.equal(clock.pending, 0, 'no timer outlives the session');
  });

  describe('send kinds', () => {
    const accepted = SEND_KINDS_BY_SESSION.websocket;
    const others: SendRequest[] = [
      { kind: 'sio-emit', namespace: '/', event: 'x', args: '[]', ack: false },
      { kind: 'sio-connect', namespace: '/admin' },
      { kind: 'sio-disconnect', namespace: '/admin' },
      { kind: 'sio-ack', namespace: '/', id: 1, args: '[]' },
    ];

    it('covers every kind that is not a WebSocket kind', () => {
      assert.deepEqual(others.map((r) => r.kind).sort(), SEND_KINDS.filter((k) => !accepted.includes(k)).sort());
    });

    it(
      'refuses each with RI_INVALID_MESSAGE naming the kind and the kinds a WebSocket session sends; ' +
        'nothing is sent',
      async () => {
        const session = track(new WebSocketSession(resolved({ url: `${wsServer.url}/echo` })));
        assert.equal(await session.start(), 'open');
        const before = session.log.count;
        for (const request of others) {
          const outcome = session.send(request);
          assert.equal(outcome.ok, false);
          const error = (outcome as { error: { code: string; message: string } }).error;
          assert.equal(error.code, 'RI_INVALID_MESSAGE');
          assert.ok(error.message.includes(`"${request.kind}"`), `names the kind: ${error.message}`);
          for (const kind of accepted) assert.ok(error.message.includes(kind), `names ${kind}: ${error.message}`);
        }
        assert.equal(session.log.count, before, 'nothing was logged or sent');
        assert.equal(session.info.messagesOut, 0);
        assert.ok(session.send({ kind: 'text', text: 'still open' }).ok, 'the session goes on');
      },
    );

    it('checks the kind before the state: a Socket.IO kind is refused as such even before the session opens', () => {
      const session = track(new WebSocketSession(resolved({ url: `${wsServer.url}/echo` })));
      const refused = session.send(others[0]);
      assert.equal(!refused.ok && refused.error.code, 'RI_INVALID_MESSAGE');
      const notOpen = session.send({ kind: 'text', text: 'early' });
      assert.equal(!notOpen.ok && notOpen.error.code, 'RI_NOT_OPEN');
      assert.equal(events(session).length, 0);
    });

    it('refuses an unknown or missing kind the same way, never throwing', async () => {
      const session = track(new WebSocketSession(resolved({ url: `${wsServer.url}/echo` })));
      await session.start();
      for (const request of [{ kind: 'telepathy' }, {}, undefined, { kind: 10n }]) {
        const outcome = session.send(request as unknown as SendRequest);
        assert.equal(!outcome.ok && outcome.error.code, 'RI_INVALID_MESSAGE');
      }
      await session.close();
      await waitForState(session, 'closed');
    });
  });
});
