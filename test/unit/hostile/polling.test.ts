/**
 * The generic long-poll engine against hostile servers on raw `net` sockets (issue 12). For each case: the row
 * the user sees, whether polling stops or goes on, bounded rows and stored payloads, nothing escaped.
 *
 * Index of hostile polling cases tested elsewhere (not repeated here):
 * - a chunked body that never ends (the per-request deadline, showing what arrived), a server that never
 *   answers, a body over maxBodyBytes, 4xx without retry, 503 retried with backoff: core/polling/pollFailures.test.ts
 * - Retry-After as seconds or a date, capped; cursor paths refusing long paths and too many steps:
 *   core/polling/cursorAndRetry.test.ts
 * - an endpoint that answers at once, for ever (at most ten requests a second): core/polling/longPoll.test.ts
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import type { Session } from '../../../src/core/session/session';
import { answer, httpResponse, startRawHttpServer, type RawHttpServer } from '../../fixtures/servers/hostile/rawHttp';
import { eventually, newSession } from '../support/sessions';
import {
  allErrorsInOurWords,
  closedWithin,
  ofType,
  ourError,
  payloadsBounded,
  useCleanup,
  useCrashWatch,
  waitForEvent,
} from './hostileSupport';

const BODY_CAP = 64 * 1024;
const STORED = 16 * 1024;
const RETRY = { maxRetries: 2, initialDelayMs: 100, maxDelayMs: 300 };

describe('hostile long-poll servers (issue 12)', function () {
  this.timeout(10000);
  useCrashWatch();
  const cleanup = useCleanup();

  async function against(
    script: (socket: Socket, request: { n: number }) => void,
    options: Record<string, unknown> = {},
  ): Promise<{ session: Session; server: RawHttpServer }> {
    const server = cleanup.server(await startRawHttpServer(script));
    const session = cleanup.session(
      newSession({
        kind: 'longpoll',
        url: `${server.base}/poll`,
        maxBodyBytes: BODY_CAP,
        maxStoredPayloadBytes: STORED,
        retry: RETRY,
        ...options,
      }),
    );
    await session.start();
    return { session, server };
  }

  const json = (body: string | Buffer, headers: Record<string, string> = {}): Buffer =>
    httpResponse('200 OK', { 'Content-Type': 'application/json', ...headers }, body);

  for (const [encoding, compress] of [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const) {
    it(`a ${encoding} bomb (small on the wire, 8 MB inflated) stops at the cap: RI_POLL_BODY_TOO_LARGE`, async () => {
      const bomb = compress(`[${'0,'.repeat(4 * 1024 * 1024)}0]`);
      assert.ok(bomb.length < BODY_CAP, 'the compressed body is under the cap');
      const { session, server } = await against((socket) =>
        answer(socket, json(bomb, { 'Content-Encoding': encoding })),
      );
      await closedWithin(session);
      const error = ourError(session, 'RI_POLL_BODY_TOO_LARGE');
      assert.match(error.meta!.error!.message, new RegExp(`${BODY_CAP} bytes`));
      assert.equal(server.seen.length, 1, 'no retry of a body that is too large');
      payloadsBounded(session, STORED);
    });
  }

  it('an invalid HTTP status line: RI_INVALID_HTTP_RESPONSE, retried as a network fault, then stopped', async () => {
    const { session, server } = await against((socket) => answer(socket, 'HTTP/1.1 abc\r\n\r\n'));
    await closedWithin(session);
    ourError(session, 'RI_INVALID_HTTP_RESPONSE');
    assert.equal(server.seen.length, RETRY.maxRetries + 1);
    allErrorsInOurWords(session);
  });

  it('invalid JSON with a cursor rule: a warning on the row, no cursor sent, polling goes on', async () => {
    const { session, server } = await against(
      (socket, request) => answer(socket, json(request.n === 0 ? '{"cursor": 1, broken' : '{"cursor":7}')),
      { cursor: { from: '$.cursor', to: 'query.cursor' } },
    );
    const warned = await waitForEvent(session, (e) => e.type === 'poll-response' && !!e.meta?.warning, 5000);
    assert.match(warned.meta!.warning!, /not JSON/);
    await eventually(() => server.seen.length >= 3, 'polling goes on');
    assert.doesNotMatch(server.seen[1].head, /cursor=/, 'no cursor after the broken answer');
    assert.match(server.seen[2].head, /cursor=7/, 'the next good answer gives the cursor');
    assert.equal(session.info.state, 'open');
    assert.deepEqual(ofType(session, 'error'), []);
  });

  const retryAfter: Array<[string, string]> = [
    ['huge (999999999 s)', '999999999'],
    ['beyond 9 digits', '99999999999999'],
    ['negative', '-5'],
    ['a date in the past', 'Wed, 21 Oct 2015 07:28:00 GMT'],
    ['garbage with HTML', '<script>alert(1)</script>'],
  ];
  for (const [what, value] of retryAfter) {
    it(`Retry-After ${what}: every wait stays within maxDelayMs, retries run out, polling stops`, async () => {
      const { session, server } = await against((socket) =>
        answer(socket, httpResponse('503 Service Unavailable', { 'Retry-After': value }, 'busy')),
      );
      await closedWithin(session);
      const retries = ofType(session, 'poll-retry');
      assert.equal(retries.length, RETRY.maxRetries);
      for (const r of retries) {
        const wait = r.meta!.poll!.retryInMs!;
        assert.ok(wait >= 0 && wait <= RETRY.maxDelayMs, `waited ${wait} ms`);
      }
      assert.equal(server.seen.length, RETRY.maxRetries + 1);
      ourError(session, 'RI_POLL_SERVER_ERROR');
    });
  }

  it('a Content-Length larger than the body sent (then closed): an error row, not a hang', async () => {
    const { session } = await against((socket) =>
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":1'),
    );
    await closedWithin(session);
    allErrorsInOurWords(session);
    assert.ok(ofType(session, 'error').length >= 1);
  });
});
