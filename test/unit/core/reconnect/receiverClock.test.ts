/**
 * The panel's countdown under clock skew (issue 12): in VS Code Remote the host and the webview run on two machines
 * whose wall clocks differ. The header carries the time left (and the time offline) as measured on the host when
 * it was made; the webview counts from its own clock at receipt, so a clock minutes off shows the right seconds.
 */
import assert from 'node:assert/strict';
import type { ReconnectStatus } from '../../../../src/core/reconnect/reconnectStatus';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import type { SessionInfo } from '../../../../src/core/session/session';
import { projectReconnect, projectSessionInfo } from '../../../../src/core/view/sessionProjection';
import type { SessionInfoDto } from '../../../../src/shared/dto';
import { CountdownTicker, countdownText, onReceiverClock } from '../../../../src/shared/reconnectCountdown';
import { ManualClock } from '../../support/manualClock';

/** The host's clock is 5 minutes ahead of the webview's. */
const HOST_NOW = 1_700_000_300_000;
const SKEW_MS = 300_000;

const WAITING: ReconnectStatus = {
  phase: 'waiting',
  attempt: 3,
  maxAttempts: 10,
  connections: 1,
  policy: 'p',
  nextAttemptAt: HOST_NOW + 4_200,
  delayMs: 5_000,
  offlineSince: HOST_NOW - 12_000,
};

const INFO: SessionInfo = {
  state: 'connecting',
  url: 'ws://127.0.0.1:1/',
  kind: 'websocket',
  startedAt: HOST_NOW - 60_000,
  messagesIn: 0,
  messagesOut: 0,
  bytesIn: 0,
  bytesOut: 0,
  reconnect: WAITING,
};

/** The header as the webview receives it: made on the host at `hostNow`, through postMessage (a structured copy). */
function received(hostNow: number, receivedAt: number): SessionInfoDto {
  const made = projectSessionInfo('ws-1', INFO, NO_REDACTION, hostNow);
  return onReceiverClock(JSON.parse(JSON.stringify(made)) as SessionInfoDto, receivedAt);
}

describe('Reconnect countdown on the webview clock', () => {
  it('projects the time left and the time offline as measured on the host, never below 0', () => {
    const dto = projectReconnect(WAITING, HOST_NOW);
    assert.equal(dto.nextAttemptInMs, 4_200);
    assert.equal(dto.offlineForMs, 12_000);
    assert.equal(dto.nextAttemptAt, WAITING.nextAttemptAt, 'the host instant is kept (the status bar uses it)');
    assert.equal(projectReconnect(WAITING, HOST_NOW + 10_000).nextAttemptInMs, 0, 'due already');
    const open = projectReconnect({ phase: 'open', attempt: 0, connections: 1, policy: 'p' }, HOST_NOW);
    assert.equal(open.nextAttemptInMs, undefined);
    assert.equal(open.offlineForMs, undefined);
  });

  it('counts down the host time left on a webview clock 5 minutes behind, or ahead', () => {
    for (const receivedAt of [HOST_NOW - SKEW_MS, HOST_NOW + SKEW_MS]) {
      const status = received(HOST_NOW, receivedAt).reconnect!;
      assert.equal(status.nextAttemptAt, receivedAt + 4_200);
      assert.equal(status.offlineSince, receivedAt - 12_000);
      assert.equal(countdownText(status, receivedAt), 'reconnecting in 5 s (attempt 3 of 10)');
      assert.equal(countdownText(status, receivedAt + 1_300), 'reconnecting in 3 s (attempt 3 of 10)');
      assert.equal(countdownText(status, receivedAt + 4_200), 'reconnecting in 0 s (attempt 3 of 10)');
    }
    // What the host instant alone shows on the slow clock: the 5 minutes of skew on top of the wait.
    assert.equal(countdownText(WAITING, HOST_NOW - SKEW_MS), 'reconnecting in 5 min 5 s (attempt 3 of 10)');
  });

  it('drives the ticker on the webview clock: the redraws land on its own second boundaries', () => {
    const clock = new ManualClock();
    const status = received(HOST_NOW, clock.now()).reconnect!;
    const shown: string[] = [];
    const ticker = new CountdownTicker(clock, () => shown.push(countdownText(status, clock.now()) ?? ''));
    ticker.follow(status);
    clock.advance(4_210); // Each redraw lands 10 ms after its boundary.
    assert.deepEqual(
      shown.map((text) => text.slice(0, 'reconnecting in 4 s'.length)),
      [
        'reconnecting in 4 s',
        'reconnecting in 3 s',
        'reconnecting in 2 s',
        'reconnecting in 1 s',
        'reconnecting in 0 s',
      ],
    );
    ticker.dispose();
  });

  it('leaves a header without durations (and its copy of the status) untouched', () => {
    const plain: SessionInfoDto = { ...projectSessionInfo('ws-1', { ...INFO, reconnect: undefined }, NO_REDACTION) };
    assert.equal(onReceiverClock(plain, HOST_NOW), plain);
    const made = projectSessionInfo('ws-1', INFO, NO_REDACTION, HOST_NOW);
    const before = JSON.stringify(made);
    const rebased = onReceiverClock(made, HOST_NOW - SKEW_MS);
    assert.notEqual(rebased.reconnect, made.reconnect);
    assert.equal(JSON.stringify(made), before, 'the received DTO is not changed in place');
  });
});
