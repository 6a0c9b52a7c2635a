/**
 * Issue 11, "Transport comparison": what goes wrong stays in the report. A refused port, a server that accepts
 * only one transport, a server that closes mid-run, a server that never answers, a cancellation, an invalid
 * plan: each transport gets its own result (ok false, a stable code, our words), the other transport still runs,
 * and runTransportComparison never throws.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { ComparisonPlan } from '../../../../src/core/compare/comparisonPlan';
import { runTransportComparison } from '../../../../src/core/compare/runTransportComparison';
import { MAX_UNANSWERED_IN_A_ROW } from '../../../../src/core/compare/transportRun';
import { startSocketIoServer, type SocketIoTestServer } from '../../../fixtures/servers/socketIoServers';
import { eventually } from '../../support/sessions';

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('transport comparison: failures and cancellation', function () {
  this.timeout(30000);
  let server: SocketIoTestServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const plan = (url: string, overrides: Partial<ComparisonPlan> = {}): ComparisonPlan => ({
    kind: 'socketio',
    url,
    messages: 20,
    messageBytes: 64,
    mode: 'ack',
    timeoutMs: 3000,
    ...overrides,
  });

  it('a refused port: each transport fails on its own with a code and our words, and both ran', async () => {
    const report = await runTransportComparison(plan(`http://127.0.0.1:${await closedPort()}`));
    assert.equal(report.results.length, 2);
    for (const result of report.results) {
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'RI_COMPARE_CONNECT_FAILED', JSON.stringify(result));
      assert.match(result.error!.message, /^Could not connect over (HTTP long-polling|WebSocket): /);
      assert.equal(result.error?.cause?.code, 'RI_CONNECTION_REFUSED');
      assert.equal(result.sent, 0);
      assert.equal(result.setupMs, null);
      assert.deepEqual(result.rtt, { median: null, p95: null, min: null, max: null });
      assert.deepEqual(result.bytesPerMessage, { up: null, down: null, total: null });
    }
  });

  for (const [accepted, failing, working] of [
    ['websocket', 'polling-only', 'websocket-only'],
    ['polling', 'websocket-only', 'polling-only'],
  ] as const) {
    it(`a server that accepts only ${accepted}: ${failing} fails, ${working} is measured in full`, async () => {
      server = await startSocketIoServer('socket.io@4.8.4', { transports: [accepted] });
      const report = await runTransportComparison(plan(server.url));
      const failed = report.results.find((r) => r.transport === failing)!;
      const measured = report.results.find((r) => r.transport === working)!;
      assert.equal(failed.ok, false);
      assert.equal(failed.error?.code, 'RI_COMPARE_CONNECT_FAILED', JSON.stringify(failed));
      assert.ok(failed.error!.message.length > 30, failed.error!.message);
      assert.equal(measured.ok, true, JSON.stringify(measured));
      assert.equal(measured.messages, 20);
      assert.ok(measured.rtt.median !== null && measured.bytesPerMessage.total !== null);
    });
  }

  it('a server that closes mid-run: that transport ends with what it measured; the next one runs', async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
    // The fixture's `kick` makes the server disconnect the client.
    const report = await runTransportComparison(plan(server.url, { event: 'kick' }));
    assert.equal(report.results.length, 2);
    for (const result of report.results) {
      assert.equal(result.ok, false);
      assert.equal(result.error?.code, 'RI_COMPARE_SESSION_CLOSED', JSON.stringify(result));
      assert.match(result.error!.message, /session ended after 0 answer\(s\)/);
      assert.equal(result.sent, 1);
      assert.equal(result.timedOut, 1);
      assert.ok(result.setupMs !== null && result.httpRequests >= 1);
    }
  });

  it(`a server that never answers: the exchange stops after ${MAX_UNANSWERED_IN_A_ROW} timeouts in a row`, async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
    const report = await runTransportComparison(
      plan(server.url, { event: 'nobody-listens', timeoutMs: 200, transports: ['websocket-only'] }),
    );
    const [result] = report.results;
    assert.equal(result.ok, false);
    assert.equal(result.error?.code, 'RI_COMPARE_NO_ANSWERS');
    assert.match(result.error!.message, /3 messages in a row got no answer within 200 ms/);
    assert.equal(result.sent, MAX_UNANSWERED_IN_A_ROW);
    assert.equal(result.timedOut, MAX_UNANSWERED_IN_A_ROW);
    assert.equal(result.messages, 0);
  });

  it('cancelled mid-run: the session closes, the report keeps what was measured', async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
    const controller = new AbortController();
    const report = await runTransportComparison(plan(server.url, { messages: 500 }), {
      signal: controller.signal,
      onProgress: (transport, done) => {
        if (transport === 'polling-only' && done === 10) controller.abort();
      },
    });
    assert.equal(report.cancelled, true);
    const [polling, websocket] = report.results;
    assert.equal(polling.cancelled, true);
    assert.equal(polling.ok, false);
    assert.equal(polling.error?.code, 'RI_COMPARE_CANCELLED');
    assert.equal(polling.messages, 10);
    assert.ok(polling.sent === 10, `sent ${polling.sent}`);
    assert.ok(polling.rtt.median !== null && polling.bytesPerMessage.total !== null && polling.setupMs !== null);
    assert.equal(websocket.cancelled, true);
    assert.equal(websocket.sent, 0);
    assert.match(websocket.error!.message, /Cancelled before WebSocket was measured/);
    // The polling session said goodbye: the server saw the client leave, and only it ever connected.
    await eventually(() => server!.seen.disconnects.length === 1, 'the server saw the client disconnect');
    assert.deepEqual(server.seen.connections, ['/']);
  });

  it('cancelled before it started: nothing connects, every transport says so', async () => {
    server = await startSocketIoServer('socket.io@4.8.4');
    const controller = new AbortController();
    controller.abort();
    const report = await runTransportComparison(plan(server.url), { signal: controller.signal });
    assert.equal(report.cancelled, true);
    assert.ok(report.results.every((r) => r.cancelled && r.error?.code === 'RI_COMPARE_CANCELLED' && r.sent === 0));
    assert.deepEqual(server.seen.connections, []);
  });

  it('an invalid plan: every transport reports the plan error; nothing is thrown, credentials stay out', async () => {
    const report = await runTransportComparison({
      kind: 'engineio',
      url: 'http://127.0.0.1:9',
      messages: 0,
      messageBytes: 2 * 1024 * 1024,
      mode: 'ack',
      headers: [['Authorization', 'Bearer do-not-show-this-token']],
    });
    assert.equal(report.error?.code, 'RI_COMPARE_INVALID_PLAN');
    assert.match(report.error!.message, /messages must be a whole number from 1 to 10000/);
    assert.match(report.error!.message, /messageBytes must be a whole number from 1 to 1048576/);
    assert.match(report.error!.message, /Engine.IO has no acknowledgements/);
    assert.deepEqual(
      report.results.map((r) => [r.transport, r.ok, r.error?.code]),
      [
        ['polling-only', false, 'RI_COMPARE_INVALID_PLAN'],
        ['websocket-only', false, 'RI_COMPARE_INVALID_PLAN'],
      ],
    );
    assert.ok(!JSON.stringify(report).includes('do-not-show-this-token'));
  });

  it('never throws, whatever it is given', async () => {
    const hostile = {
      get kind(): string {
        throw new Error('boom');
      },
    };
    for (const input of [null, undefined, 42, 'plan', [], hostile]) {
      const report = await runTransportComparison(input as unknown as ComparisonPlan);
      assert.ok(report.results.length > 0 && report.results.every((r) => !r.ok), JSON.stringify(report));
    }
  });
});
