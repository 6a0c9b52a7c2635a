/**
 * The panel's reconnect buttons (issue 12): `session/retryNow` and `session/cancelReconnect` pass the webview
 * allowlist as bare types (anything else the webview puts in them never reaches the host), and the header's
 * DTO carries the reconnect status as the session has it.
 */
import assert from 'node:assert/strict';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import type { SessionInfo } from '../../../../src/core/session/session';
import { projectSessionInfo } from '../../../../src/core/view/sessionProjection';
import { parseWebviewMessage } from '../../../../src/host/panel/webviewMessages';

describe('reconnect messages of the panel', () => {
  it('accepts Retry now and Cancel, with extra fields dropped', () => {
    for (const type of ['session/retryNow', 'session/cancelReconnect']) {
      assert.deepEqual(parseWebviewMessage({ type }), { ok: true, value: { type } });
      assert.deepEqual(parseWebviewMessage({ type, delayMs: 0, __proto__: { x: 1 } }), { ok: true, value: { type } });
    }
    assert.equal(parseWebviewMessage({ type: 'session/retry' }).ok, false);
  });

  it('projects the reconnect status into the header, and nothing when there is none', () => {
    const info: SessionInfo = {
      state: 'connecting',
      url: 'ws://a/',
      kind: 'websocket',
      startedAt: 1,
      messagesIn: 0,
      messagesOut: 0,
      bytesIn: 0,
      bytesOut: 0,
    };
    assert.equal(projectSessionInfo('ws-1', info, NO_REDACTION).reconnect, undefined);
    const reconnect = { phase: 'waiting' as const, attempt: 2, nextAttemptAt: 5000, connections: 1, policy: 'p' };
    // Made at 3800 on the host's clock: 1.2 s left (the panel counts down from that on its own clock).
    const projected = projectSessionInfo('ws-1', { ...info, reconnect }, NO_REDACTION, 3800).reconnect;
    assert.deepEqual(projected, { ...reconnect, nextAttemptInMs: 1200 });
  });
});
