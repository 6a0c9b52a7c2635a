import * as assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/shared/protocol';
import { RpcClient, RpcError, type RpcTimers } from '../../../src/webview/rpc';

/** Timers the test fires by hand. */
function manualTimers(): RpcTimers & { fireAll(): void; count(): number } {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => {
      const id = next++;
      timers.set(id, fn);
      return id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    fireAll: () => {
      const fns = [...timers.values()];
      timers.clear();
      fns.forEach((f) => f());
    },
    count: () => timers.size,
  };
}

describe('webview RpcClient', () => {
  let posted: WebviewToHost[];
  let timers: ReturnType<typeof manualTimers>;
  let rpc: RpcClient;

  beforeEach(() => {
    posted = [];
    timers = manualTimers();
    rpc = new RpcClient((m) => posted.push(m), timers, 10_000);
  });

  it('posts requests with incrementing ids', () => {
    void rpc.request('events/getDetails', { seq: 7 });
    void rpc.request('events/replay', { seq: 9 });
    assert.deepEqual(posted, [
      { type: 'events/getDetails', seq: 7, requestId: 1 },
      { type: 'events/replay', seq: 9, requestId: 2 },
    ]);
    assert.equal(rpc.pendingCount, 2);
  });

  it('resolves with the reply carrying the same id and clears its timer', async () => {
    const reply = rpc.request('composer/send', { request: { kind: 'text', text: 'hi' } });
    assert.equal(rpc.handleReply({ type: 'send/result', requestId: 1, ok: true, seq: 42 }), true);
    assert.deepEqual(await reply, { type: 'send/result', requestId: 1, ok: true, seq: 42 });
    assert.equal(rpc.pendingCount, 0);
    assert.equal(timers.count(), 0);
  });

  it('leaves non-replies to the caller and swallows stale replies', () => {
    assert.equal(rpc.handleReply({ type: 'composer/focus' }), false);
    assert.equal(rpc.handleReply({ type: 'events/details', requestId: 99, details: null }), true);
  });

  it('rejects a reply of the wrong type', async () => {
    const reply = rpc.request('events/getDetails', { seq: 1 });
    rpc.handleReply({ type: 'send/result', requestId: 1, ok: true });
    await assert.rejects(reply, (e: unknown) => e instanceof RpcError && e.code === 'bad-reply');
  });

  // Issue #8: a request the host could not handle waited out the 10 s timeout.
  it("rejects at once with the host's code, message and hint on request/failed", async () => {
    const reply = rpc.request('composer/send', { request: { kind: 'text', text: 'hi' } });
    const error = { code: 'RI_INVALID_MESSAGE', message: 'composer/send: Unknown send kind.', hint: 'Pick a kind.' };
    assert.equal(rpc.handleReply({ type: 'request/failed', requestId: 1, error }), true);
    await assert.rejects(
      reply,
      (e: unknown) =>
        e instanceof RpcError &&
        e.code === 'failed' &&
        e.errorCode === 'RI_INVALID_MESSAGE' &&
        e.hint === 'Pick a kind.' &&
        e.message === error.message,
    );
    assert.equal(timers.count(), 0, 'no timeout left waiting');
  });

  it('rejects on timeout, and a late reply is then ignored', async () => {
    const reply = rpc.request('events/getPage', { view: 1, from: 0, limit: 10 });
    timers.fireAll();
    await assert.rejects(reply, (e: unknown) => e instanceof RpcError && e.code === 'timeout');
    const range = { view: 1, start: 0, end: 0, complete: true, logTotal: 0, dropped: 0 };
    assert.equal(rpc.handleReply({ type: 'events/page', requestId: 1, range, from: 0, rows: [] }), true);
  });

  it('rejects everything pending on dispose, and later requests at once', async () => {
    const a = rpc.request('events/getDetails', { seq: 1 });
    const b = rpc.request('events/replay', { seq: 2 });
    rpc.dispose();
    await assert.rejects(a, (e: unknown) => e instanceof RpcError && e.code === 'disposed');
    await assert.rejects(b, (e: unknown) => e instanceof RpcError && e.code === 'disposed');
    assert.equal(timers.count(), 0);
    await assert.rejects(rpc.request('events/getDetails', { seq: 3 }), RpcError);
    assert.equal(posted.length, 2);
  });

  it('matches a reply posted synchronously from inside post()', async () => {
    const echo: RpcClient = new RpcClient((m) => {
      if (m.type !== 'events/getDetails') return;
      echo.handleReply({ type: 'events/details', requestId: m.requestId, details: null });
    }, timers);
    assert.equal((await echo.request('events/getDetails', { seq: 5 })).details, null);
  });
});
