/**
 * The Engine.IO engine against hostile long-polling servers on raw `net` sockets (issue 12): hand-made HTTP
 * answers carrying lying open packets, separator floods, v3 length prefixes that point past the body, and
 * responses that never end. For each: the row the user sees, how the session ends, bounded rows and payloads,
 * nothing escaped.
 *
 * Index of hostile Engine.IO cases tested elsewhere (not repeated here):
 * - open packet not JSON / numeric or empty sid / upgrades null / a JSON array / no data; negative, zero,
 *   fractional, string, 2^31 and Infinity ping intervals: core/engineio/hostileServers.test.ts
 * - unknown packet type (`9hello`), invalid base64, a v4 answer to v3 and the reverse: same file
 * - a poll body streamed past maxPollBodyBytes, an oversized handshake, gzip bombs, corrupt gzip, a body cut short,
 *   a connection reset, redirects, 400/403 refusals, silence (RI_HANDSHAKE_TIMEOUT, RI_PING_TIMEOUT): same file
 * - 200,000 noops in one body, runs of pings: core/engineio/reliability.test.ts
 * - heartbeat values capped at MAX_HEARTBEAT_MS: core/engineio/openPacket.test.ts
 * - any text or bytes through the v3/v4 codecs, v3 binary records shorter than announced: core/engineio/
 *   fuzz.test.ts, codecs.test.ts
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { Session } from '../../../src/core/session/session';
import {
  eioBody,
  holdThen,
  startRawEioServer,
  type EioRequest,
  type RawEioScripts,
  type RawEioServer,
} from '../../fixtures/servers/hostile/rawEngineIoServer';
import { answer, chunk, chunkedHead } from '../../fixtures/servers/hostile/rawHttp';
import { openPacket, v3OpenPayload } from '../../fixtures/servers/scriptedEngineIoServer';
import { eventually, newSession } from '../support/sessions';
import {
  allErrorsInOurWords,
  closedWithin,
  errorCodes,
  ofType,
  ourError,
  payloadText,
  payloadsBounded,
  rowCounts,
  useCleanup,
  useCrashWatch,
} from './hostileSupport';

const STORED = 64 * 1024;

/** A poll script that answers `body` to the first long-poll and holds the others. */
function firstPoll(body: string | Buffer): (socket: Socket, request: EioRequest) => void {
  return (socket, request) => (request.nth === 0 ? answer(socket, eioBody(body)) : holdThen(socket, 200, '6'));
}

