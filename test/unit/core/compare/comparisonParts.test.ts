/**
 * The pure parts of the transport comparison: plan validation and defaults, the session options it asks for,
 * the exchange's messages (exact sizes, markers, matching), round-trip statistics and the step waiter.
 */
import assert from 'node:assert/strict';
import { validatePlan, sessionOptions, type ResolvedPlan } from '../../../../src/core/compare/comparisonPlan';
import { ExchangeMessages } from '../../../../src/core/compare/exchangeMessages';
import { RttSamples } from '../../../../src/core/compare/rttSamples';
import { StepWaiter } from '../../../../src/core/compare/stepWaiter';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { ManualClock } from '../../support/manualClock';

const base = { kind: 'socketio', url: 'http://127.0.0.1:3000', messages: 10, messageBytes: 100, mode: 'ack' };

function resolved(overrides: Record<string, unknown> = {}): ResolvedPlan {
  const result = validatePlan({ ...base, ...overrides });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.plan;
}

describe('comparison plan', () => {
  it('fills in the defaults: both transports, /, echo, 10 s', () => {
    const plan = resolved();
    assert.deepEqual(plan.transports, ['polling-only', 'websocket-only']);
    assert.equal(plan.namespace, '/');
    assert.equal(plan.event, 'echo');
    assert.equal(plan.replyEvent, 'echo');
    assert.equal(plan.timeoutMs, 10_000);
    assert.deepEqual(plan.headers, []);
  });

  it('names each field that is wrong', () => {
    const result = validatePlan({
      ...base,
      messages: 10_001,
      messageBytes: 1.5,
      mode: 'flood',
      event: 'connect',
      transports: ['polling-only', 'polling-only'],
      timeoutMs: 50,
    });
    assert.ok(!result.ok);
    assert.deepEqual(result.issues.map((i) => i.field).sort(), [
      'event',
      'messageBytes',
      'messages',
      'mode',
      'timeoutMs',
      'transports',
    ]);
  });

  it("asks the session's own rules about the URL, headers and namespace", () => {
    for (const [overrides, field] of [
      [{ url: 'ftp://x' }, 'url'],
      [{ headers: [['X-A', 'a\r\nInjected: 1']] }, 'headers[0]'],
      [{ namespace: 'no-slash' }, 'namespaces[0]'],
    ] as const) {
      const result = validatePlan({ ...base, ...overrides });
      assert.ok(!result.ok, field);
      assert.equal(result.issues[0].field, field);
    }
  });

  it('gives each transport a session that never changes transport and offers no compression', () => {
    const plan = resolved({ namespace: '/chat', headers: [['X-A', '1']], path: '/io/' });
    const options = sessionOptions(plan, 'websocket-only');
    assert.equal(options.transports, 'websocket-only');
    assert.equal(options.perMessageDeflate, false);
    assert.deepEqual(options.namespaces, [{ name: '/chat' }]);
    assert.equal(options.path, '/io/');
    assert.equal(options.handshakeTimeoutMs, 10_000);
    assert.equal(sessionOptions(resolved({ kind: 'engineio', mode: 'echo' }), 'polling-only').namespaces, undefined);
  });
});

