/**
 * The Engine.IO and Socket.IO engines against broken or hostile servers, written by hand with the
 * scripted `node:http` server. Every case ends in a clear `error` event with a stable code, or in a
 * handled state; the session reaches `closed` (or stays usable where that is right); the process keeps
 * running; and the bytes received are in the log as payloads of poll-response / eio-decode-error events.
 * No assertion is about speed; deadlines are generous.
 */
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import {
  accept101,
  hold,
  onClientText,
  openPacket,
  refuse,
  sendTextFrame,
  startScriptedServer,
  streamForever,
  text,
  v3OpenPayload,
  type EioScript,
  type ScriptedServer,
} from '../../../fixtures/servers/scriptedEngineIoServer';
import { events, newSession, ofType, payloadText, waitForEvent, waitForState } from '../../support/sessions';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `check()` holds; rejects after `ms` with `what`. */
async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

function errorCodes(session: Session): string[] {
  return ofType(session, 'error').map((e) => e.meta?.error?.code ?? '?');
}

function firstError(session: Session, code: string): LogEvent {
  const e = ofType(session, 'error').find((x) => x.meta?.error?.code === code);
  assert.ok(e, `an error ${code} (got ${errorCodes(session).join(', ') || 'none'})`);
  return e;
}

/** Payload of an event as text (binary payloads as latin1, byte for byte). */
function raw(e: LogEvent): string | undefined {
  if (!e.payload) return undefined;
  return e.payload.kind === 'text' ? e.payload.text : Buffer.from(e.payload.bytes).toString('latin1');
}

function pollBodies(session: Session): string[] {
  return ofType(session, 'poll-response').map((e) => raw(e) ?? '');
}

