/**
 * Issue #7: server text reached `showErrorMessage`, where VS Code turns `[text](command:…)` into a link
 * that runs a command with the server's arguments after one click. Link syntax is planted in every
 * server-controlled field that can reach a failed-connection message (reason phrase, Location, body,
 * header values); the notification is built from the error code and the status number only.
 */
import assert from 'node:assert/strict';
import { ErrorCode } from '../../../src/core/errors';
import type { LogEvent } from '../../../src/core/events/logEvent';
import { connectFailureMessage, hostOf, inert, isProxyFailure } from '../../../src/host/notificationText';
import { startRawTcpServer, type RawTcpServer } from '../../fixtures/servers/rawTcpServer';
import { events, newSession } from '../support/sessions';

const LINK = '[Click here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)';

/** What a notification must never contain: link syntax, the command scheme, or the server's words. */
function assertInert(text: string): void {
  assert.ok(!text.includes(']('), `"](" in: ${text}`);
  assert.ok(!text.includes('command:'), `command: in: ${text}`);
  assert.ok(!text.includes('Click here'), `server words in: ${text}`);
}

/** The message the session watcher would show for this session's failure (sessionWatcher.ts does exactly this). */
function notificationFor(url: string, all: LogEvent[]): string {
  const error = all.find((e) => e.type === 'error')?.meta?.error;
  assert.ok(error, 'the session failed with an error row');
  const status = all
    .filter((e) => e.type === 'handshake-response')
    .map((e) => e.meta?.response?.status)
    .pop();
  return connectFailureMessage(url, error.code, status);
}

describe('notification text', () => {
  describe('against hostile servers', () => {
    let server: RawTcpServer | undefined;
    afterEach(async () => server?.close());

    const answers: Array<[string, string]> = [
      ['a reason phrase', `HTTP/1.1 403 ${LINK}\r\nContent-Length: 0\r\n\r\n`],
      ['a redirect Location', `HTTP/1.1 302 Found\r\nLocation: ${LINK}\r\nContent-Length: 0\r\n\r\n`],
      [
        'a body and header values',
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${LINK}\r\nContent-Length: ${LINK.length}\r\n\r\n${LINK}`,
      ],
      ['a 101 without Upgrade', `HTTP/1.1 101 ${LINK}\r\nConnection: ${LINK}\r\n\r\n`],
    ];
    for (const [field, answer] of answers) {
      it(`keeps link syntax planted in ${field} out of the notification`, async () => {
        server = await startRawTcpServer((socket) => socket.end(answer));
        const session = newSession({ url: server.url, handshakeTimeoutMs: 3000 });
        await session.start();
        const all = events(session);
        // The planted text did reach the log (where it is shown as inert text): the field is server-controlled.
        assert.ok(JSON.stringify(all).includes('command:workbench'), 'the hostile text is in the log');
        const text = notificationFor(server.url, all);
        assertInert(text);
        assert.match(text, /^Could not connect to 127\.0\.0\.1:\d+: /);
        session.dispose();
      });
    }
  });

  describe('connectFailureMessage', () => {
    it('says what happened in our words for each connect failure, with the status as a number', () => {
      assert.equal(
        connectFailureMessage('ws://h:1/x?token=abc', ErrorCode.UnexpectedResponse, 403),
        'Could not connect to h:1: the server answered HTTP 403 instead of switching protocols. ' +
          "The session's log shows the details.",
      );
      for (const code of [
        ErrorCode.ConnectionRefused,
        ErrorCode.HostNotFound,
        ErrorCode.TlsError,
        ErrorCode.HandshakeTimeout,
        'WS_ERR_SOMETHING',
      ]) {
        const text = connectFailureMessage('wss://example.com/a', code);
        assert.match(text, /^Could not connect to example\.com: [a-z]/);
        assertInert(text);
      }
    });
    it("names a proxy's failure in our words, distinct from the server's, and marks it as the proxy's", () => {
      const proxyCodes = Object.values(ErrorCode).filter((code) => code.startsWith('RI_PROXY_'));
      assert.ok(proxyCodes.length >= 8, proxyCodes.join());
      const generic = connectFailureMessage('wss://example.com/a', 'WS_ERR_SOMETHING');
      for (const code of proxyCodes) {
        const text = connectFailureMessage('wss://example.com/a', code);
        assert.match(text, /^Could not connect to example\.com: the proxy /, code);
        assert.notEqual(text, generic);
        assert.ok(isProxyFailure(code));
        assertInert(text);
      }
      assert.ok(!isProxyFailure(ErrorCode.ConnectionRefused));
    });
    it('shows the host only: never the path, query or credentials of the URL', () => {
      assert.equal(hostOf('ws://user:pw@h:8080/a](command:x)?token=secret'), 'h:8080');
      assert.equal(hostOf('::not a url'), 'the server');
    });
  });

  describe('inert', () => {
    it('breaks link syntax, flattens lines and bounds the length', () => {
      const made = inert(`text ${LINK} and [a]  (command:x)`);
      assert.ok(!made.includes(']('), made);

      assert.equal(inert('a\nb\u2028c'), 'a b c');
      assert.equal(inert('x'.repeat(500), 10).length, 10);
    });
  });
});
