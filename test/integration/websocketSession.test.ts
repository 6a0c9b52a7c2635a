/**
 * A WebSocket session end to end in the extension host: connect to the echo fixture server, see the
 * handshake in the log, send and receive, disconnect; the panel that shows it has a strict CSP.
 */
import * as assert from 'node:assert/strict';
import type { LogEvent } from '../../src/core/events/logEvent';
import type { Session } from '../../src/core/session/session';
import type { SendRequest } from '../../src/shared/sendRequest';
import * as vscode from 'vscode';
import { startWsServer, type WsServer } from '../fixtures/servers/wsServer';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

/** All events of a session (test sessions stay small: one page is all of it). */
function events(session: Session): LogEvent[] {
  return session.log.page(1, 1000);
}

function headerNames(event: LogEvent | undefined): string[] {
  return (event?.meta?.request?.headers ?? []).map(([name]) => name.toLowerCase());
}

describe('WebSocket session', () => {
  let server: WsServer;
  let api: InspectorApi;
  let id: string;
  let session: Session;

  before(async () => {
    // The extension host is a Node process on this machine: the fixture server runs right here.
    server = await startWsServer();
    api = await activateInspector();
  });

  after(async () => {
    await server?.close();
  });

  it('connect returns a session id', async () => {
    const result = await vscode.commands.executeCommand<unknown>(COMMANDS.connect, {
      kind: 'websocket',
      url: `${server.url}/echo`,
    });
    assert.equal(typeof result, 'string', `connect returned ${JSON.stringify(result)}`);
    id = result as string;
    const found = api.getSession(id);
    assert.ok(found, `getSession(${id}) finds the session`);
    session = found;
  });

  it('logs the handshake request with its Sec-WebSocket-Key', async () => {
    const request = await pollUntil('a handshake-request event', () =>
      events(session).find((e) => e.type === 'handshake-request'),
    );
    assert.equal(request.direction, 'out');
    assert.ok(
      headerNames(request).includes('sec-websocket-key'),
      `request headers: ${headerNames(request).join(', ')}`,
    );
  });

  it('logs the 101 response and becomes open', async () => {
    const response = await pollUntil('a handshake-response event', () =>
      events(session).find((e) => e.type === 'handshake-response'),
    );
    assert.equal(response.direction, 'in');
    assert.equal(response.meta?.response?.status, 101);
    await pollUntil('state open', () => session.info.state === 'open');
  });

  it('sendMessage sends text and the echo comes back as an incoming message', async () => {
    const request: SendRequest = { kind: 'text', text: 'hello' };
    await vscode.commands.executeCommand(COMMANDS.sendMessage, id, request);
    const sent = await pollUntil('the outgoing message', () =>
      events(session).find((e) => e.type === 'message' && e.direction === 'out'),
    );
    assert.deepEqual(sent.payload?.kind === 'text' ? sent.payload.text : sent.payload, 'hello');
    const echoed = await pollUntil('the echo', () =>
      events(session).find(
        (e) => e.type === 'message' && e.direction === 'in' && e.payload?.kind === 'text' && e.payload.text === 'hello',
      ),
    );
    assert.ok(echoed.seq > sent.seq, 'the echo is logged after the message that caused it');
    assert.equal(echoed.size, 5);
  });

  it('has a panel whose HTML carries a nonce-based CSP', async () => {
    const panel = await pollUntil('the session panel', () => api.panelFor(id));
    const html = panel.webview.html;
    const csp = /<meta[^>]+http-equiv="Content-Security-Policy"[^>]+content="([^"]+)"/i.exec(html)?.[1];
    assert.ok(csp, 'the panel HTML has a CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    const nonce = /'nonce-([A-Za-z0-9+/=_-]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, `script-src uses a nonce: ${csp}`);
    assert.ok(html.includes(`nonce="${nonce}"`), 'the script tag carries the same nonce');
    const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1] ?? '';
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval/, 'scripts run only by nonce');
  });

  it('disconnect closes the session and logs closed', async () => {
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
    await pollUntil('state closed', () => session.info.state === 'closed');
    const closed = events(session).find((e) => e.type === 'closed');
    assert.ok(closed, 'a closed event is logged');
    assert.equal(closed.direction, 'local');
  });
});
