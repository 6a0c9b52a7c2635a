/**
 * The row actions in the allowlist (issue 10): Edit and send and Save to message book name one event, Replay
 * range two in order and not too far apart; anything else is refused and extra fields never get through.
 */
import assert from 'node:assert/strict';
import { MAX_REPLAY_RANGE_EVENTS } from '../../../../src/shared/protocol';
import { parseWebviewMessage } from '../../../../src/host/panel/webviewMessages';
import { actionUnavailable } from '../../../../src/host/panel/panelLogActions';

const parse = (input: unknown) => parseWebviewMessage(input);

describe('row action messages', () => {
  it('accepts Edit and send and Save to message book with exact fields', () => {
    for (const type of ['events/editAndSend', 'events/saveToBook']) {
      assert.deepEqual(parse({ type, requestId: 3, seq: 12, extra: 'dropped' }), {
        ok: true,
        value: { type, requestId: 3, seq: 12 },
      });
      for (const bad of [{ seq: 0 }, { seq: 1.5 }, { seq: '12' }, { requestId: -1, seq: 1 }]) {
        assert.equal(parse({ type, requestId: 3, ...bad }).ok, false, JSON.stringify(bad));
      }
    }
  });

  it('accepts a replay range in order and within its bound', () => {
    const type = 'events/replayRange';
    assert.deepEqual(parse({ type, requestId: 1, from: 4, to: 9, more: true }), {
      ok: true,
      value: { type, requestId: 1, from: 4, to: 9 },
    });
    assert.equal(parse({ type, requestId: 1, from: 4, to: 4 }).ok, true);
    const last = 1 + MAX_REPLAY_RANGE_EVENTS - 1;
    assert.equal(parse({ type, requestId: 1, from: 1, to: last }).ok, true);
    const refusals = [
      [{ from: 0, to: 3 }, /"from" must be an integer ≥ 1/],
      [{ from: 5, to: 4 }, /"to" must be an integer ≥ "from"/],
      [{ from: 1, to: last + 1 }, /spans at most/],
      [{ from: 1 }, /"to"/],
      [{ from: 1, to: 2, requestId: 'x' }, /requestId/],
    ] as const;
    for (const [fields, reason] of refusals) {
      const result = parse({ type, requestId: 1, ...fields });
      assert.equal(result.ok, false, JSON.stringify(fields));
      assert.match(result.ok ? '' : result.reason, reason);
    }
  });

  it('answers in words when no handler is registered', () => {
    assert.deepEqual(actionUnavailable(7), {
      type: 'action/result',
      requestId: 7,
      ok: false,
      message: 'This action is not available in this window.',
    });
  });
});
