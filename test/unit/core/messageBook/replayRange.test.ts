/**
 * Replay of a range of outgoing messages: the original gaps divided by the speed and capped at 10 s, timed
 * on an injected clock; events that cannot be sent again refused before anything is sent; cancellation; and
 * replays of real WebSocket and Socket.IO logs.
 */
import assert from 'node:assert/strict';
import { systemClock } from '../../../../src/core/clock';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { MAX_REPLAY_GAP_MS } from '../../../../src/core/messageBook/bookLimits';
import { replayRange } from '../../../../src/core/messageBook/replayRange';
import { replayableEvents, replayRequest } from '../../../../src/core/messageBook/replayPlan';
import type { SequenceSession } from '../../../../src/core/messageBook/sequenceTypes';
import type { SendRequest, SessionKind } from '../../../../src/core/session/sendRequest';
import { startWsServer, type WsServer } from '../../../fixtures/servers/wsServer';
import { ManualClock } from '../../support/manualClock';
import { events, ofType, payloadText, useSessions, waitForEvent } from '../../support/sessions';
import { ProgressLog, settle } from './bookTestSupport';

/** A session that records what it is asked to send, and when (on `clock`). */
function recordingSession(clock: ManualClock, kind: SessionKind = 'websocket') {
  const log = new MemoryEventLog();
  const sends: Array<{ request: SendRequest; at: number }> = [];
  const session: SequenceSession = {
    options: { kind },
    log,
    info: { state: 'open' },
    send: (request) => {
      sends.push({ request, at: clock.mono() });
      const event = log.append({
        time: 0,
        mono: clock.mono(),
        direction: 'out',
        layer: 'ws',
        type: 'message',
        size: 0,
      });
      return { ok: true, seq: event.seq };
    },
    onDidChange: () => ({ dispose: () => undefined }),
  };
  return { session, sends };
}

let nextSeq = 1;
/** An outgoing text message sent at `mono`, with the request it came from. */
function sentText(mono: number, text: string, extra: Partial<NewLogEvent> = {}): LogEvent {
  const payload = { kind: 'text' as const, text, byteLength: Buffer.byteLength(text) };
  const meta = { send: { kind: 'text', text } as SendRequest };
  return {
    seq: nextSeq++,
    time: 0,
    mono,
    direction: 'out',
    layer: 'ws',
    type: 'message',
    size: 0,
    payload,
    meta,
    ...extra,
  };
}

/** Advances the clock to each pending timer in turn until `done` settles; returns the delays it saw. */
async function drive(clock: ManualClock, done: Promise<unknown>): Promise<number[]> {
  let finished = false;
  void done.then(() => (finished = true));
  const delays: number[] = [];
  for (;;) {
    await settle();
    if (finished) return delays;
    const [next] = clock.pendingDelays;
    assert.ok(next !== undefined, 'the replay waits on a timer');
    delays.push(next);
    clock.advance(next);
  }
}

