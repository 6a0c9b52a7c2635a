/**
 * A polling session against servers that fail or misbehave (issue 11): 5xx is retried with exponential
 * backoff and jitter (randomness injected) and logged; a refused connection likewise, until the retries run
 * out; a 4xx stops at once; a server that never answers and a chunked body that never ends both hit the
 * per-request deadline; an oversized body is aborted with an error naming the limit. Each ends in `closed`.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { payloadText, waitForState } from '../../support/sessions';
import { errorCodes, rows, usePollFixture } from './pollFixture';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('polling: failures, retries and deadlines', function () {
  this.timeout(15000);
  const fixture = usePollFixture();

  it('retries 503 with exponential backoff and jitter, logged, then succeeds and opens', async () => {
    const server = await fixture.server();
    const session = fixture.session(
      { kind: 'shortpoll', url: `${server.origin}/flaky`, intervalMs: 5000, retry: { initialDelayMs: 40 } },
      { random: () => 0.5 },
    );
    assert.equal(await session.start(), 'open');

    const retries = rows(session, 'poll-retry');
    assert.deepEqual(
      retries.map((r) => r.meta?.poll),
      // Equal jitter with random 0.5: 40 → 20 + 10; then 80 → 40 + 20.
      [
        { attempt: 1, retryInMs: 30 },
        { attempt: 2, retryInMs: 60 },
      ],
    );
    assert.match(retries[0].meta?.warning ?? '', /503 Service Unavailable: retry 1 of 5 in 30 ms/);
    assert.equal(retries[0].direction, 'local');
    const statuses = rows(session, 'poll-response').map((r) => r.meta?.response?.status);
    assert.deepEqual(statuses, [503, 503, 200]);
    const requests = rows(session, 'poll-request');
    retries.forEach((retry, i) => {
      const waited = requests[i + 1].mono - retry.mono;
      assert.ok(waited >= retry.meta!.poll!.retryInMs! - 2, `retry ${i + 1} waited its delay (${waited} ms)`);
    });
    assert.equal(server.requestsTo('/flaky').length, 3);
    assert.deepEqual(
      requests.map((r) => r.meta?.poll?.attempt),
      [undefined, 1, 2],
      'retried requests say which retry they are',
    );
    assert.deepEqual(errorCodes(session), []);
  });

  it('retries a refused connection until the retries run out, then closes with the network error', async () => {
    const port = await closedPort();
    const session = fixture.session({
      url: `http://127.0.0.1:${port}/poll`,
      retry: { maxRetries: 2, initialDelayMs: 10 },
    });
    assert.equal(await session.start(), 'closed');

    assert.deepEqual(
      rows(session, 'poll-retry').map((r) => r.meta?.poll?.attempt),
      [1, 2],
    );
    assert.equal(rows(session, 'poll-request').length, 3, 'the first try and two retries');
    assert.deepEqual(errorCodes(session), ['RI_CONNECTION_REFUSED']);
    assert.match(rows(session, 'error')[0].meta?.error?.message ?? '', /Gave up after 2 retries in a row/);
    assert.match(session.info.closeSummary ?? '', /^RI_CONNECTION_REFUSED/);
  });

  it('stops at once on a 4xx, without retrying', async () => {
    const server = await fixture.server();
    const session = fixture.session({ url: `${server.origin}/nowhere` });
    assert.equal(await session.start(), 'closed');

    assert.deepEqual(errorCodes(session), ['RI_POLL_REFUSED']);
    const error = rows(session, 'error')[0];
    assert.match(error.meta?.error?.message ?? '', /404 Not Found: polling stopped/);
    assert.equal(error.parent, rows(session, 'poll-request')[0].seq);
    assert.equal(rows(session, 'poll-retry').length, 0);
    assert.equal(server.requests.length, 1);
    assert.match(payloadText(rows(session, 'poll-response')[0]) ?? '', /not found/, 'the 404 body is shown');
  });

  it('gives a server that never answers the per-request deadline error', async () => {
    const server = await fixture.server();
    const session = fixture.session({ url: `${server.origin}/hang`, requestTimeoutMs: 300 });
    const began = performance.now();
    assert.equal(await session.start(), 'closed');

    assert.ok(performance.now() - began >= 290, 'not before the deadline');
    assert.deepEqual(errorCodes(session), ['RI_POLL_TIMEOUT']);
    assert.match(rows(session, 'error')[0].meta?.error?.message ?? '', /did not answer within 300 ms/);
    assert.equal(rows(session, 'poll-response').length, 0, 'no response arrived');
    assert.equal(server.requests.length, 1, 'a deadline is not retried');
  });

  it('gives a chunked body that never ends the same deadline, showing what arrived', async () => {
    const server = await fixture.server();
    const session = fixture.session({ url: `${server.origin}/drip`, requestTimeoutMs: 300 });
    assert.equal(await session.start(), 'closed');

    assert.deepEqual(errorCodes(session), ['RI_POLL_TIMEOUT']);
    assert.match(rows(session, 'error')[0].meta?.error?.message ?? '', /answered 200 but the body did not end/);
    const partial = rows(session, 'poll-response')[0];
    assert.equal(partial.meta?.response?.status, 200);
    assert.equal(payloadText(partial), '{"partial":');
    assert.match(partial.meta?.note ?? '', /incomplete/);
    assert.notEqual(partial.meta?.poll?.empty, true, 'an unfinished body is not an empty answer');
  });

  it('aborts a body over maxBodyBytes with an error naming the limit', async () => {
    const server = await fixture.server({ bigBodyBytes: 64 * 1024 });
    const session = fixture.session({ url: `${server.origin}/big`, maxBodyBytes: 4096 });
    assert.equal(await session.start(), 'closed');

    assert.deepEqual(errorCodes(session), ['RI_POLL_BODY_TOO_LARGE']);
    assert.match(rows(session, 'error')[0].meta?.error?.message ?? '', /limit of 4096 bytes \(maxBodyBytes\)/);
    const partial = rows(session, 'poll-response')[0];
    assert.ok((partial.payload?.byteLength ?? Infinity) <= 4096, 'no more than the limit is kept');
    await waitForState(session, 'closed');
    assert.equal(server.requests.length, 1);
  });
});
