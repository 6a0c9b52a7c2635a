/**
 * Canary test (issue #7): a distinct secret in each credential slot — URL password, a token in the
 * query, a token subprotocol, Authorization, Cookie, a Socket.IO auth payload — against real servers that
 * mirror what they received back to us. Everything the panel and the output channel are given (rows,
 * details of every event, the session header, the timeline, log lines) is searched for each secret in
 * clear, base64, URL-encoded and hex forms, the hex dump of payloads included.
 */
import assert from 'node:assert/strict';
import { createRedactor, type CredentialSources, type Redactor } from '../../../../src/core/redaction/secretRedactor';
import { createSession } from '../../../../src/core/session/createSession';
import type { Session } from '../../../../src/core/session/session';
import { projectDetails, projectRow } from '../../../../src/core/view/eventProjection';
import { projectSessionInfo } from '../../../../src/core/view/sessionProjection';
import { startSocketIoServer, type SocketIoTestServer } from '../../../fixtures/servers/socketIoServers';
import { CANARIES, leaksIn, WEBSOCKET_SLOTS, webSocketCanaryOptions, type CanarySlot } from '../../support/canaries';
import { startMirrorServer, type MirrorServer } from '../../support/mirrorServer';
import { events, waitForEvent, waitForState } from '../../support/sessions';

/** The bytes of every `hexdump -C` line in a JSON text, joined, so a secret split across lines is still found. */
function hexDumpBytes(serialised: string): string {
  const dumps = [...serialised.matchAll(/"hex":"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  return dumps
    .map((dump) =>
      dump
        .split('\n')
        .map((line) => line.slice(10, 58).replace(/\s+/g, ''))
        .join(''),
    )
    .join('|');
}

/** Everything the panel would be sent for this session, and what the output channel would be written. */
function everythingShown(session: Session, redactor: Redactor): string {
  const all = events(session);
  const origin = all[0]?.mono ?? 0;
  const shown = {
    rows: all.map((e) => projectRow(e, origin, redactor)),
    details: all.map((e) => projectDetails(e, origin, redactor)),
    header: projectSessionInfo(session.id, session.info, redactor),
    logLines: all.map((e) =>
      redactor.text(`${e.meta?.error?.message ?? ''} ${e.meta?.error?.detail ?? ''} ${e.meta?.note ?? ''}`),
    ),
  };
  return JSON.stringify(shown);
}

function assertNoCanary(shown: string, names: CanarySlot[]): void {
  assert.deepEqual(leaksIn(shown, names), [], 'a secret leaked');
  const hex = hexDumpBytes(shown);
  for (const name of names)
    assert.ok(!hex.includes(Buffer.from(CANARIES[name]).toString('hex')), `the ${name} secret leaked in a hex dump`);
}

describe('credential canaries', function () {
  this.timeout(15_000);

  describe('WebSocket: URL password, query token, subprotocol token, Authorization, Cookie', () => {
    let server: MirrorServer;

    before(async () => {
      // A server that hands every credential back: in a Set-Cookie, a text message, a binary message, its close reason.
      server = await startMirrorServer(`session=${CANARIES.cookie}; Path=/`, (socket) => {
        socket.send(Buffer.from(`${CANARIES.query}|${CANARIES.authorization}`));
        socket.close(4000, CANARIES.password);
      });
    });
    after(async () => server.close());

    it('shows none of them anywhere, in any form', async () => {
      const options = webSocketCanaryOptions(server.port);
      const created = createSession(options);
      assert.ok(created.ok);
      const session = created.value;
      await session.start();
      await waitForState(session, 'closed', 5000);
      const all = events(session);
      // The secrets did cross the wire and are in the log (the user may reveal one row): the test is not vacuous.
      assert.ok(
        JSON.stringify(all.map((e) => [e.meta, e.payload?.kind === 'text' ? e.payload.text : ''])).includes(
          CANARIES.authorization,
        ),
      );
      assert.ok(all.some((e) => e.type === 'message' && e.payload?.kind === 'binary'));
      assertNoCanary(everythingShown(session, createRedactor(options as CredentialSources)), WEBSOCKET_SLOTS);
      session.dispose();
    });
  });

  describe('Socket.IO: the auth payload of a namespace', () => {
    let server: SocketIoTestServer;
    before(async () => {
      server = await startSocketIoServer('socket.io@4.8.4');
    });
    after(async () => server.close());

    for (const transports of ['polling-only', 'websocket-only'] as const) {
      it(`shows it nowhere, in any form (${transports})`, async () => {
        const options = {
          kind: 'socketio',
          url: server.url,
          transports,
          namespaces: [{ name: '/' }, { name: '/admin', auth: JSON.stringify({ token: CANARIES.sioAuth }) }],
        };
        const created = createSession(options);
        assert.ok(created.ok);
        const session = created.value;
        await session.start();
        await waitForEvent(session, (e) => e.layer === 'sio' && e.meta?.sio?.packetType === 'CONNECT_ERROR', 5000);
        assert.ok(
          events(session).some((e) => e.payload?.kind === 'text' && e.payload.text.includes(CANARIES.sioAuth)),
          'the auth payload went out',
        );
        assertNoCanary(everythingShown(session, createRedactor(options as CredentialSources)), ['sioAuth']);
        await session.close();
        session.dispose();
      });
    }
  });
});
