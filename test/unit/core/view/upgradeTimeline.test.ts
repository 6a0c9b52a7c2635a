import assert from 'node:assert/strict';
import type { EventMeta, Layer, LogEvent } from '../../../../src/core/events/logEvent';
import { addToTimeline, timelineComplete, upgradeTimeline } from '../../../../src/core/view/upgradeTimeline';
import type { TimelineStepDto } from '../../../../src/shared/dto';

let seq = 0;
function ev(
  type: string,
  direction: LogEvent['direction'],
  mono: number,
  meta: EventMeta = {},
  layer: Layer = 'eio',
): LogEvent {
  return { seq: ++seq, time: 0, mono, direction, layer, type, size: 0, meta };
}

const POLL_URL = 'http://h/socket.io/?EIO=4&transport=polling&t=abc';
const PROBE_URL = 'ws://h/socket.io/?EIO=4&transport=websocket&sid=s1';

/** The start of a polling session up to the open packet, as the Engine.IO engine logs it. */
function pollingStart(): LogEvent[] {
  const connecting = ev('connecting', 'local', 1000);
  const request = ev(
    'poll-request',
    'out',
    1001,
    { request: { method: 'GET', url: POLL_URL }, note: 'Handshake (long-polling GET)' },
    'http',
  );
  return [
    connecting,
    request,
    ev(
      'poll-response',
      'in',
      1017,
      {
        response: { status: 200, statusText: 'OK' },
        requestSeq: request.seq,
        durationMs: 16.4,
        note: 'Handshake response; held 16.4 ms',
      },
      'http',
    ),
    ev('eio-open', 'in', 1017, { eio: { sid: 's1', upgrades: ['websocket'], pingInterval: 300, pingTimeout: 200 } }),
    ev('open', 'local', 1018),
  ];
}

/** The probe's WebSocket up to 2probe. */
function probeStart(): LogEvent[] {
  return [
    ev('upgrade-step', 'local', 1030, { eio: { step: 'probe' }, note: `Upgrade: opening a WebSocket to ${PROBE_URL}` }),
    ev('poll-request', 'out', 1031, { request: { method: 'GET', url: POLL_URL }, note: 'Long-poll GET' }, 'http'),
    ev('handshake-request', 'out', 1035, { request: { method: 'GET', url: PROBE_URL } }, 'http'),
    ev('poll-response', 'in', 1040, { response: { status: 200 }, requestSeq: 2 }, 'http'),
    ev('handshake-response', 'in', 1050, { response: { status: 101, statusText: 'Switching Protocols' } }, 'http'),
    ev('message', 'out', 1052, {}, 'ws'),
    ev('eio-ping', 'out', 1052, { eio: { probe: true } }),
  ];
}

const names = (steps: TimelineStepDto[]): string[] => steps.map((s) => s.step);

