/**
 * The SSE engine against the real SSE fixture server: GET and POST as an EventSource sends them, each attempt
 * and event as rows in order, the answers that end a session (204, another type or status, a compressed stream
 * it cannot read), the line and event caps, and send() refused for every kind.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { SEND_KINDS, type SendRequest } from '../../../../src/core/session/sendRequest';
import { SseSession } from '../../../../src/core/sse/sseSession';
import { ManualClock } from '../../support/manualClock';
import {
  errorCodes,
  eventData,
  eventually,
  header,
  ofType,
  only,
  payloadText,
  rowKinds,
  sseOptions,
  useSse,
  waitForEvent,
} from './sseFixture';

describe('SSE session', function () {
  this.timeout(10_000);
  const fx = useSse();

  it('GET: logs the attempt, then each event with its id, type and how it arrived, and counts them', async () => {
    const server = await fx.server();
    const first = 'id: 1\nevent: greet\ndata: hello\n\n';
    server.route('/events', async (x) => {
      x.open();
      await x.write([first, ': keep-alive\n\n', 'retry: 2000\n', 'data: {"a":1}\n\n']);
    });
    const session = fx.session({ url: `${server.url}/events`, headers: [['X-Client', 'inspector']] });
    assert.equal(await session.start(), 'open');
    await waitForEvent(session, (e) => e.type === 'sse-event' && payloadText(e) === '{"a":1}');
    assert.deepEqual(rowKinds(session), [
      'local:sse:connecting',
      'out:http:handshake-request',
      'in:http:handshake-response',
      'local:sse:open',
      'in:sse:sse-event',
      'in:sse:sse-comment',
      'in:sse:sse-retry',
      'in:sse:sse-event',
    ]);
    const [received] = server.requestsTo('/events');
    assert.equal(received.method, 'GET');
    assert.equal(received.headers.accept, 'text/event-stream');
    assert.equal(received.headers['cache-control'], 'no-cache');
    assert.equal(received.headers['x-client'], 'inspector');
    assert.equal(received.headers['last-event-id'], undefined, 'no id seen yet');
    const request = only(session, 'handshake-request');
    assert.equal(request.meta?.request?.method, 'GET');
    assert.equal(header(request.meta?.request?.headers, 'Accept'), 'text/event-stream');
    const response = only(session, 'handshake-response');
    assert.equal(response.meta?.response?.status, 200);
    assert.equal(response.meta?.requestSeq, request.seq);
    const [greet, json] = ofType(session, 'sse-event');
    const arrival = { chunks: 1, bytes: Buffer.byteLength(first), raw: first };
    assert.deepEqual(greet.meta?.sse, { id: '1', event: 'greet', ...arrival });
    assert.equal(greet.size, 5);
    assert.equal(json.meta?.sse?.id, undefined);
    // The retry line is in the event's block (no blank line between); the comment's block ended before it.
    assert.deepEqual(json.meta?.sse, { chunks: 2, bytes: 27, raw: 'retry: 2000\ndata: {"a":1}\n\n', chunkEnds: [12] });
    assert.equal(only(session, 'sse-comment').meta?.sse?.raw, ': keep-alive\n');
    assert.equal(payloadText(only(session, 'sse-comment')), 'keep-alive');
    assert.equal(only(session, 'sse-retry').meta?.sse?.retryMs, 2000);
    assert.equal(session.info.state, 'open');
    assert.equal(session.info.messagesIn, 2);
    assert.equal(session.info.bytesIn, 5 + 7);
    assert.equal(typeof session.info.handshakeMs, 'number');
    await session.close();
    assert.equal(session.info.state, 'closed');
    assert.equal(session.info.closeSummary, 'Closed by the user.');
    assert.equal(rowKinds(session).at(-1), 'local:sse:closed');
  });

  it('POST: the body and headers arrive, the body is the request row payload, JSON typed by default', async () => {
    const server = await fx.server();
    server.route('/chat', async (x) => {
      x.open();
      await x.write([`data: got ${x.request.body}\n\n`]);
    });
    const body = '{"prompt":"hi","stream":true}';
    const session = fx.session({
      url: `${server.url}/chat`,
      method: 'POST',
      body,
      headers: [['Authorization', 'Bearer token-1']],
    });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'sse-event');
    const [received] = server.requestsTo('/chat');
    assert.equal(received.method, 'POST');
    assert.equal(received.body, body);
    assert.equal(received.headers.authorization, 'Bearer token-1');
    assert.equal(received.headers['content-type'], 'application/json');
    assert.equal(received.headers['content-length'], String(Buffer.byteLength(body)));
    assert.deepEqual(eventData(session), [`got ${body}`]);
    const request = only(session, 'handshake-request');
    assert.equal(request.meta?.request?.method, 'POST');
    assert.equal(payloadText(request), body);
    assert.equal(request.size, Buffer.byteLength(body));
  });

  it('204 No Content stops: closed with a clear summary, no error, no reconnect', async () => {
    const server = await fx.server();
    server.route('/done', (x) => {
      x.res.writeHead(204).end();
    });
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/done` }, { clock });
    assert.equal(await session.start(), 'closed');
    assert.match(session.info.closeSummary ?? '', /204 No Content.*stop reconnecting/);
    assert.deepEqual(errorCodes(session), []);
    assert.equal(only(session, 'handshake-response').meta?.response?.status, 204);
    assert.deepEqual(clock.pendingDelays, [], 'no reconnect planned');
    clock.advance(600_000);
    assert.equal(server.requestsTo('/done').length, 1);
  });

  it('a 200 that is not text/event-stream fails without retry; its body is kept as text', async () => {
    const server = await fx.server();
    const page = '<h1>Not a stream</h1><script>alert(1)</script>';
    server.route('/page', (x) => {
      x.res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    });
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/page` }, { clock });
    assert.equal(await session.start(), 'closed');
    assert.deepEqual(errorCodes(session), ['RI_SSE_NOT_EVENT_STREAM']);
    const error = only(session, 'error');
    assert.match(error.meta?.error?.message ?? '', /text\/html/);
    assert.equal(error.meta?.response?.status, 200);
    assert.equal(payloadText(error), page);
    const response = only(session, 'handshake-response');
    assert.equal(response.payload?.kind, 'text');
    assert.equal(payloadText(response), page);
    assert.deepEqual(ofType(session, 'reconnecting'), []);
    clock.advance(600_000);
    assert.equal(server.requestsTo('/page').length, 1, 'never retried');
    assert.match(session.info.closeSummary ?? '', /not an event stream/);
  });

  it('another status fails without retry: the body up to 64 KiB, and a redirect is shown, not followed', async () => {
    const server = await fx.server();
    server.route('/broken', (x) => {
      x.res.writeHead(503, { 'Content-Type': 'application/json' }).end(`{"error":"${'z'.repeat(100_000)}"}`);
    });
    server.route('/moved', (x) => {
      x.res.writeHead(302, { Location: '/elsewhere' }).end();
    });
    const broken = fx.session({ url: `${server.url}/broken` });
    assert.equal(await broken.start(), 'closed');
    assert.deepEqual(errorCodes(broken), ['RI_UNEXPECTED_RESPONSE']);
    const response = only(broken, 'handshake-response');
    assert.equal(response.meta?.response?.status, 503);
    assert.equal(response.payload?.byteLength, 64 * 1024);
    assert.match(response.meta?.note ?? '', /Body cut at 65536 bytes/);
    const moved = fx.session({ url: `${server.url}/moved` });
    assert.equal(await moved.start(), 'closed');
    assert.match(only(moved, 'error').meta?.error?.hint ?? '', /redirects to \/elsewhere.*not followed/);
    assert.equal(server.requestsTo('/elsewhere').length, 0);
  });

  it('a line over maxLineBytes: an error row with the bytes, the connection closed, no reconnect', async () => {
    const server = await fx.server();
    let exchange: { closed: boolean } | undefined;
    server.route('/long', async (x) => {
      exchange = x;
      x.open();
      await x.write([`data: ${'x'.repeat(5000)}\n\n`]);
    });
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/long`, maxLineBytes: 1024 }, { clock });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'closed');
    assert.deepEqual(errorCodes(session), ['RI_SSE_LINE_TOO_LONG']);
    assert.match(payloadText(only(session, 'error')) ?? '', /^(data: )?x+$/);
    assert.deepEqual(ofType(session, 'sse-event'), []);
    assert.match(session.info.closeSummary ?? '', /longer than 1024 bytes/);
    await eventually(() => exchange?.closed === true, 'the server sees the connection closed');
    clock.advance(600_000);
    assert.equal(server.requestsTo('/long').length, 1);
  });

  for (const [name, start] of [
    ['a data line', 'data: '],
    ['a line that is no field', 'garbage'],
  ] as const) {
    it(`a server dripping ${name} without end is stopped at the same cap`, async () => {
      const server = await fx.server();
      let drips = 0;
      server.route('/drip', async (x) => {
        x.open();
        await x.write([start]);
        while (!x.closed) {
          drips++;
          await x.write(['y'.repeat(64)]);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      });
      const session = fx.session({ url: `${server.url}/drip`, maxLineBytes: 2048 });
      await session.start();
      await waitForEvent(session, (e) => e.type === 'closed');
      assert.deepEqual(errorCodes(session), ['RI_SSE_LINE_TOO_LONG']);
      assert.ok(drips >= 2048 / 64 - 1, `the server dripped ${drips} times before the cap`);
      assert.equal(session.info.state, 'closed');
    });
  }

  it('an event whose data lines outgrow the cap before its blank line ends the session', async () => {
    const server = await fx.server();
    server.route('/tall', async (x) => {
      x.open();
      await x.write(
        Array.from({ length: 40 }, () => `data: ${'t'.repeat(100)}\n`),
        1,
      );
    });
    const session = fx.session({ url: `${server.url}/tall`, maxLineBytes: 2048 });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'closed');
    assert.deepEqual(errorCodes(session), ['RI_SSE_EVENT_TOO_LARGE']);
    assert.deepEqual(ofType(session, 'sse-event'), []);
  });

  it('decodes a gzip stream, and refuses an encoding it cannot decode', async () => {
    const server = await fx.server();
    server.route('/gzip', async (x) => {
      x.open({ 'Content-Encoding': 'gzip' });
      await x.write([gzipSync('data: zipped\n\n')]);
    });
    server.route('/compress', (x) => {
      x.open({ 'Content-Encoding': 'compress' });
      x.end();
    });
    const zipped = fx.session({ url: `${server.url}/gzip` });
    await zipped.start();
    await waitForEvent(zipped, (e) => e.type === 'sse-event');
    assert.deepEqual(eventData(zipped), ['zipped']);
    const refused = fx.session({ url: `${server.url}/compress` });
    assert.equal(await refused.start(), 'closed');
    assert.deepEqual(errorCodes(refused), ['RI_SSE_BAD_ENCODING']);
  });

  it('a request Node refuses outright (a header value it cannot send) fails at once, without retry', async () => {
    const server = await fx.server();
    const options = {
      ...sseOptions({ url: `${server.url}/x` }),
      headers: [['X-Bell', 'ding\x07']] as Array<[string, string]>,
    };
    const clock = new ManualClock();
    const session = new SseSession(options, { clock });
    try {
      assert.equal(await session.start(), 'closed');
      assert.deepEqual(errorCodes(session), ['RI_INVALID_OPTIONS']);
      assert.match(only(session, 'error').meta?.error?.detail ?? '', /ERR_INVALID_CHAR/);
      assert.deepEqual(clock.pendingDelays, []);
      assert.equal(server.requests.length, 0);
    } finally {
      session.dispose();
    }
  });

  it('send() refuses every kind: SSE only receives', async () => {
    const server = await fx.server();
    server.route('/quiet', (x) => x.open());
    const session = fx.session({ url: `${server.url}/quiet` });
    await session.start();
    const before = session.log.count;
    for (const kind of SEND_KINDS) {
      const outcome = session.send({ kind } as SendRequest);
      assert.ok(!outcome.ok, kind);
      assert.equal(outcome.error.code, 'RI_INVALID_MESSAGE');
      assert.match(outcome.error.message, new RegExp(`An SSE session cannot send a request of kind "${kind}"`));
    }
    assert.equal(session.log.count, before, 'a refused send logs nothing');
    assert.equal(session.info.state, 'open', 'and does not disturb the stream');
  });
});
