/**
 * Reconnecting (WHATWG "reestablish the connection", issue 11): the wait — the server's retry with a 1 s floor,
 * doubled after attempts without an event, plus jitter — on its own, then through the engine on a manual clock
 * (nothing waits for real): Last-Event-ID after the end of the stream, ids with NUL ignored, network errors, the
 * response deadline, and a user close that never reconnects.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import {
  DEFAULT_RETRY_MS,
  JITTER_SHARE,
  MAX_BACKOFF_MS,
  MAX_RETRY_MS,
  RECONNECT_FLOOR_MS,
  ReconnectSchedule,
} from '../../../../src/core/sse/sseReconnect';
import type { SseSession } from '../../../../src/core/sse/sseSession';
import { startRawTcpServer } from '../../../fixtures/servers/rawTcpServer';
import type { SseServer } from '../../../fixtures/servers/sseServer';
import { ManualClock } from '../../support/manualClock';
import {
  errorCodes,
  eventData,
  eventually,
  ofType,
  only,
  rowKinds,
  useSse,
  waitForEvent,
  waitForState,
} from './sseFixture';

/** The delays of the `reconnecting` rows so far. */
function delays(session: SseSession): number[] {
  return ofType(session, 'reconnecting').map((e) => e.meta?.sse?.delayMs ?? -1);
}

