import * as assert from 'node:assert/strict';
import type { TimelineStepDto } from '../../../src/shared/dto';
import { summaryOf } from '../../../src/webview/upgradeSummary';

const step = (name: TimelineStepDto['step'], elapsed = 0): TimelineStepDto => ({
  step: name,
  seq: 1,
  elapsed,
  arrows: [],
});

describe('webview upgradeSummary', () => {
  it('waits for the handshake, then counts steps', () => {
    assert.equal(summaryOf([]), 'waiting for the handshake…');
    assert.equal(summaryOf([step('handshake')]), '1 step so far');
    assert.equal(summaryOf([step('handshake'), step('open'), step('probe')]), '3 steps so far');
  });

  it('says when the upgrade finished or failed', () => {
    assert.equal(summaryOf([step('handshake'), step('upgraded', 1500)]), 'upgraded to WebSocket after 1.50 s');
    assert.equal(summaryOf([step('upgrade-failed')]), 'the upgrade failed: staying on long-polling');
  });

  it('says when there is no upgrade at all, once the session is open', () => {
    const opened = [step('handshake'), step('open')];
    const ws = summaryOf(opened, { transport: 'websocket', upgrade: 'none', state: 'open' });
    assert.equal(ws, 'WebSocket from the start: no upgrade');
    const polling = summaryOf(opened, { transport: 'polling', upgrade: 'none', state: 'open' });
    assert.equal(polling, 'long-polling: no upgrade');
    const connecting = summaryOf(opened, { transport: 'polling', upgrade: 'none', state: 'connecting' });
    assert.equal(connecting, '2 steps so far');
    const probing = summaryOf(opened, { transport: 'polling', upgrade: 'probing', state: 'open' });
    assert.equal(probing, '2 steps so far');
  });
});