describe('replayRange', function () {
  this.timeout(20000);

  it('keeps the original gaps, divided by the speed', async () => {
    const clock = new ManualClock();
    const { session, sends } = recordingSession(clock);
    const range = [sentText(5000, 'a'), sentText(6000, 'b'), sentText(6500, 'c'), sentText(6500, 'd')];
    const done = replayRange(session, range, { speed: 2, clock });
    assert.deepEqual(await drive(clock, done), [500, 250]);
    assert.deepEqual(
      sends.map((s) => [s.at, s.request]),
      [
        [0, { kind: 'text', text: 'a' }],
        [500, { kind: 'text', text: 'b' }],
        [750, { kind: 'text', text: 'c' }],
        [750, { kind: 'text', text: 'd' }],
      ],
    );
    const summary = await done;
    assert.deepEqual(
      [summary.outcome, summary.total, summary.completed, summary.sent],
      ['completed', 4, 4, [1, 2, 3, 4]],
    );
  });

  it(`caps each gap at ${MAX_REPLAY_GAP_MS / 1000} s after scaling, also when slower than the original`, async () => {
    const clock = new ManualClock();
    const { session, sends } = recordingSession(clock);
    const range = [sentText(0, 'a'), sentText(60_000, 'b'), sentText(62_000, 'c'), sentText(62_500, 'd')];
    const done = replayRange(session, range, { speed: 0.5, clock });
    assert.deepEqual(await drive(clock, done), [10_000, 4000, 1000]);
    assert.deepEqual(
      sends.map((s) => s.at),
      [0, 10_000, 14_000, 15_000],
    );
  });

  it('sends in seq order whatever the order given, and counts from the replay start (no drift)', async () => {
    const clock = new ManualClock();
    const { session, sends } = recordingSession(clock);
    const [a, b, c] = [sentText(0, 'a'), sentText(1000, 'b'), sentText(2000, 'c')];
    const done = replayRange(session, [c, a, b], { speed: 1, clock });
    await settle();
    clock.advance(1700); // late: the next one is due at 2000 from the start, not 1000 after this
    await settle();
    assert.deepEqual(clock.pendingDelays, [300]);
    clock.advance(300);
    await done;
    assert.deepEqual(
      sends.map((s) => [s.at, (s.request as { text: string }).text]),
      [
        [0, 'a'],
        [1700, 'b'],
        [2000, 'c'],
      ],
    );
  });

  it('refuses a speed outside 0.1–100 and sends nothing', async () => {
    for (const speed of [0.05, 101, Number.NaN]) {
      const clock = new ManualClock();
      const { session, sends } = recordingSession(clock);
      const summary = await replayRange(session, [sentText(0, 'a')], { speed, clock });
      assert.equal(summary.outcome, 'failed');
      assert.match(summary.message, /speed must be between 0.1 and 100/);
      assert.deepEqual(sends, []);
    }
  });

  it('is cancelled during a gap: nothing more is sent, the timer is cleared', async () => {
    const clock = new ManualClock();
    const { session, sends } = recordingSession(clock);
    const cancel = new AbortController();
    const progress = new ProgressLog();
    const range = [sentText(0, 'a'), sentText(3000, 'b'), sentText(4000, 'c')];
    const done = replayRange(session, range, { speed: 1, clock, signal: cancel.signal, onProgress: progress.listener });
    await progress.reached(1, 'delaying');
    clock.advance(1000);
    cancel.abort();
    const summary = await done;
    assert.deepEqual([summary.outcome, summary.completed, summary.sent.length], ['cancelled', 1, 1]);
    assert.match(summary.message, /Cancelled: 1 of 3 messages were sent/);
    assert.deepEqual(clock.pendingDelays, []);
    clock.advance(10_000);
    await settle();
    assert.equal(sends.length, 1);
    assert.deepEqual(progress.steps.at(-1), [1, 'cancelled']);
  });

  describe('refusals, before anything is sent', () => {
    const cases: Array<[string, LogEvent, RegExp]> = [
      [
        'an incoming message',
        sentText(1, 'x', { direction: 'in' }),
        /it is an incoming message: only messages this client sent/,
      ],
      ['a local row', sentText(1, 'x', { direction: 'local', type: 'error' }), /a note of the inspector/],
      ['a ping', sentText(1, 'x', { type: 'ping' }), /it is a ping row, not a data message/],
      [
        'a truncated payload without its request',
        sentText(1, 'x', {
          meta: {},
          payload: { kind: 'text', text: 'x', byteLength: 9, truncated: { keptBytes: 1, sha256: '' } },
        }),
        /the log kept only 1 of its 9 bytes/,
      ],
      [
        'a request that is not valid',
        sentText(1, 'x', { meta: { send: { kind: 'bogus' } as never } }),
        /Unknown send kind "bogus"/,
      ],
    ];
    for (const [what, bad, message] of cases) {
      it(`${what}`, async () => {
        const clock = new ManualClock();
        const { session, sends } = recordingSession(clock);
        const summary = await replayRange(session, [sentText(0, 'fine'), bad], { speed: 1, clock });
        assert.equal(summary.outcome, 'failed');
        assert.equal(summary.stoppedAt?.error.code, 'RI_REPLAY_REFUSED');
        assert.match(summary.message, new RegExp(`^Event #${bad.seq} cannot be replayed: `));
        assert.match(summary.message, message);
        assert.equal(summary.stoppedAt?.error.hint, 'Nothing was sent.');
        assert.deepEqual(sends, []);
      });
    }

    it('a kind the target session does not send', async () => {
      const clock = new ManualClock();
      const { session, sends } = recordingSession(clock, 'socketio');
      const summary = await replayRange(session, [sentText(0, 'a')], { speed: 1, clock });
      assert.match(summary.message, /A Socket.IO session cannot send a request of kind "text"/);
      assert.deepEqual(sends, []);
    });
  });

  describe('requests rebuilt from the payload when the row kept none', () => {
    const bare = (extra: Partial<NewLogEvent>): LogEvent => ({ ...sentText(0, ''), meta: undefined, ...extra });

    it('text and binary messages', () => {
      assert.deepEqual(replayRequest(bare({ payload: { kind: 'text', text: 'hi', byteLength: 2 } })), {
        ok: true,
        value: { kind: 'text', text: 'hi' },
      });
      const bytes = Uint8Array.of(1, 2, 3);
      assert.deepEqual(
        replayRequest(bare({ layer: 'eio', type: 'eio-message', payload: { kind: 'binary', bytes, byteLength: 3 } })),
        {
          ok: true,
          value: { kind: 'binary', encoding: 'base64', data: 'AQID' },
        },
      );
    });

    it('a Socket.IO event: name, arguments, namespace and ack from the row', () => {
      const row = bare({
        layer: 'sio',
        type: 'sio-event',
        payload: { kind: 'text', text: '["chat","hi",{"n":1}]', byteLength: 21 },
        meta: { sio: { packetType: 'EVENT', namespace: '/room', ackId: 4 } },
      });
      assert.deepEqual(replayRequest(row), {
        ok: true,
        value: { kind: 'sio-emit', namespace: '/room', event: 'chat', args: '["hi",{"n":1}]', ack: true },
      });
      const binary = bare({
        layer: 'sio',
        type: 'sio-binary-event',
        meta: { sio: { packetType: 'BINARY_EVENT', namespace: '/' } },
      });
      assert.match((replayRequest(binary) as { reason: string }).reason, /binary attachments are not kept/);
    });
  });

  describe('against real servers', () => {
    const fixture = useSessions();
    let server: WsServer;
    before(async () => {
      server = await startWsServer();
    });
    after(() => server.close());

    it('replays what a WebSocket session sent, on another session, request for request', async () => {
      const first = fixture.session({ url: `${server.url}/echo` });
      await first.start();
      const requests: SendRequest[] = [
        { kind: 'text', text: 'one' },
        { kind: 'json', text: '{"two": 2}' },
        { kind: 'binary', encoding: 'hex', data: '03 03 03' },
      ];
      for (const request of requests) assert.ok(first.send(request).ok);
      const range = ofType(first, 'message', 'out');
      const second = fixture.session({ url: `${server.url}/echo` });
      await second.start();
      const summary = await replayRange(second, range, { speed: 100, clock: systemClock });
      assert.equal(summary.outcome, 'completed', summary.message);
      assert.deepEqual(
        summary.sent.map((seq) => second.log.get(seq)?.meta?.send),
        requests,
      );
      await waitForEvent(second, (e) => e.direction === 'in' && e.payload?.kind === 'binary', 8000);
      assert.deepEqual(ofType(second, 'message', 'in').map(payloadText), ['one', '{"two": 2}', undefined]);
    });

    it('replays Socket.IO emits, leaving out the Engine.IO rows that carried them', async () => {
      const sio = await fixture.socketIo('socket.io@4.8.4');
      const options = { kind: 'socketio', url: sio.url, namespaces: [{ name: '/' }], transports: 'websocket-only' };
      const first = fixture.session(options);
      await first.start();
      await waitForEvent(first, (e) => e.type === 'sio-connect' && e.direction === 'in', 8000);
      const from = first.log.count + 1;
      assert.ok(first.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["x", 1]', ack: false }).ok);
      assert.ok(first.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["y"]', ack: true }).ok);
      await waitForEvent(first, (e) => e.type === 'sio-ack' && e.direction === 'in', 8000);
      // Let a heartbeat pass: its pong frames are in the selection too.
      await waitForEvent(first, (e) => e.seq > from && e.type === 'eio-pong', 8000);
      const selection = events(first).filter((e) => e.seq >= from);
      const { events: range, leftOut } = replayableEvents(selection);
      assert.ok(leftOut >= 4, 'the ack, the ping and the pong (two rows, and its frame) are left out');
      assert.deepEqual(
        range.map((e) => `${e.layer}:${e.type}`),
        ['ws:message', 'eio:eio-message', 'sio:sio-event', 'ws:message', 'eio:eio-message', 'sio:sio-event'],
      );
      const second = fixture.session(options);
      await second.start();
      await waitForEvent(second, (e) => e.type === 'sio-connect' && e.direction === 'in', 8000);
      const summary = await replayRange(second, range, { speed: 100, clock: systemClock });
      assert.equal(summary.outcome, 'completed', summary.message);
      assert.deepEqual([summary.skipped, summary.sent.length], [4, 2]);
      await waitForEvent(second, (e) => e.type === 'sio-ack' && e.direction === 'in', 8000);
      assert.deepEqual(sio.seen.echoes, [['x', 1], ['y'], ['x', 1], ['y']]);
    });
  });
});
