/**
 * The panel's Export… button (issue 10) in the webview allowlist: `session/export` passes with no fields — the
 * webview never names a file, a format or whether to sanitize; the host asks the user for those.
 */
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../../src/host/panel/webviewMessages';

describe('session/export in the webview allowlist', () => {
  it('passes as just its type', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'session/export' }), { ok: true, value: { type: 'session/export' } });
  });

  it('drops whatever else the webview puts in it: no path, no sanitize flag, no session id reaches the host', () => {
    const hostile = {
      type: 'session/export',
      target: '/home/user/.ssh/authorized_keys',
      sanitize: false,
      sessionId: 'another-session',
    };
    assert.deepEqual(parseWebviewMessage(hostile), { ok: true, value: { type: 'session/export' } });
  });

  it('is refused under a near name', () => {
    for (const type of ['session/Export', 'session/export ', 'sessions/export', 'export'])
      assert.equal(parseWebviewMessage({ type }).ok, false, type);
  });
});