describe('Engine.IO against hostile servers', function () {
  this.timeout(15000);
  const servers: ScriptedServer[] = [];
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await Promise.race([s.close(), sleep(3000)]);
      s.dispose();
    }
    for (const s of servers.splice(0)) {
      const problems = s.scriptErrors.map(String);
      await s.close();
      assert.deepEqual(problems, [], 'the test server scripts ran without exceptions');
    }
  });

  async function serve(script: EioScript = {}): Promise<ScriptedServer> {
    const server = await startScriptedServer(script);
    servers.push(server);
    return server;
  }

  async function run(
    script: EioScript,
    options: Record<string, unknown> = {},
  ): Promise<{ session: Session; server: ScriptedServer }> {
    const server = await serve(script);
    const session = newSession({
      kind: 'engineio',
      url: server.url,
      transports: 'polling-only',
      protocolVersion: 4,
      ...options,
    });
    sessions.push(session);
    await session.start();
    return { session, server };
  }

  /** The session closed with `code` among its errors, and `rawBody` is the payload of a poll-response. */
  async function endsWith(session: Session, code: string, rawBody?: string): Promise<LogEvent> {
    await waitForState(session, 'closed', 8000);
    const error = firstError(session, code);
    assert.ok(error.meta!.error!.message.length > 10, 'the error says something in words');
    if (rawBody !== undefined)
      assert.ok(
        pollBodies(session).includes(rawBody),
        `the raw body ${JSON.stringify(rawBody.slice(0, 60))} is in the log; ` +
          `got ${JSON.stringify(pollBodies(session).map((b) => b.slice(0, 60)))}`,
      );
    assert.equal(ofType(session, 'closed').length, 1, 'closed is logged once');
    return error;
  }

  describe('malformed open packets', () => {
    const bad: Array<[string, string]> = [
      ['not JSON', '0{not json'],
      ['a numeric sid', '0{"sid":1,"upgrades":[],"pingInterval":25000,"pingTimeout":20000}'],
      ['upgrades: null', openPacket({ upgrades: null })],
      ['upgrades that are not strings', openPacket({ upgrades: [1] })],
      ['no sid', openPacket({ sid: undefined })],
      ['an empty sid', openPacket({ sid: '' })],
      ['a JSON array', '0[]'],
      ['no data at all', '0'],
      ['a string maxPayload', openPacket({ maxPayload: '1e6' })],
    ];
    for (const [what, body] of bad) {
      it(`refuses an open packet with ${what} (RI_INVALID_OPEN_PACKET), keeping the raw body`, async () => {
        const { session, server } = await run({ handshake: (c) => text(c.res, body) });
        await endsWith(session, 'RI_INVALID_OPEN_PACKET', body);
        assert.equal(session.info.sid, undefined);
        const open = ofType(session, 'eio-open')[0];
        assert.equal(
          payloadText(open),
          body.length > 1 ? body.slice(1) : undefined,
          'the open packet as received is the payload of its eio-open event',
        );
        assert.equal(open.parent, ofType(session, 'poll-response')[0].seq, 'nested under the response that carried it');
        await sleep(100);
        assert.equal(server.count('poll'), 0, 'no long-poll after a refused handshake');
      });
    }

    it('refuses a first packet that is not "open"', async () => {
      const { session } = await run({ handshake: (c) => text(c.res, '6') });
      const error = await endsWith(session, 'RI_INVALID_OPEN_PACKET', '6');
      assert.match(error.meta!.error!.message, /first packet must be "open"/);
    });
  });

  describe('out-of-range intervals are refused before any timer uses them', () => {
    const bad: Array<[string, Record<string, unknown>]> = [
      ['pingInterval "25000" (a string)', { pingInterval: '25000' }],
      ['pingInterval 2^31', { pingInterval: 2 ** 31 }],
      ['pingTimeout 2^31', { pingTimeout: 2 ** 31 }],
      ['a negative pingInterval', { pingInterval: -1000 }],
      ['a negative pingTimeout', { pingTimeout: -5 }],
      ['pingInterval 0', { pingInterval: 0 }],
      ['a fractional pingTimeout', { pingTimeout: 0.5 }],
      ['pingInterval 1e400 (Infinity)', {}],
    ];
    for (const [what, fields] of bad) {
      it(`refuses ${what}`, async () => {
        const body = what.includes('1e400')
          ? openPacket().replace('"pingInterval":25000', '"pingInterval":1e400')
          : openPacket(fields);
        const { session, server } = await run({ handshake: (c) => text(c.res, body) });
        const error = await endsWith(session, 'RI_INVALID_OPEN_PACKET', body);
        assert.match(error.meta!.error!.message, /ping(Interval|Timeout)/);
        assert.equal(session.info.pingInterval, undefined, 'no interval was taken');
        assert.equal(session.info.pingTimeout, undefined);
        // No timer ran on the bad value: nothing else happened after the refusal.
        await sleep(200);
        assert.deepEqual(errorCodes(session), ['RI_INVALID_OPEN_PACKET']);
        assert.equal(server.count('poll'), 0);
      });
    }

    it('does not overflow a timer with pingInterval + pingTimeout beyond 2^31 − 1', async () => {
      const { session } = await run({
        handshake: (c) => text(c.res, openPacket({ pingInterval: 2 ** 31 - 1, pingTimeout: 20000 })),
        holdMs: 2000,
      });
      await sleep(500);
      assert.ok(!errorCodes(session).includes('RI_PING_TIMEOUT'), `errors: ${errorCodes(session).join(', ')}`);
      assert.ok(!errorCodes(session).includes('RI_TRANSPORT_ERROR'));
      if (session.info.state === 'closed') firstError(session, 'RI_INVALID_OPEN_PACKET');
    });

    it('accepts the largest single interval and stays open', async () => {
      const { session } = await run({
        handshake: (c) => text(c.res, openPacket({ pingInterval: 1000, pingTimeout: 2 ** 31 - 1 - 1000 - 5000 })),
      });
      await sleep(300);
      assert.equal(session.info.state, 'open', `errors: ${errorCodes(session).join(', ')}`);
    });
  });

  describe('packets that are not Engine.IO', () => {
    it('reports invalid base64 in a b… record as eio-decode-error + RI_PARSE_ERROR, with the raw record', async () => {
      const body = '4fine\x1eb%%%notbase64';
      const { session } = await run({ poll: (c) => (c.n === 0 ? text(c.res, body) : hold(c, 250)) });
      await endsWith(session, 'RI_PARSE_ERROR', body);
      const decodeError = ofType(session, 'eio-decode-error')[0];
      assert.equal(payloadText(decodeError), 'b%%%notbase64');
      assert.equal(decodeError.meta!.error!.code, 'RI_PARSE_ERROR');
      assert.match(decodeError.meta!.eio!.decodeError!, /base64/);
      assert.equal(decodeError.parent, ofType(session, 'poll-response')[1].seq, 'nested under its poll-response');
    });

    it('reports an unknown packet type digit (9hello) as a decode error', async () => {
      const { session } = await run({ poll: (c) => (c.n === 0 ? text(c.res, '9hello') : hold(c, 250)) });
      await endsWith(session, 'RI_PARSE_ERROR', '9hello');
      const decodeError = ofType(session, 'eio-decode-error')[0];
      assert.equal(payloadText(decodeError), '9hello');
      assert.match(decodeError.meta!.eio!.decodeError!, /Unknown packet type "9"/);
    });

    it('reports a v4 answer to an explicit v3 handshake as a parse error, keeping the body', async () => {
      const body = openPacket({ maxPayload: undefined });
      const { session } = await run({ handshake: (c) => text(c.res, body) }, { protocolVersion: 3 });
      await endsWith(session, 'RI_PARSE_ERROR', body);
      assert.equal(payloadText(ofType(session, 'eio-decode-error')[0]), body);
    });

    it(
      'refuses a v3 body (96:0{…}) answered to an explicit v4 handshake: ' + 'RI_PROTOCOL_MISMATCH with a hint',
      async () => {
        const body = v3OpenPayload();
        assert.match(body, /^\d+:0\{/);
        const { session, server } = await run({ handshake: (c) => text(c.res, body) }, { protocolVersion: 4 });
        const error = await endsWith(session, 'RI_PROTOCOL_MISMATCH', body);
        assert.match(error.meta!.error!.hint!, /v3/);
        assert.match(error.meta!.error!.message, /Socket\.IO 2|v3/);
        await sleep(100);
        assert.equal(server.count('poll'), 0);
      },
    );

    it('continues in v3 when the version is "auto" and the server answers v3', async () => {
      const { session, server } = await run(
        { handshake: (c) => text(c.res, v3OpenPayload()), poll: (c) => hold(c, 250, '1:6') },
        { protocolVersion: 'auto' },
      );
      assert.equal(session.info.state, 'open');
      assert.equal(session.info.protocol, 'Engine.IO 3');
      await eventually(() => server.count('poll') > 0, 'a v3 long-poll');
      assert.equal(server.requests.find((r) => r.kind === 'poll')!.url.searchParams.get('EIO'), '3');
    });
  });

  describe('bodies too large, truncated or mis-encoded', () => {
    it(
      'stops reading a long-poll body streamed past maxPollBodyBytes: ' + 'RI_POLL_BODY_TOO_LARGE, not out-of-memory',
      async () => {
        const { session, server } = await run(
          { poll: (c) => streamForever(c.res, `4${'x'.repeat(8191)}`) },
          { maxPollBodyBytes: 4096 },
        );
        await endsWith(session, 'RI_POLL_BODY_TOO_LARGE');
        const response = ofType(session, 'poll-response').at(-1)!;
        assert.ok(response.size <= 4096, 'what was kept is bounded by the limit');
        await eventually(() => server.inFlight() === 0, 'the streaming response was cut off');
      },
    );

    it('stops reading an oversized handshake body', async () => {
      const { session } = await run(
        { handshake: (c) => text(c.res, openPacket() + '\x1e4' + 'y'.repeat(100_000)) },
        { maxPollBodyBytes: 4096 },
      );
      await endsWith(session, 'RI_POLL_BODY_TOO_LARGE');
      assert.equal(session.info.sid, undefined);
    });

    it('refuses a gzip bomb as RI_POLL_BODY_TOO_LARGE', async () => {
      const bomb = gzipSync(`4${'x'.repeat(1024 * 1024)}`);
      const { session } = await run(
        { poll: (c) => (c.n === 0 ? text(c.res, bomb, { 'Content-Encoding': 'gzip' }) : hold(c, 250)) },
        { maxPollBodyBytes: 4096 },
      );
      await endsWith(session, 'RI_POLL_BODY_TOO_LARGE');
    });

    it('refuses a gzip bomb without inflating it, with a clear error', async () => {
      const bomb = gzipSync(`4${'x'.repeat(1024 * 1024)}`);
      assert.ok(bomb.length < 4096);
      const { session } = await run(
        { poll: (c) => (c.n === 0 ? text(c.res, bomb, { 'Content-Encoding': 'gzip' }) : hold(c, 250)) },
        { maxPollBodyBytes: 4096 },
      );
      await waitForState(session, 'closed', 8000);
      const error = ofType(session, 'error')[0].meta!.error!;
      assert.match(error.message, /4096/, 'the message names the limit');
      assert.ok(
        ofType(session, 'poll-response').at(-1)!.size < 4096,
        'the compressed bytes are kept, not the inflated ones',
      );
    });

    it('decodes gzip-, deflate- and brotli-compressed polling responses', async () => {
      const bodies = [
        { body: gzipSync('4gzipped 😀'), encoding: 'gzip' },
        { body: deflateSync('4deflated'), encoding: 'deflate' },
        { body: brotliCompressSync('4brotli'), encoding: 'br' },
      ];
      const { session } = await run({
        handshake: (c) => text(c.res, gzipSync(openPacket()), { 'Content-Encoding': 'gzip' }),
        poll: (c) =>
          bodies[c.n] ? text(c.res, bodies[c.n].body, { 'Content-Encoding': bodies[c.n].encoding }) : hold(c, 250),
      });
      assert.equal(session.info.state, 'open');
      assert.equal(session.info.sid, 'abc123');
      await waitForEvent(session, (e) => e.type === 'eio-message' && payloadText(e) === 'brotli', 5000);
      assert.deepEqual(ofType(session, 'eio-message').map(payloadText), ['gzipped 😀', 'deflated', 'brotli']);
      assert.ok(pollBodies(session).includes('4gzipped 😀'), 'the decoded body is the payload');
      assert.match(ofType(session, 'poll-response')[1].meta!.note!, /bytes on the wire/);
    });

    it('refuses a corrupt gzip body with a clear error, keeping the bytes received', async () => {
      const { session } = await run({
        poll: (c) => (c.n === 0 ? text(c.res, 'not gzip at all', { 'Content-Encoding': 'gzip' }) : hold(c, 250)),
      });
      const error = await endsWith(session, 'RI_TRANSPORT_ERROR', 'not gzip at all');
      assert.match(error.meta!.error!.message, /gzip body could not be decompressed/);
    });

    it('refuses an unsupported Content-Encoding', async () => {
      const { session } = await run({
        handshake: (c) => text(c.res, openPacket(), { 'Content-Encoding': 'zstd-unknown' }),
      });
      const error = await endsWith(session, 'RI_TRANSPORT_ERROR', openPacket());
      assert.match(error.meta!.error!.message, /Unsupported Content-Encoding/);
    });

    it('reports a body cut short (Content-Length larger than what came), keeping the partial body', async () => {
      const { session } = await run({
        poll: (c) => {
          if (c.n > 0) return hold(c, 250);
          c.res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
          c.res.write('4partial');
          c.server.later(50, () => c.res.destroy());
        },
      });
      await endsWith(session, 'RI_TRANSPORT_ERROR', '4partial');
    });

    it('reports a connection reset during a long-poll', async () => {
      const { session } = await run({ poll: (c) => c.req.socket.destroy() });
      const error = await endsWith(session, 'RI_TRANSPORT_ERROR');
      assert.match(error.meta!.error!.message, /polling GET failed/);
    });
  });

  describe('redirects and refusals', () => {
    it(
      'does not follow a redirect of the handshake to another origin, ' + 'nor send it the Authorization header',
      async () => {
        const elsewhere = await serve();
        const { session } = await run(
          {
            handshake: (c) => {
              c.res.writeHead(302, { Location: `${elsewhere.url}/engine.io/?EIO=4&transport=polling` });
              c.res.end();
            },
          },
          { headers: [['Authorization', 'Bearer secret-token']] },
        );
        const error = await endsWith(session, 'RI_SERVER_REFUSED');
        assert.match(error.meta!.error!.message, /302/);
        await sleep(200);
        assert.equal(elsewhere.requests.length, 0, 'the other origin saw no request');
        const response = ofType(session, 'poll-response')[0];
        assert.equal(response.meta!.response!.status, 302);
        assert.ok(
          response.meta!.response!.headers!.some(
            ([n, v]) => n.toLowerCase() === 'location' && v.startsWith(elsewhere.url),
          ),
          'the Location is in the log',
        );
      },
    );

    it('does not follow a redirect of a later long-poll either', async () => {
      const elsewhere = await serve();
      const { session, server } = await run(
        {
          poll: (c) => {
            c.res.writeHead(307, { Location: `${elsewhere.url}/engine.io/` });
            c.res.end();
          },
        },
        { headers: [['Authorization', 'Bearer secret-token']] },
      );
      const error = await endsWith(session, 'RI_SERVER_REFUSED');
      assert.match(error.meta!.error!.message, /307 to the polling request/);
      await sleep(200);
      assert.equal(elsewhere.requests.length, 0, 'the other origin saw no request');
      assert.equal(
        server.requests[0].headers.authorization,
        'Bearer secret-token',
        'the header went to the server it was meant for',
      );
    });

    it('explains a protocol version refusal (400 code 5 to a v3 handshake): choose v4', async () => {
      const refusal = JSON.stringify({ code: 5, message: 'Unsupported protocol version' });
      const { session } = await run({ handshake: (c) => refuse(c.res, 400, refusal) }, { protocolVersion: 3 });
      const error = await endsWith(session, 'RI_SERVER_REFUSED', refusal);
      assert.match(error.meta!.error!.hint!, /choose protocol v4/);
      assert.match(error.meta!.error!.message, /Unsupported protocol version/);
    });

    it('explains "Session ID unknown" on a later long-poll with sticky sessions', async () => {
      const lost = JSON.stringify({ code: 1, message: 'Session ID unknown' });
      const { session } = await run({ poll: (c) => refuse(c.res, 400, { code: 1, message: 'Session ID unknown' }) });
      const error = await endsWith(session, 'RI_SERVER_REFUSED', lost);
      assert.match(error.meta!.error!.message, /sticky sessions/);
      assert.match(error.meta!.error!.hint!, /sticky sessions/);
    });

    it('explains a 403 and a non-JSON error page, keeping the page', async () => {
      const { session } = await run({ handshake: (c) => refuse(c.res, 403, { code: 4, message: 'Forbidden' }) });
      const error = await endsWith(session, 'RI_SERVER_REFUSED');
      assert.match(error.meta!.error!.hint!, /headers, cookies or query/);

      const page = '<html><body>502 Bad Gateway</body></html>';
      const second = await run({ handshake: (c) => refuse(c.res, 502, page) });
      await endsWith(second.session, 'RI_SERVER_REFUSED', page);
    });

    it('reports a POST refused with 400', async () => {
      const { session, server } = await run({ post: (c) => refuse(c.res, 400, { code: 3, message: 'Bad request' }) });
      const sent = session.send({ kind: 'text', text: 'hello' });
      assert.ok(sent.ok);
      const error = await endsWith(session, 'RI_SERVER_REFUSED', JSON.stringify({ code: 3, message: 'Bad request' }));
      assert.match(error.meta!.error!.message, /Bad request/);
      assert.equal(server.requests.find((r) => r.kind === 'post')!.body, '4hello');
    });
  });

  describe('silence and instant answers', () => {
    it('gives up on a handshake that is never answered: RI_HANDSHAKE_TIMEOUT', async () => {
      const { session, server } = await run({ handshake: () => undefined }, { handshakeTimeoutMs: 300 });
      await endsWith(session, 'RI_HANDSHAKE_TIMEOUT');
      await eventually(() => server.inFlight() === 0, 'the handshake GET was aborted');
    });

    it('gives up on a server that stops answering long-polls: RI_PING_TIMEOUT', async () => {
      const { session, server } = await run({
        handshake: (c) => text(c.res, openPacket({ pingInterval: 200, pingTimeout: 200 })),
        poll: () => undefined,
      });
      await endsWith(session, 'RI_PING_TIMEOUT');
      await eventually(() => server.inFlight() === 0, 'the held long-poll was aborted');
    });

    it('survives a server that answers every poll at once with a noop, and stops polling when closed', async () => {
      const { session, server } = await run({ poll: (c) => text(c.res, '6') });
      // The empty-poll floor (pollPacing.ts) spaces these polls out: a few are enough to prove the loop survives.
      await eventually(() => server.count('poll') >= 3, 'polls happen');
      assert.equal(session.info.state, 'open');
      assert.ok(ofType(session, 'eio-noop').length > 0, 'the noops are logged');
      await session.close();
      assert.equal(session.info.state, 'closed');
      const closed = ofType(session, 'closed')[0];
      // The GET in flight when we closed (aborted) and the goodbye POST may still reach the server; then silence.
      await eventually(
        () => server.requests.some((r) => r.kind === 'post' && r.body === '1'),
        'the goodbye POST arrived',
      );
      await eventually(() => server.inFlight() === 0, 'no request in flight after close');
      const seen = server.requests.length;
      await sleep(300);
      assert.equal(server.requests.length, seen, 'no request after close');
      assert.equal(
        ofType(session, 'poll-request').filter((e) => e.seq > closed.seq).length,
        0,
        'no poll-request logged after closed',
      );
      assert.equal(
        server.requests.filter((r) => r.kind === 'post').at(-1)?.body,
        '1',
        'the goodbye went out as a POST of "1"',
      );
      assert.deepEqual(errorCodes(session), []);
    });

    it('ends without error when the server sends close (1)', async () => {
      const { session, server } = await run({ poll: (c) => text(c.res, '6\x1e1') });
      await waitForState(session, 'closed', 5000);
      assert.deepEqual(errorCodes(session), []);
      assert.match(session.info.closeSummary!, /server sent close/);
      await sleep(100);
      assert.equal(server.count('poll'), 1);
    });

    it('refuses an empty handshake answer at once instead of handshaking again', async () => {
      const { session, server } = await run({ handshake: (c) => text(c.res, '') }, { handshakeTimeoutMs: 2000 });
      await endsWith(session, 'RI_INVALID_OPEN_PACKET');
      assert.equal(server.count('handshake'), 1);
    });

    it('ends a repeated empty handshake answer with RI_HANDSHAKE_TIMEOUT at the latest', async () => {
      const { session } = await run({ handshake: (c) => text(c.res, '') }, { handshakeTimeoutMs: 500 });
      await waitForState(session, 'closed', 5000);
      assert.ok(errorCodes(session).length > 0, 'an error was logged');
    });

    it('does not let a second open packet replace the sid', async () => {
      const { session, server } = await run({
        poll: (c) => (c.n === 0 ? text(c.res, openPacket({ sid: 'hijacked' })) : hold(c, 250)),
      });
      await waitForEvent(session, (e) => e.type === 'eio-open' && payloadText(e)?.includes('hijacked') === true, 5000);
      await sleep(100);
      assert.equal(ofType(session, 'open').length, 1, 'one open event');
      assert.notEqual(session.info.sid, 'hijacked');
      assert.ok(
        server.requests.filter((r) => r.kind === 'poll').every((r) => r.url.searchParams.get('sid') === 'abc123'),
      );
    });
  });

  describe('the upgrade probe', () => {
    const polling = { poll: (c: Parameters<NonNullable<EioScript['poll']>>[0]) => hold(c, 100) };

    async function upgradeFails(
      script: EioScript,
      note: RegExp,
      options: Record<string, unknown> = {},
    ): Promise<{ session: Session; server: ScriptedServer }> {
      const result = await run(
        { ...polling, ...script },
        { transports: 'polling-then-websocket', handshakeTimeoutMs: 500, ...options },
      );
      const { session, server } = result;
      const failed = await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgrade-failed', 8000);
      assert.match(failed.meta!.note!, /Staying on long-polling/);
      assert.match(failed.meta!.note!, note);
      await waitForEvent(session, (e) => e.type === 'poll-request' && e.seq > failed.seq, 5000);
      const pollsAfter = server.count('poll');
      await eventually(() => server.count('poll') > pollsAfter, 'polling goes on after the failed upgrade');
      assert.equal(session.info.state, 'open');
      assert.equal(session.info.transport, 'polling');
      assert.equal(session.info.upgrade, 'failed');
      assert.equal(server.count('upgrade'), 1, 'one probe, no retry loop');
      return result;
    }

    it('stays on polling when the probe WebSocket opens (valid 101) but 3probe never comes', async () => {
      let probe = '';
      await upgradeFails(
        {
          upgrade: (c) => {
            accept101(c);
            onClientText(c, (t) => {
              probe = t;
            });
          },
        },
        /probe was not answered within 500 ms/,
      );
      assert.equal(probe, '2probe', 'the client did send 2probe');
    });

    it('stays on polling when the probe WebSocket is refused with 404', async () => {
      await upgradeFails(
        { upgrade: (c) => c.socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here\n') },
        /404/,
      );
    });

    it('stays on polling when the probe is answered with something else than 3probe', async () => {
      await upgradeFails(
        {
          upgrade: (c) => {
            accept101(c);
            onClientText(c, (t) => {
              if (t === '2probe') sendTextFrame(c, '3notprobe');
            });
          },
        },
        /instead of "3probe"/,
      );
    });

    it('stays on polling when the upgraded socket carries bytes that are not WebSocket frames', async () => {
      await upgradeFails(
        {
          upgrade: (c) => {
            accept101(c);
            c.socket.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
          },
        },
        /./,
      );
    });

    it('stays on polling when the probe connection is dropped right after the 101', async () => {
      await upgradeFails(
        {
          upgrade: (c) => {
            accept101(c);
            c.server.later(20, () => c.socket.destroy());
          },
        },
        /./,
      );
    });

    it('stays on polling when the server offers no websocket upgrade', async () => {
      const { session, server } = await run(
        { ...polling, handshake: (c) => text(c.res, openPacket({ upgrades: [] })) },
        { transports: 'polling-then-websocket' },
      );
      const failed = await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgrade-failed', 5000);
      assert.match(failed.meta!.note!, /offers no WebSocket upgrade/);
      await eventually(() => server.count('poll') >= 2, 'polling goes on');
      assert.equal(server.count('upgrade'), 0);
    });
  });
});

