/**
 * The Engine.IO engine against broken or hostile servers: every case ends in a clear error with a
 * stable code, or a handled state; the process keeps running; the bytes received stay in the log.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Session } from '../../../src/core/session/session';
import { openPacket, startHandMadeServer, text, type HandMadeScript, type HandMadeServer } from '../../fixtures/servers/handMadeEngineIoServer';
import { newSession, ofType, waitForEvent, waitForState } from '../core/sessionHarness';

describe('Engine.IO against hostile servers', function () {
  this.timeout(10000);
  const servers: HandMadeServer[] = [];
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const s of servers.splice(0)) await s.close();
  });

  async function run(script: HandMadeScript, options: Record<string, unknown> = {}): Promise<{ session: Session; server: HandMadeServer }> {
    const server = await startHandMadeServer(script);
    servers.push(server);
    const session = newSession({ kind: 'engineio', url: server.url, transports: 'polling-only', ...options });
    sessions.push(session);
    await session.start();
    return { session, server };
  }

  /** The session ended with exactly this error code, and the raw body is in the log. */
  async function endsWith(session: Session, code: string, rawBody?: string): Promise<void> {
    await waitForState(session, 'closed');
    const errors = ofType(session, 'error').map((e) => e.meta!.error!.code);
    assert.ok(errors.includes(code), `expected ${code}, got ${errors.join(', ')}`);
    if (rawBody !== undefined) {
      const bodies = ofType(session, 'poll-response').map((e) => (e.payload?.kind === 'text' ? e.payload.text : ''));
      assert.ok(bodies.includes(rawBody), 'the raw body is kept in the log');
    }
  }

  const badOpenPackets: Array<[string, string]> = [
    ['not JSON', '0{not json'],
    ['a numeric sid', '0{"sid":1,"upgrades":[],"pingInterval":1,"pingTimeout":1}'],
    ['upgrades: null', openPacket({ upgrades: null })],
    ['no sid', openPacket({ sid: undefined })],
    ['a string interval', openPacket({ pingInterval: '25000' })],
    ['a 2^31 ms interval', openPacket({ pingInterval: 2 ** 31 })],
    ['a negative timeout', openPacket({ pingTimeout: -5 })],
    ['a zero interval', openPacket({ pingInterval: 0 })],
  ];
  for (const [what, body] of badOpenPackets) {
    it(`refuses an open packet with ${what}`, async () => {
      const { session } = await run({ poll: (_req, res) => text(res, body) });
      await endsWith(session, 'RI_INVALID_OPEN_PACKET', body);
      assert.equal(session.info.sid, undefined, 'no timer or sid taken from a bad open packet');
    });
  }

  it('reports invalid base64 in a binary record as a parse error, with the raw record', async () => {
    const { session } = await run({ poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : text(res, 'b%%%notbase64')) });
    await endsWith(session, 'RI_PARSE_ERROR');
    const decodeError = ofType(session, 'eio-decode-error')[0];
    assert.equal(decodeError.payload?.kind === 'text' ? decodeError.payload.text : '', 'b%%%notbase64');
  });

  it('reports an unknown packet type', async () => {
    const { session } = await run({ poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : text(res, '9hello')) });
    await endsWith(session, 'RI_PARSE_ERROR');
    assert.match(ofType(session, 'eio-decode-error')[0].meta!.eio!.decodeError!, /Unknown packet type "9"/);
  });

  it('stops reading an oversized poll body', async () => {
    const big = '4' + 'x'.repeat(200 * 1024);
    const { session } = await run({ poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : text(res, big)) }, { maxPollBodyBytes: 4096 });
    await endsWith(session, 'RI_POLL_BODY_TOO_LARGE');
  });

  it('does not follow a redirect, nor send credentials to another origin', async () => {
    const elsewhere = await startHandMadeServer({ poll: (_req, res) => text(res, openPacket()) });
    servers.push(elsewhere);
    const { session } = await run({
      poll: (_req, res) => { res.writeHead(302, { Location: `${elsewhere.url}/engine.io/` }); res.end(); },
    }, { headers: [['Authorization', 'Bearer secret']] });
    await endsWith(session, 'RI_SERVER_REFUSED');
    assert.equal(elsewhere.requests.length, 0, 'the other origin saw nothing');
    assert.equal(ofType(session, 'poll-response')[0].meta!.response!.status, 302);
  });

  it('explains a protocol version refusal and a lost session', async () => {
    const refusal = JSON.stringify({ code: 5, message: 'Unsupported protocol version' });
    const { session } = await run({ poll: (_req, res) => { res.writeHead(400, { 'Content-Type': 'application/json' }); res.end(refusal); } }, { protocolVersion: 3 });
    await endsWith(session, 'RI_SERVER_REFUSED', refusal);
    assert.match(ofType(session, 'error')[0].meta!.error!.hint!, /choose protocol v4/);

    const lost = JSON.stringify({ code: 1, message: 'Session ID unknown' });
    const second = await run({ poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : (res.writeHead(400), res.end(lost))) });
    await endsWith(second.session, 'RI_SERVER_REFUSED', lost);
    assert.match(ofType(second.session, 'error')[0].meta!.error!.hint!, /sticky sessions/);
  });

  it('stays on polling when the upgrade probe is never answered', async () => {
    const { session } = await run({
      poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : setTimeout(() => text(res, '6'), 100)),
      upgrade: (req, socket) => {
        const key = req.headers['sec-websocket-key'];
        const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
        // …and then never answers 2probe.
      },
    }, { transports: 'polling-then-websocket', handshakeTimeoutMs: 500 });
    const failed = await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgrade-failed', 5000);
    assert.match(failed.meta!.note!, /probe was not answered.*Staying on long-polling/);
    await waitForEvent(session, (e) => e.type === 'poll-request' && e.seq > failed.seq, 3000);
    assert.equal(session.info.state, 'open');
    assert.equal(session.info.transport, 'polling');
  });

  it('stays on polling when the upgrade is refused', async () => {
    const { session } = await run({
      poll: (_req, res, n) => (n === 0 ? text(res, openPacket()) : setTimeout(() => text(res, '6'), 100)),
      upgrade: (_req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'),
    }, { transports: 'polling-then-websocket' });
    const failed = await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgrade-failed', 5000);
    assert.match(failed.meta!.note!, /404/);
    await waitForEvent(session, (e) => e.type === 'poll-request' && e.seq > failed.seq, 3000);
  });

  it('survives a server that answers every poll at once, and stops polling when closed', async () => {
    const { session, server } = await run({ poll: (_req, res, n) => text(res, n === 0 ? openPacket() : '6') });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(session.info.state, 'open');
    assert.ok(ofType(session, 'poll-request').length > 5, 'it kept polling');
    await session.close();
    // Requests already on the wire when we closed may still arrive; after that, silence.
    await new Promise((r) => setTimeout(r, 100));
    const seen = server.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(server.requests.length, seen, 'no polling after close');
    assert.ok(server.requests.some((r) => r.method === 'POST'), 'the goodbye went out as a POST');
    const closed = ofType(session, 'closed')[0];
    assert.equal(ofType(session, 'poll-request').filter((e) => e.seq > closed.seq && e.meta?.request?.method === 'GET').length, 0);
  });

  it('decodes a gzip-compressed poll body and refuses a corrupt one', async () => {
    const { session } = await run({ poll: (_req, res, n) => (n === 0 ? text(res, gzipSync(openPacket()), { 'Content-Encoding': 'gzip' }) : setTimeout(() => text(res, '6'), 100)) });
    assert.equal(session.info.state, 'open');
    assert.equal(session.info.sid, 'abc123');

    const corrupt = await run({ poll: (_req, res) => text(res, Buffer.from('not gzip at all'), { 'Content-Encoding': 'gzip' }) });
    await endsWith(corrupt.session, 'RI_TRANSPORT_ERROR');
    assert.match(ofType(corrupt.session, 'error')[0].meta!.error!.message, /could not be decompressed/);
  });

  it('refuses a v3 answer to an explicit v4 handshake, with a hint', async () => {
    const v3 = '97:0{"sid":"x","upgrades":[],"pingInterval":25000,"pingTimeout":5000}';
    const { session } = await run({ poll: (_req, res) => text(res, v3) }, { protocolVersion: 4 });
    await endsWith(session, 'RI_PROTOCOL_MISMATCH', v3);
    assert.match(ofType(session, 'error')[0].meta!.error!.hint!, /v3/);
  });
});