/** Waits for the `n`th reconnecting row. */
function nthReconnect(session: SseSession, n: number): Promise<unknown> {
  return waitForEvent(session, () => ofType(session, 'reconnecting').length >= n);
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('SSE reconnect schedule', () => {
  it('waits the retry time (3 s by default), never less than the 1 s floor, jitter only adding', () => {
    const low = new ReconnectSchedule(() => 0);
    assert.equal(low.next().delayMs, DEFAULT_RETRY_MS);
    low.delivered();
    low.setRetry(200);
    assert.equal(low.next().delayMs, RECONNECT_FLOOR_MS, 'retry 200 raised to the floor');
    low.delivered();
    low.setRetry(2500);
    assert.deepEqual(low.next(), { attempt: 4, delayMs: 2500, retryMs: 2500, failures: 0 });
    const high = new ReconnectSchedule(() => 0.999_999);
    const jittered = high.next().delayMs;
    assert.ok(jittered > DEFAULT_RETRY_MS && jittered <= DEFAULT_RETRY_MS * (1 + JITTER_SHARE), String(jittered));
  });

  it('doubles the wait for each attempt in a row without an event, up to a cap, and resets on an event', () => {
    const schedule = new ReconnectSchedule(() => 0);
    schedule.setRetry(1000);
    const run = Array.from({ length: 9 }, () => schedule.next().delayMs);
    assert.deepEqual(run, [1000, 2000, 4000, 8000, 16_000, 32_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    schedule.delivered();
    assert.equal(schedule.next().delayMs, 1000);
  });

  it('honours a retry longer than the backoff cap, cuts an absurd one, and survives a bad random source', () => {
    const slow = new ReconnectSchedule(() => 0);
    slow.setRetry(120_000);
    assert.equal(slow.next().delayMs, 120_000);
    assert.equal(slow.setRetry(Number.MAX_SAFE_INTEGER), MAX_RETRY_MS);
    for (const bad of [NaN, -5, 7, Infinity]) {
      const delay = new ReconnectSchedule(() => bad).next().delayMs;
      assert.ok(delay >= DEFAULT_RETRY_MS && delay <= DEFAULT_RETRY_MS * (1 + JITTER_SHARE), `${bad} → ${delay}`);
    }
  });
});

describe('SSE session reconnects', function () {
  this.timeout(10_000);
  const fx = useSse();

  /** A server whose /s answers attempt n with `attempts[n - 1]`, then ends the stream (from `openFrom` on: not). */
  async function scripted(attempts: string[][], openFrom = Infinity): Promise<SseServer> {
    const server = await fx.server();
    server.route('/s', async (x) => {
      x.open();
      await x.write(attempts[x.attempt - 1] ?? []);
      if (x.attempt < openFrom) x.end();
    });
    return server;
  }

  it('reconnects after the end of the stream, after the retry time, with the last id as Last-Event-ID', async () => {
    const server = await scripted([['id: 1\ndata: a\n\n', 'id: 2\ndata: b\n\n'], ['data: c\n\n']], 2);
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0 });
    await session.start();
    await nthReconnect(session, 1);
    const row = only(session, 'reconnecting');
    assert.deepEqual(row.meta?.sse, { attempt: 2, delayMs: DEFAULT_RETRY_MS, retryMs: DEFAULT_RETRY_MS });
    assert.match(row.meta?.note ?? '', /ended the stream.*attempt 2.*3000 ms.*Last-Event-ID "2"/);
    assert.equal(session.info.state, 'connecting');
    clock.advance(DEFAULT_RETRY_MS - 1);
    assert.equal(ofType(session, 'handshake-request').length, 1, 'not before the retry time');
    clock.advance(1);
    assert.equal(ofType(session, 'handshake-request').length, 2);
    await waitForEvent(session, (e) => e.type === 'sse-event' && e.meta?.sse?.bytes === 9);
    assert.deepEqual(eventData(session), ['a', 'b', 'c']);
    const [firstRequest, secondRequest] = server.requestsTo('/s');
    assert.equal(firstRequest.headers['last-event-id'], undefined);
    assert.equal(secondRequest.headers['last-event-id'], '2');
    assert.equal(ofType(session, 'open').length, 2);
    assert.equal(session.info.state, 'open');
  });

  it('honours the retry field with a 1 s floor', async () => {
    const server = await scripted([['retry: 200\ndata: a\n\n'], ['retry: 2500\ndata: b\n\n'], ['data: c\n\n']], 3);
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0 });
    await session.start();
    await nthReconnect(session, 1);
    assert.match(only(session, 'sse-retry').meta?.note ?? '', /Below the 1000 ms floor/);
    assert.deepEqual(delays(session), [1000]);
    clock.advance(999);
    assert.equal(server.requestsTo('/s').length, 1);
    clock.advance(1);
    await nthReconnect(session, 2);
    assert.deepEqual(delays(session), [1000, 2500]);
    clock.advance(2500);
    await waitForEvent(session, (e) => e.type === 'sse-event' && e.payload?.kind === 'text' && e.payload.text === 'c');
    assert.equal(server.requestsTo('/s').length, 3);
  });

  it('backs off with jitter after attempts without an event, and waits the retry time again after one', async () => {
    const server = await scripted([[], [], [], ['data: finally\n\n'], []]);
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0.5 });
    await session.start();
    const jitter = 1 + JITTER_SHARE * 0.5;
    for (let n = 1; n <= 4; n++) {
      await nthReconnect(session, n);
      clock.advance(delays(session)[n - 1]);
    }
    await nthReconnect(session, 5);
    assert.deepEqual(
      delays(session),
      [3000, 6000, 12_000, 3000, 6000].map((ms) => Math.round(ms * jitter)),
    );
    assert.deepEqual(eventData(session), ['finally']);
    assert.deepEqual(
      ofType(session, 'reconnecting').map((e) => e.meta?.sse?.attempt),
      [2, 3, 4, 5, 6],
    );
  });

  it('ignores an id with NUL, takes an id-only block, and sends no Last-Event-ID after an empty id', async () => {
    const server = await scripted(
      [['id: 5\ndata: a\n\n', 'id: 6\0x\ndata: b\n\n'], ['id: 9\n\n'], ['data: c\nid\n\n'], []],
      4,
    );
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0 });
    await session.start();
    for (let n = 1; n <= 3; n++) {
      await nthReconnect(session, n);
      clock.advance(delays(session)[n - 1]);
    }
    await eventually(() => server.requestsTo('/s').length === 4, 'a fourth request');
    const sent = server.requestsTo('/s').map((r) => r.headers['last-event-id']);
    assert.deepEqual(sent, [undefined, '5', '9', undefined]);
    assert.equal(ofType(session, 'sse-event')[1].meta?.sse?.id, undefined, 'the NUL id is not the event id');
    assert.equal(only(session, 'sse-id').meta?.sse?.id, '9');
  });

  it('sends the lastEventId option on the first request', async () => {
    const server = await scripted([['data: resumed\n\n']], 1);
    const session = fx.session({ url: `${server.url}/s`, lastEventId: 'évt-41' });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'sse-event');
    const sent = server.requestsTo('/s')[0].headers['last-event-id'];
    assert.equal(Buffer.from(String(sent), 'latin1').toString('utf8'), 'évt-41', 'as UTF-8 bytes');
  });

  it('reconnects after a network error mid-stream, and after a refused connection', async () => {
    const server = await fx.server();
    server.route('/cut', async (x) => {
      x.open();
      await x.write(['id: 1\ndata: a\n\n']);
      // Cut once the event is surely across (a socket destroyed at once drops what it has not sent).
      if (x.attempt === 1) setTimeout(() => x.cut(), 30);
    });
    const clock = new ManualClock();
    const session = fx.session({ url: `${server.url}/cut` }, { clock, random: () => 0 });
    await session.start();
    await nthReconnect(session, 1);
    assert.deepEqual(errorCodes(session), ['RI_CONNECTION_RESET']);
    clock.advance(DEFAULT_RETRY_MS);
    await eventually(() => server.requestsTo('/cut').length === 2, 'a second request');
    assert.equal(server.requestsTo('/cut')[1].headers['last-event-id'], '1');
    const port = await closedPort();
    const refused = fx.session({ url: `http://127.0.0.1:${port}/` }, { clock: new ManualClock(), random: () => 0 });
    void refused.start();
    await nthReconnect(refused, 1);
    assert.deepEqual(errorCodes(refused), ['RI_CONNECTION_REFUSED']);
    assert.equal(refused.info.state, 'connecting');
  });

  it('with reconnect off, the end of the stream or a refused connection ends the session', async () => {
    const server = await scripted([['data: a\n\ndata: unfinished']]);
    const session = fx.session({ url: `${server.url}/s`, reconnect: false });
    await session.start();
    await waitForState(session, 'closed');
    assert.match(session.info.closeSummary ?? '', /ended the stream.*unfinished line of 16 bytes.*Reconnecting is off/);
    assert.deepEqual(eventData(session), ['a'], 'the unfinished event is discarded');
    const port = await closedPort();
    const refused = fx.session({ url: `http://127.0.0.1:${port}/`, reconnect: false });
    assert.equal(await refused.start(), 'closed');
    assert.deepEqual(errorCodes(refused), ['RI_CONNECTION_REFUSED']);
  });

  it('the response deadline covers a head that drips and never ends', async () => {
    const raw = await startRawTcpServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Slow: ');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('a')), 5);
    });
    try {
      const clock = new ManualClock();
      const url = `http://127.0.0.1:${raw.port}/`;
      const session = fx.session({ url, handshakeTimeoutMs: 2000 }, { clock, random: () => 0 });
      void session.start();
      await eventually(() => raw.requests.length === 1, 'the request arrived');
      clock.advance(1999);
      assert.deepEqual(errorCodes(session), []);
      clock.advance(1);
      assert.deepEqual(errorCodes(session), ['RI_HANDSHAKE_TIMEOUT']);
      assert.equal(only(session, 'reconnecting').meta?.sse?.attempt, 2);
    } finally {
      await raw.close();
    }
  });

  it('a user close never reconnects: not while open, not while waiting to', async () => {
    const server = await scripted([['data: a\n\n'], ['data: b\n\n']], 2);
    const clock = new ManualClock();
    const waiting = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0 });
    await waiting.start();
    await nthReconnect(waiting, 1);
    await waiting.close();
    assert.deepEqual(clock.pendingDelays, [], 'the reconnect timer is gone');
    clock.advance(600_000);
    assert.equal(server.requestsTo('/s').length, 1);
    assert.equal(rowKinds(waiting).at(-1), 'local:sse:closed');
    assert.equal(waiting.info.closeSummary, 'Closed by the user.');
    const open = fx.session({ url: `${server.url}/s` }, { clock, random: () => 0 });
    await open.start();
    await waitForEvent(open, (e) => e.type === 'sse-event');
    await open.close();
    clock.advance(600_000);
    assert.equal(server.requestsTo('/s').length, 2);
    assert.deepEqual(ofType(open, 'reconnecting'), []);
  });
});
