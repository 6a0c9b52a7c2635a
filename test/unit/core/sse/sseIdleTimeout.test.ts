/**
 * The idle timeout of an open event stream (issue 12, liveness): when nothing at all arrives — not even a
 * comment — for `idleTimeoutMs`, the link is taken for half-open and the stream reconnects; anything that arrives
 * starts the silence again; off by default. On the manual clock against a real server that goes quiet.
 */
import assert from 'node:assert/strict';
import { validateSseOptions } from '../../../../src/core/connection/sseOptions';
import { SseSession } from '../../../../src/core/sse/sseSession';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { ManualClock } from '../../support/manualClock';
import { eventually } from '../../support/sessions';
import { ofType, waitForEvent } from '../../support/sessionEvents';

describe('SSE idle timeout (issue 12)', function () {
  this.timeout(10_000);
  let server: HopServer;
  const sessions: SseSession[] = [];
  beforeEach(async () => {
    server = await startHopServer();
    server.route('/quiet', { stream: ': hello\n\ndata: first\n\n' });
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    await server.close();
  });

  function session(options: Record<string, unknown>, clock: ManualClock): SseSession {
    const validated = validateSseOptions({ kind: 'sse', url: `${server.origin}/quiet`, ...options });
    assert.ok(validated.ok);
    const made = new SseSession(validated.value, { clock, random: () => 0.5 });
    sessions.push(made);
    return made;
  }

  it('ends a silent stream after idleTimeoutMs, names it, and reconnects', async () => {
    const clock = new ManualClock();
    const s = session({ idleTimeoutMs: 30_000 }, clock);
    await s.start();
    await waitForEvent(s, (e) => e.type === 'sse-event');
    clock.advance(29_999);
    assert.equal(ofType(s, 'error').length, 0, 'not before the timeout');
    clock.advance(1);
    const error = await waitForEvent(s, (e) => e.type === 'error');
    assert.equal(error.meta!.error!.code, 'RI_IDLE_TIMEOUT');
    assert.match(error.meta!.error!.message, /nothing arrived on the open stream for 30000 ms.*half-open/);
    await waitForEvent(s, (e) => e.type === 'reconnecting');
  });

  it('is off by default: a silent stream stays open', async () => {
    const clock = new ManualClock();
    const s = session({}, clock);
    await s.start();
    await waitForEvent(s, (e) => e.type === 'sse-event');
    clock.advance(3_600_000);
    assert.equal(ofType(s, 'error').length, 0);
    assert.equal(s.info.state, 'open');
  });

  it('starts the silence again whenever something arrives (a keep-alive comment counts)', async () => {
    const clock = new ManualClock();
    const s = session({ idleTimeoutMs: 10_000 }, clock);
    await s.start();
    await waitForEvent(s, (e) => e.type === 'sse-event');
    clock.advance(9_000);
    server.openStreams[0].write(': keep-alive\n\n');
    await eventually(() => ofType(s, 'sse-comment').length === 2, 'the keep-alive comment arrived');
    clock.advance(9_999);
    assert.equal(ofType(s, 'error').length, 0, '19 s after the start, but 10 s after the comment not yet');
    clock.advance(1);
    const error = await waitForEvent(s, (e) => e.type === 'error');
    assert.equal(error.meta!.error!.code, 'RI_IDLE_TIMEOUT');
  });
});