describe('hostile Engine.IO servers (issue 12)', function () {
  this.timeout(10000);
  useCrashWatch();
  const cleanup = useCleanup();

  async function against(
    scripts: RawEioScripts,
    options: Record<string, unknown> = {},
  ): Promise<{ session: Session; server: RawEioServer }> {
    const server = cleanup.server(await startRawEioServer(scripts));
    const session = cleanup.session(
      newSession({
        kind: 'engineio',
        url: `${server.base}/engine.io/`,
        transports: 'polling-only',
        protocolVersion: 4,
        maxStoredPayloadBytes: STORED,
        handshakeTimeoutMs: 3000,
        ...options,
      }),
    );
    await session.start();
    return { session, server };
  }

  /** The session closes with `code` in our words; returns that row. */
  async function endsWith(session: Session, code: string): Promise<void> {
    await closedWithin(session);
    ourError(session, code);
    allErrorsInOurWords(session);
    assert.equal(ofType(session, 'closed').length, 1);
  }

  it('an invalid HTTP status line on the handshake: RI_INVALID_HTTP_RESPONSE, no sid, no long-poll', async () => {
    const { session, server } = await against({ handshake: (s) => answer(s, 'HTTP/1.1 abc\r\n\r\n') });
    await endsWith(session, 'RI_INVALID_HTTP_RESPONSE');
    assert.match(ofType(session, 'error')[0].meta!.error!.message, /polling GET failed: .*not valid HTTP/);
    assert.equal(session.info.sid, undefined);
    assert.equal(server.count('poll'), 0);
  });

  it('a 2 MB open packet (valid JSON, under the body cap): opened, its row stored truncated', async () => {
    const body = openPacket({ junk: 'j'.repeat(2 * 1024 * 1024) });
    const { session } = await against({ handshake: (s) => answer(s, eioBody(body)) });
    assert.equal(session.info.state, 'open');
    const open = ofType(session, 'eio-open')[0];
    assert.equal(open.size, body.length - 1, 'the full size is known');
    assert.equal(open.payload?.truncated?.keptBytes, STORED, 'the stored part is capped');
    assert.equal(open.payload?.byteLength, body.length - 1);
    payloadsBounded(session, STORED);
  });

  it('a 10 KB sid is refused as an invalid open packet, naming the rule it broke (its length)', async () => {
    const { session, server } = await against({
      handshake: (s) => answer(s, eioBody(openPacket({ sid: `\u0001\u0007${'s'.repeat(10 * 1024)}` }))),
    });
    await endsWith(session, 'RI_INVALID_OPEN_PACKET');
    const { message } = ofType(session, 'error')[0].meta!.error!;
    assert.match(message, /"sid" is 10242 characters long; at most 256 are accepted/);
    assert.doesNotMatch(message, /non-empty/);
    assert.equal(server.count('poll'), 0);
  });

  it('a short sid with control characters, HTML and CRLF travels percent-encoded: no header is injected', async () => {
    const sid = '\u0001<b>x\r\nX-Evil: 1';
    const { session, server } = await against({ handshake: (s) => answer(s, eioBody(openPacket({ sid }))) });
    assert.equal(session.info.sid, sid, 'the sid is kept as received, for the header to show escaped');
    await eventually(() => server.count('poll') > 0, 'a long-poll with the sid');
    const poll = server.seen.find((r) => r.target.includes('sid='))!;
    assert.match(poll.target, /sid=%01%3Cb%3Ex%0D%0AX-Evil%3A\+1&/);
    assert.doesNotMatch(poll.head, /^X-Evil/m, 'no header line came out of the sid');
  });

  it('a body of a million \\x1e separators: one decode error with the empty record, then closed', async () => {
    const { session } = await against({ poll: firstPoll('\x1e'.repeat(1_000_000)) });
    await endsWith(session, 'RI_PARSE_ERROR');
    const counts = rowCounts(session);
    assert.equal(counts['in:eio-decode-error'], 1, `one decode row, not a million: ${JSON.stringify(counts)}`);
    assert.ok(session.log.count < 30);
    payloadsBounded(session, STORED);
  });

  it('unknown packet types among good ones (7, 8): a decode error row with the raw record', async () => {
    const { session } = await against({ poll: firstPoll('7x\x1e8y\x1e4ok') });
    await endsWith(session, 'RI_PARSE_ERROR');
    assert.equal(payloadText(ofType(session, 'eio-decode-error')[0]), '7x');
  });

  it('v3: a length prefix beyond the body (999:4abc) is a decode error naming both lengths', async () => {
    const { session } = await against(
      { handshake: (s) => answer(s, eioBody(v3OpenPayload())), poll: firstPoll('999:4abc') },
      { protocolVersion: 3 },
    );
    await endsWith(session, 'RI_PARSE_ERROR');
    const decode = ofType(session, 'eio-decode-error')[0];
    assert.match(decode.meta!.error!.message, /announced 999 characters, got 4/);
    assert.equal(payloadText(decode), '999:4abc');
  });

  it('v3: a binary payload whose length digits point past the body is a decode error, not a wait', async () => {
    const lie = Buffer.from([0x01, 9, 9, 9, 9, 9, 9, 0xff, 4, 1, 2]);
    const { session } = await against(
      { handshake: (s) => answer(s, eioBody(v3OpenPayload())), poll: firstPoll(lie) },
      { protocolVersion: 3 },
    );
    await endsWith(session, 'RI_PARSE_ERROR');
    assert.equal(ofType(session, 'eio-decode-error').length, 1);
  });

  it('a long-poll whose chunked body never ends: the ping deadline ends the session', async () => {
    const { session, server } = await against({
      handshake: (s) => answer(s, eioBody(openPacket({ pingInterval: 300, pingTimeout: 300 }))),
      poll: (socket, request) => {
        if (request.nth > 0) return holdThen(socket, 200, '6');
        socket.write(chunkedHead('200 OK', { 'Content-Type': 'text/plain' }));
        socket.write(chunk('4hel'));
      },
    });
    await endsWith(session, 'RI_PING_TIMEOUT');
    assert.deepEqual(errorCodes(session), ['RI_PING_TIMEOUT']);
    assert.equal(server.count('poll'), 1, 'no second long-poll while the first was never finished');
  });
});