describe('exchange messages', () => {
  it('each message is exactly messageBytes bytes and starts with its own marker', () => {
    for (const size of [1, 3, 5, 100, 4096]) {
      const messages = new ExchangeMessages(resolved({ messageBytes: size }));
      for (const index of [0, 1, 35, 36, 9999]) {
        const data = messages.data(index);
        assert.equal(Buffer.byteLength(data), size);
        assert.match(data, /^[~0-9a-zA-Z]+$/);
      }
    }
    const messages = new ExchangeMessages(resolved());
    assert.ok(messages.data(1).startsWith('~1~'));
    assert.ok(messages.data(36).startsWith('~10~'));
    assert.notEqual(messages.probe(1), messages.probe(2));
  });

  it('builds the send request of the plan: an emit with or without ack, or an Engine.IO text message', () => {
    const ack = new ExchangeMessages(resolved({ namespace: '/n', event: 'e' })).request(0);
    assert.equal(ack.kind, 'sio-emit');
    assert.ok(ack.kind === 'sio-emit' && ack.ack && ack.namespace === '/n' && ack.event === 'e');
    assert.equal(JSON.parse(ack.args)[0].length, 100);
    const text = new ExchangeMessages(resolved({ kind: 'engineio', mode: 'echo' })).request(0);
    assert.ok(text.kind === 'text' && text.text.length === 100);
  });

  it('recognises the answer: ack of the emit, echo of the data on the reply event, Engine.IO echo', () => {
    const event = (fields: Partial<LogEvent>): LogEvent => ({
      seq: 9,
      time: 0,
      mono: 5,
      direction: 'in',
      layer: 'sio',
      type: 'sio-ack',
      size: 0,
      ...fields,
    });
    const ackPlan = new ExchangeMessages(resolved());
    const sent = { index: 3, seq: 7, mono: 1, probe: ackPlan.probe(3) };
    assert.ok(ackPlan.isAnswer(event({ meta: { sio: { packetType: 'ACK', namespace: '/', ackOf: 7 } } }), sent));
    assert.ok(!ackPlan.isAnswer(event({ meta: { sio: { packetType: 'ACK', namespace: '/', ackOf: 6 } } }), sent));
    const echoPlan = new ExchangeMessages(resolved({ mode: 'echo', event: 'e', replyEvent: 'r' }));
    const echoed = (name: string, index: number): LogEvent =>
      event({
        type: 'sio-event',
        meta: { sio: { packetType: 'EVENT', namespace: '/', event: name } },
        payload: { kind: 'text', text: JSON.stringify([name, echoPlan.data(index)]), byteLength: 0 },
      });
    const echoSent = { ...sent, probe: echoPlan.probe(3) };
    assert.ok(echoPlan.isAnswer(echoed('r', 3), echoSent));
    assert.ok(!echoPlan.isAnswer(echoed('e', 3), echoSent), 'the reply event, not the one sent');
    assert.ok(!echoPlan.isAnswer(echoed('r', 4), echoSent), "another message's echo");
    const eio = new ExchangeMessages(resolved({ kind: 'engineio', mode: 'echo' }));
    const eioEcho = event({
      layer: 'eio',
      type: 'eio-message',
      payload: { kind: 'text', text: eio.data(3), byteLength: 100 },
    });
    assert.ok(eio.isAnswer(eioEcho, { ...sent, probe: eio.probe(3) }));
    assert.ok(!eio.isAnswer({ ...eioEcho, direction: 'out' }, { ...sent, probe: eio.probe(3) }));
  });
});

describe('round-trip samples', () => {
  it('median (mean of the middle two when even), nearest-rank p95, min and max', () => {
    const samples = new RttSamples(20);
    for (let ms = 20; ms >= 1; ms--) samples.add(ms);
    assert.deepEqual(samples.summary(), { median: 10.5, p95: 19, min: 1, max: 20 });
    const odd = new RttSamples(3);
    for (const ms of [3, 1, 2]) odd.add(ms);
    assert.deepEqual(odd.summary(), { median: 2, p95: 3, min: 1, max: 3 });
  });

  it('is bounded by its capacity and ignores what is no duration; empty gives nulls', () => {
    const samples = new RttSamples(2);
    for (const ms of [Number.NaN, -1, Infinity, 5, 6, 7]) samples.add(ms);
    assert.equal(samples.count, 2);
    assert.deepEqual(samples.summary(), { median: 5.5, p95: 6, min: 5, max: 6 });
    assert.deepEqual(new RttSamples(4).summary(), { median: null, p95: null, min: null, max: null });
  });
});

describe('step waiter', () => {
  it('settles when poked and the condition holds, at the deadline otherwise, at once when cancelled', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const waiter = new StepWaiter(clock, controller.signal);
    let ready = false;
    const met = waiter.until(() => ready, 1000);
    ready = true;
    waiter.poke();
    assert.equal(await met, 'met');
    const timedOut = waiter.until(() => false, 1000);
    clock.advance(1000);
    assert.equal(await timedOut, 'timeout');
    const aborted = waiter.until(() => false, 1000);
    const unabortable = new StepWaiter(clock, controller.signal);
    const goodbye = unabortable.until(() => ready && false, 500, false);
    controller.abort();
    assert.equal(await aborted, 'aborted');
    clock.advance(500);
    assert.equal(await goodbye, 'timeout', 'a wait that is not abortable runs to its end');
    assert.equal(await waiter.until(() => true, 1), 'aborted');
    waiter.dispose();
    unabortable.dispose();
  });
});