describe('Socket.IO against hostile servers', function () {
  this.timeout(15000);
  const servers: ScriptedServer[] = [];
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await Promise.race([s.close(), sleep(3000)]);
      s.dispose();
    }
    for (const s of servers.splice(0)) await s.close();
  });

  /** A Socket.IO v5 server whose long-polls answer `bodies` in turn (after the CONNECT reply), then hold. */
  async function sio(bodies: string[]): Promise<{ session: Session; server: ScriptedServer }> {
    const queue = ['40{"sid":"sio-1"}', ...bodies];
    const server = await startScriptedServer({
      poll: (c) => {
        const body = queue.shift();
        if (body !== undefined) c.server.later(20, () => text(c.res, body));
        else hold(c, 250);
      },
    });
    servers.push(server);
    const session = newSession({ kind: 'socketio', url: server.url, transports: 'polling-only', protocolVersion: 4 });
    sessions.push(session);
    await session.start();
    return { session, server };
  }

  it('logs an EVENT with the reserved name "connect" as data, flagged meta.sio.reservedName', async () => {
    const { session } = await sio(['42["connect"]', '42["disconnect","spoof"]']);
    const spoof = await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'connect', 5000);
    assert.equal(spoof.meta!.sio!.reservedName, true);
    assert.equal(payloadText(spoof), '["connect"]');
    const other = await waitForEvent(
      session,
      (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'disconnect',
      5000,
    );
    assert.equal(other.meta!.sio!.reservedName, true);
    const info = session.info.namespaces?.find((n) => n.name === '/');
    assert.equal(info?.state, 'connected', 'a spoofed name changes no state');
    assert.equal(session.info.state, 'open');
  });

  it('flags a binary message that nothing announced as a decode error, and keeps going', async () => {
    const { session } = await sio(['bAQID', '42["after"]']);
    const stray = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
    assert.equal(stray.meta!.error!.code, 'RI_PARSE_ERROR');
    assert.equal(stray.meta!.sio!.decodeError, 'unannounced attachment');
    const carrier = session.log.get(stray.parent!)!;
    assert.equal(carrier.type, 'eio-message');
    assert.deepEqual(
      carrier.payload?.kind === 'binary' ? [...carrier.payload.bytes] : [],
      [1, 2, 3],
      'the bytes are in the log',
    );
    await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'after', 5000);
    assert.equal(session.info.state, 'open');
  });

  it('regroups a BINARY_EVENT whose 2 attachments arrive in two different polling responses', async () => {
    const { session } = await sio([
      '452-["upload",{"a":{"_placeholder":true,"num":0},"b":{"_placeholder":true,"num":1}}]\x1ebAQI=',
      'bAwQF',
    ]);
    const event = await waitForEvent(session, (e) => e.type === 'sio-binary-event', 5000);
    assert.equal(ofType(session, 'sio-binary-event').length, 1, 'one event for the packet and both attachments');
    assert.equal(event.meta!.sio!.event, 'upload');
    assert.equal(event.meta!.sio!.attachments, 2);
    const seqs = event.meta!.sio!.attachmentSeqs!;
    assert.equal(seqs.length, 2);
    const attachments = seqs.map((s) => session.log.get(s)!);
    assert.deepEqual(
      attachments.map((a) => (a.payload?.kind === 'binary' ? [...a.payload.bytes] : [])),
      [
        [1, 2],
        [3, 4, 5],
      ],
    );
    const carriers = attachments.map((a) => session.log.get(a.parent!)!);
    assert.ok(carriers.every((c) => c.type === 'poll-response'));
    assert.notEqual(carriers[0].seq, carriers[1].seq, 'the attachments came in different responses');
    assert.equal(ofType(session, 'sio-decode-error').length, 0);
  });

  it('refuses a BINARY_EVENT announcing more than 1000 attachments, and keeps going', async () => {
    const { session } = await sio(['451001-["many",{"_placeholder":true,"num":0}]', '42["after"]']);
    const error = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
    assert.match(error.meta!.error!.message, /Invalid attachment count/);
    assert.equal(payloadText(error), '51001-["many",{"_placeholder":true,"num":0}]', 'the raw packet is the payload');
    await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'after', 5000);
  });

  it('flags a text packet that arrives while attachments are still expected', async () => {
    const { session } = await sio(['451-["file",{"_placeholder":true,"num":0}]', '42["interloper"]']);
    const error = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
    assert.match(error.meta!.error!.message, /still expected/);
    await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'interloper', 5000);
    assert.equal(session.info.state, 'open');
  });

  it('flags Socket.IO packets with bad JSON or a non-array EVENT without ending the session', async () => {
    const { session } = await sio(['42["unterminated"', '42{"not":"an array"}', '42["fine"]']);
    await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'fine', 5000);
    const errors = ofType(session, 'sio-decode-error');
    assert.deepEqual(errors.map(payloadText), ['2["unterminated"', '2{"not":"an array"}']);
    assert.ok(events(session).every((e) => e.type !== 'closed'));
  });
});
