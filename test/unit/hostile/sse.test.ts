/**
 * The SSE engine against hostile servers on raw `net` sockets (issue 12). For each case: the row the user sees,
 * whether the session ends or goes on, bounded rows and stored payloads, nothing escaped.
 *
 * Index of hostile SSE cases tested elsewhere (not repeated here):
 * - a 1 MB line without a newline (and dripped lines, CR-only, comments) past maxLineBytes; an event whose data
 *   outgrows the cap: core/sse/sseSession.test.ts
 * - a 200 that is not text/event-stream (its body kept as text), other statuses, redirects shown not followed,
 *   gzip, an unknown Content-Encoding: core/sse/sseSession.test.ts
 * - NUL in an id (ignored), an empty id resetting Last-Event-ID: core/sse/sseReconnect.test.ts,
 *   sseStreamReader.test.ts
 * - `retry` below the 1 s floor, an absurd retry cut, backoff with jitter: core/sse/sseReconnect.test.ts
 * - a head that drips and never ends (the response deadline): core/sse/sseReconnect.test.ts
 * - invalid UTF-8 decoded with U+FFFD, every split of a stream: core/sse/sseStreamReader.test.ts
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { Session } from '../../../src/core/session/session';
import { answer, startRawHttpServer, type RawHttpServer } from '../../fixtures/servers/hostile/rawHttp';
import { newSession } from '../support/sessions';
import {
  allErrorsInOurWords,
  closedWithin,
  ofType,
  ourError,
  payloadText,
  payloadsBounded,
  rowCounts,
  useCleanup,
  useCrashWatch,
  waitForEvent,
} from './hostileSupport';

const STREAM_HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n';
const STORED = 64 * 1024;

describe('hostile SSE servers (issue 12)', function () {
  this.timeout(15000);
  useCrashWatch();
  const cleanup = useCleanup();

  async function against(
    script: (socket: Socket, request: { n: number }) => void,
    options: Record<string, unknown> = {},
  ): Promise<{ session: Session; server: RawHttpServer }> {
    const server = cleanup.server(await startRawHttpServer(script));
    const session = cleanup.session(
      newSession({ kind: 'sse', url: `${server.base}/events`, maxStoredPayloadBytes: STORED, ...options }),
    );
    await session.start();
    return { session, server };
  }

  /** A stream that sends `body` and ends. */
  const stream =
    (body: string | Buffer) =>
    (socket: Socket): void => {
      socket.write(STREAM_HEAD);
      socket.end(body);
    };

  it('an invalid status line: RI_INVALID_HTTP_RESPONSE in our words', async () => {
    const { session } = await against((socket) => answer(socket, 'HTTP/1.1 2000 OK\r\n\r\n'), { reconnect: false });
    await closedWithin(session);
    ourError(session, 'RI_INVALID_HTTP_RESPONSE');
    assert.equal(ofType(session, 'open').length, 0);
  });

  it('10,000 response headers: refused as too large, no open', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => `X-H${i}: v`).join('\r\n');
    const { session } = await against(
      (socket) => socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n${many}\r\n\r\n`),
      { reconnect: false },
    );
    await closedWithin(session);
    assert.match(ourError(session, 'RI_INVALID_HTTP_RESPONSE').meta!.error!.message, /16 KiB/);
  });

  it('a million blank lines: no event rows (nothing to dispatch), then the next event', async () => {
    const { session } = await against(stream(`${'\n'.repeat(1_000_000)}data: after\n\n`), { reconnect: false });
    await closedWithin(session);
    assert.deepEqual(ofType(session, 'sse-event').map(payloadText), ['after']);
    assert.ok(session.log.count < 20, JSON.stringify(rowCounts(session)));
  });

  it('a million empty events (data:\\n\\n): the log keeps a bounded window, the last event is there', async () => {
    const { session } = await against(stream(`${'data:\n\n'.repeat(1_000_000)}data: after\n\n`), {
      reconnect: false,
    });
    await closedWithin(session, 12000);
    const stats = session.log.stats!();
    assert.ok(stats.inMemory <= 100_000, `rows held in memory: ${stats.inMemory}`);
    assert.ok(stats.events > 1_000_000, 'every event was counted');
    assert.equal(payloadText(ofType(session, 'sse-event').at(-1)!), 'after');
    allErrorsInOurWords(session);
  });

  it('retry: 0 cannot make the session hammer the server: reconnects keep the 1 s floor', async () => {
    const { session, server } = await against(stream('retry: 0\ndata: x\n\n'));
    const retry = await waitForEvent(session, (e) => e.type === 'sse-retry', 5000);
    assert.match(retry.meta!.note!, /floor/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(server.seen.length <= 3, `requests in 1.5 s: ${server.seen.length}`);
  });

  it('retry: 99999999999999 is cut to the longest wait honoured, and the row says so', async () => {
    const { session } = await against(stream('retry: 99999999999999\ndata: x\n\n'));
    const retry = await waitForEvent(session, (e) => e.type === 'sse-retry', 5000);
    assert.match(retry.meta!.note!, /Cut to \d+ ms/);
    await waitForEvent(session, (e) => e.type === 'reconnecting', 5000);
  });

  it('invalid UTF-8 in data: U+FFFD in the event, the stream goes on', async () => {
    const bad = Buffer.concat([
      Buffer.from('data: a'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('b\n\ndata: c\n\n'),
    ]);
    const { session } = await against(stream(bad), { reconnect: false });
    await closedWithin(session);
    assert.deepEqual(ofType(session, 'sse-event').map(payloadText), ['a\ufffd\ufffd\ufffdb', 'c']);
    assert.deepEqual(ofType(session, 'error'), []);
  });

  it('an event name, an id and data made of HTML are kept as text, byte for byte', async () => {
    const html = '<img src=x onerror=alert(1)>';
    const { session } = await against(stream(`event: ${html}\nid: ${html}\ndata: ${html}\n\n`), {
      reconnect: false,
    });
    await closedWithin(session);
    const event = ofType(session, 'sse-event')[0];
    assert.equal(payloadText(event), html);
    assert.equal(event.meta!.sse!.event, html);
    assert.equal(event.meta!.sse!.id, html);
  });

  it('an 800 KB event (under the 1 MiB cap) is stored truncated, with its full size', async () => {
    const data = 'd'.repeat(400 * 1024);
    const { session } = await against(stream(`data: ${data}\ndata: ${data}\n\n`), { reconnect: false });
    await closedWithin(session);
    const event = ofType(session, 'sse-event')[0];
    assert.equal(event.size, data.length * 2 + 1);
    payloadsBounded(session, STORED);
  });
});