describe('upgrade timeline', () => {
  beforeEach(() => {
    seq = 0;
  });

  it('derives handshake → open → probe → probe-ok → pause → paused → upgrade → upgraded in log order', () => {
    const events = [
      ...pollingStart(),
      ...probeStart(),
      ev('eio-ping', 'in', 1060, { eio: {} }), // an ordinary heartbeat in between is not a step
      ev('eio-pong', 'in', 1080, { eio: { probe: true } }),
      ev('upgrade-step', 'local', 1080, { eio: { step: 'probe-ok' } }),
      ev('upgrade-step', 'local', 1081, {
        eio: { step: 'pause' },
        note: 'Pause: waiting for a GET in flight to finish',
      }),
      ev('poll-response', 'in', 1150, { response: { status: 200 }, requestSeq: 7 }, 'http'),
      ev('eio-noop', 'in', 1150, { eio: { transport: 'polling' } }),
      ev('upgrade-step', 'local', 1151, { eio: { step: 'paused' } }),
      ev('message', 'out', 1152, {}, 'ws'),
      ev('eio-upgrade', 'out', 1152, { eio: {} }),
      ev('upgrade-step', 'local', 1152, { eio: { step: 'upgraded' } }),
      ev('eio-ping', 'in', 1400, { eio: {} }),
    ];
    const steps = upgradeTimeline(events, 1000);
    assert.deepEqual(names(steps), [
      'handshake',
      'open',
      'probe',
      'probe-ok',
      'pause',
      'paused',
      'upgrade',
      'upgraded',
    ]);
    const seqs = steps.map((s) => s.seq);
    assert.deepEqual(
      [...seqs].sort((a, b) => a - b),
      seqs,
      'steps point at events in log order',
    );

    const [handshake, open, probe, probeOk, pause] = steps;
    assert.deepEqual(
      handshake.arrows.map((a) => [a.from, a.label]),
      [
        ['client', 'GET /socket.io/?EIO=4&transport=polling'],
        ['server', '200 OK · held 16 ms'],
      ],
    );
    assert.equal(handshake.seq, 2, 'the handshake step selects its request');
    assert.equal(open.arrows[0].label, 'open · sid s1 · upgrades [websocket] · ping 300/200 ms');
    assert.deepEqual(
      probe.arrows.map((a) => [a.from, a.label]),
      [
        ['local', 'open a WebSocket with the sid to probe it'],
        ['client', 'GET /socket.io/?EIO=4&transport=websocket&sid=s1 (Upgrade: websocket)'],
        ['server', '101 Switching Protocols'],
        ['client', '2probe'],
      ],
    );
    assert.equal(probe.seq, 12, 'the probe step selects 2probe');
    assert.equal(probe.elapsed, 30, 'a step starts at its first arrow');
    assert.deepEqual(
      [probeOk.seq, probeOk.arrows[0].label, probeOk.arrows[0].elapsed, probeOk.arrows[0].delta],
      [14, '3probe', 80, 28],
    );
    assert.deepEqual(
      pause.arrows.map((a) => a.label),
      ['pause polling: wait for the request in flight', '6 noop (ends the pending GET)'],
    );
    assert.equal(handshake.arrows[0].delta, undefined, 'the first arrow has no delta');
    assert.ok(timelineComplete(steps));
  });

  it('ends with upgrade-failed when the probe WebSocket is refused', () => {
    const steps = upgradeTimeline(
      [
        ...pollingStart(),
        ev('upgrade-step', 'local', 1030, { eio: { step: 'probe' } }),
        ev('handshake-request', 'out', 1035, { request: { url: PROBE_URL } }, 'http'),
        ev('handshake-response', 'in', 1040, { response: { status: 400, statusText: 'Bad Request' } }, 'http'),
        ev('upgrade-step', 'local', 1041, {
          eio: { step: 'upgrade-failed' },
          note: 'Upgrade failed: the WebSocket handshake was answered 400. Staying on long-polling.',
        }),
        ev('upgrade-step', 'local', 1042, { eio: { step: 'upgraded' } }),
      ],
      1000,
    );
    assert.deepEqual(names(steps), ['handshake', 'open', 'probe', 'upgrade-failed']);
    assert.equal(steps[2].arrows[2].isError, true, 'the 400 is drawn as an error');
    const failed = steps[3].arrows[0];
    assert.equal(failed.label, 'upgrade failed: the WebSocket handshake was answered 400; staying on long-polling');
    assert.equal(failed.isError, true);
    assert.ok(timelineComplete(steps), 'nothing is added after the failure');
  });

  it('ends with upgrade-failed when 2probe gets no 3probe', () => {
    const steps = upgradeTimeline(
      [
        ...pollingStart(),
        ...probeStart(),
        ev('upgrade-step', 'local', 11052, {
          eio: { step: 'upgrade-failed' },
          note: 'Upgrade failed: The probe was not answered within 10000 ms. Staying on long-polling.',
        }),
      ],
      1000,
    );
    assert.deepEqual(names(steps), ['handshake', 'open', 'probe', 'upgrade-failed']);
    assert.equal(steps[3].arrows[0].delta, 10000);
  });

  it('says so when the server offers no upgrade', () => {
    const steps = upgradeTimeline(
      [
        ...pollingStart(),
        ev('upgrade-step', 'local', 1020, {
          eio: { step: 'upgrade-failed' },
          note: 'The server offers no WebSocket upgrade: staying on long-polling.',
        }),
      ],
      1000,
    );
    assert.deepEqual(names(steps), ['handshake', 'open', 'upgrade-failed']);
    assert.equal(
      steps[2].arrows[0].label,
      'upgrade failed: The server offers no WebSocket upgrade; staying on long-polling',
    );
  });

  it('has only the WebSocket handshake and the open packet for a WebSocket-only session', () => {
    const steps = upgradeTimeline(
      [
        ev('connecting', 'local', 0),
        ev('handshake-request', 'out', 1, { request: { url: 'ws://h/engine.io/?EIO=4&transport=websocket' } }, 'http'),
        ev('handshake-response', 'in', 3, { response: { status: 101, statusText: 'Switching Protocols' } }, 'http'),
        ev('message', 'in', 4, {}, 'ws'),
        ev('eio-open', 'in', 4, { eio: { sid: 's', upgrades: [] } }),
        ev('eio-ping', 'in', 300, { eio: {} }),
        ev('eio-pong', 'out', 301, { eio: {} }),
      ],
      0,
    );
    assert.deepEqual(names(steps), ['handshake', 'open']);
    assert.deepEqual(
      steps[0].arrows.map((a) => a.label),
      ['GET /engine.io/?EIO=4&transport=websocket (Upgrade: websocket)', '101 Switching Protocols'],
    );
    assert.equal(timelineComplete(steps), false);
  });

  it('has only the handshake and the open packet for a polling-only session', () => {
    const events = [
      ...pollingStart(),
      ev('poll-request', 'out', 1020, { request: { method: 'GET', url: POLL_URL }, note: 'Long-poll GET' }, 'http'),
    ];
    assert.deepEqual(names(upgradeTimeline(events, 1000)), ['handshake', 'open']);
  });

  it('ignores a raw WebSocket handshake that is not Engine.IO', () => {
    assert.deepEqual(
      upgradeTimeline([ev('handshake-request', 'out', 0, { request: { url: 'ws://h/chat' } }, 'http')], 0),
      [],
    );
  });

  it('grows incrementally and reports whether an event changed it', () => {
    const steps: TimelineStepDto[] = [];
    const changed = [...pollingStart(), ...probeStart()].map((e) => addToTimeline(steps, e, 1000));
    assert.deepEqual(changed, [false, true, true, true, false, true, false, true, false, true, false, true]);
    assert.deepEqual(names(steps), ['handshake', 'open', 'probe']);
  });
});
