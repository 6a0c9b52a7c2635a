import assert from 'node:assert/strict';
import type { EventMeta, LogEvent } from '../../../src/core/events/logEvent';
import { timelineComplete, upgradeTimeline } from '../../../src/core/view/upgradeTimeline';

let seq = 0;
function ev(type: string, direction: LogEvent['direction'], mono: number, meta: EventMeta = {}): LogEvent {
  return { seq: ++seq, time: 0, mono, direction, layer: 'eio', type, size: 0, meta };
}

describe('upgrade timeline', () => {
  beforeEach(() => { seq = 0; });

  it('derives handshake → open → probe → pause → upgrade in log order, with times from the origin', () => {
    const events = [
      ev('connecting', 'local', 1000),
      ev('poll-request', 'out', 1001, { note: 'Handshake (long-polling GET)' }),
      ev('poll-response', 'in', 1020),
      ev('eio-open', 'in', 1021, { eio: { sid: 'abc', upgrades: ['websocket'] } }),
      ev('poll-request', 'out', 1022, { note: 'Long-poll GET' }),
      ev('handshake-request', 'out', 1030, { request: { url: 'ws://h/socket.io/?EIO=4&transport=websocket&sid=abc' } }),
      ev('eio-ping', 'out', 1040, { eio: { probe: true } }),
      ev('eio-ping', 'in', 1041, { eio: {} }),
      ev('eio-pong', 'in', 1050, { eio: { probe: true } }),
      ev('upgrade-step', 'local', 1051, { eio: { step: 'pause' } }),
      ev('upgrade-step', 'local', 1100, { eio: { step: 'paused' } }),
      ev('eio-upgrade', 'out', 1101, { eio: {} }),
      ev('upgrade-step', 'local', 1101, { eio: { step: 'upgraded' } }),
    ];
    const steps = upgradeTimeline(events, 1000);
    assert.deepEqual(steps.map((s) => s.step), ['handshake', 'open', 'ws-handshake', 'probe', 'probe-ok', 'pause', 'paused', 'upgrade', 'upgraded']);
    assert.deepEqual(steps.map((s) => s.from), ['client', 'server', 'client', 'client', 'server', 'local', 'local', 'client', 'local']);
    assert.equal(steps[1].label, 'open · sid abc · upgrades [websocket]');
    assert.equal(steps[4].elapsed, 50);
    assert.equal(steps[4].seq, 9, 'each step points at its event');
    assert.ok(timelineComplete(steps));
  });

  it('ends with upgrade-failed when the probe is not answered', () => {
    const steps = upgradeTimeline([
      ev('poll-request', 'out', 0, { note: 'Handshake (long-polling GET)' }),
      ev('eio-open', 'in', 5, { eio: { sid: 's', upgrades: ['websocket'] } }),
      ev('eio-ping', 'out', 9, { eio: { probe: true } }),
      ev('upgrade-step', 'local', 509, { eio: { step: 'upgrade-failed' }, note: 'Upgrade failed: no answer. Staying on long-polling.' }),
    ], 0);
    assert.deepEqual(steps.map((s) => s.step), ['handshake', 'open', 'probe', 'upgrade-failed']);
    assert.match(steps[3].label, /Staying on long-polling/);
    assert.ok(timelineComplete(steps));
  });

  it('has only the WebSocket handshake and the open packet for a WebSocket-only session', () => {
    const steps = upgradeTimeline([
      ev('handshake-request', 'out', 0, { request: { url: 'ws://h/engine.io/?EIO=4&transport=websocket' } }),
      ev('eio-open', 'in', 3, { eio: { sid: 's', upgrades: [] } }),
      ev('eio-message', 'in', 4, { eio: {} }),
    ], 0);
    assert.deepEqual(steps.map((s) => s.step), ['ws-handshake', 'open']);
    assert.equal(timelineComplete(steps), false);
  });

  it('ignores a raw WebSocket handshake that is not Engine.IO', () => {
    assert.deepEqual(upgradeTimeline([ev('handshake-request', 'out', 0, { request: { url: 'ws://h/chat' } })], 0), []);
  });
});
