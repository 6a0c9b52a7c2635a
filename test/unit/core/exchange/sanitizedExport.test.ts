/**
 * Sanitized by default (issue 10): a distinct canary secret in every credential slot — the Authorization
 * header, a Cookie, the URL's userinfo, a token query parameter, a token subprotocol, a Socket.IO auth payload —
 * against real servers that echo what they received back in frames (and a Set-Cookie, and a close reason). The
 * HAR and JSON Lines exports must hold none of them, in clear, base64 (padded, unpadded, URL-safe), URL-encoded
 * or hex; the unsanitized export holds them all (so the test is not vacuous).
 */
import assert from 'node:assert/strict';
import { createRedactor, type CredentialSources } from '../../../../src/core/redaction/secretRedactor';
import type { Session } from '../../../../src/core/session/session';
import { CANARIES, leaksIn, WEBSOCKET_SLOTS, webSocketCanaryOptions, type CanarySlot } from '../../support/canaries';
import { startMirrorServer, type MirrorServer } from '../../support/mirrorServer';
import { events, useSessions, waitForEvent, waitForState } from '../../support/sessions';
import { DEADLINE_MS, harOf, jsonlOf } from './exchangeFixture';

function leaks(text: string, slots: CanarySlot[]): string[] {
  const found = leaksIn(text, slots);
  // HTTP Basic carries `user:password` in base64.
  if (
    slots.includes('password') &&
    text.includes(Buffer.from(`alice:${CANARIES.password}`).toString('base64').slice(0, 16))
  )
    found.push('password: in a Basic credential');
  return found;
}

async function exportsOf(
  session: Session,
  options: { redactor?: ReturnType<typeof createRedactor> },
): Promise<string[]> {
  const har = await harOf(session, options);
  return [har.text, await jsonlOf(session, options)];
}

describe('sanitized export: no credential leaves, in any form (issue 10)', function () {
  this.timeout(30_000);
  const fixture = useSessions();
  let server: MirrorServer;

  before(async () => {
    // Hands every credential back: a Set-Cookie, the request as a text frame, the secrets as bytes, a close reason.
    server = await startMirrorServer(`session=${CANARIES.cookie}; Path=/; HttpOnly`, (socket) => {
      socket.send(Buffer.from(`bytes:${CANARIES.query}|${CANARIES.authorization}|${CANARIES.subprotocol}`));
      socket.on('message', (data, binary) => {
        socket.send(data, { binary });
        if (!binary && String(data) === 'bye') socket.close(4000, `bye ${CANARIES.password}`);
      });
    });
  });
  after(async () => server.close());

  it('WebSocket: userinfo, query token, subprotocol token, Authorization, Cookie — echoed in frames', async () => {
    const session = fixture.session(webSocketCanaryOptions(server.port));
    assert.equal(await session.start(), 'open');
    assert.ok(session.send({ kind: 'json', text: JSON.stringify({ echo: CANARIES.cookie }) }).ok);
    assert.ok(session.send({ kind: 'text', text: 'bye' }).ok);
    await waitForState(session, 'closed', DEADLINE_MS);
    const all = JSON.stringify(events(session).map((e) => [e.meta, e.payload?.kind === 'text' ? e.payload.text : '']));
    assert.ok(
      all.includes(CANARIES.authorization) && all.includes(CANARIES.subprotocol),
      'the secrets crossed the wire',
    );
    // No redactor given: the export builds the session's own from its options, as the host's redactorFor does.
    for (const text of await exportsOf(session, {})) {
      assert.deepEqual(leaks(text, WEBSOCKET_SLOTS), []);
      assert.match(text, /Bearer ••••/, 'masked, with the scheme kept');
    }
    const [har, jsonl] = await Promise.all([
      harOf(session, { sanitize: false }),
      jsonlOf(session, { sanitize: false }),
    ]);
    for (const slot of WEBSOCKET_SLOTS) {
      assert.ok(har.text.includes(CANARIES[slot]), `unsanitized HAR holds the ${slot} secret`);
      assert.ok(jsonl.includes(CANARIES[slot]), `unsanitized JSON Lines holds the ${slot} secret`);
    }
  });

  it('Socket.IO, polling then WebSocket: the auth payload of a namespace, and an emit echoed back', async () => {
    const server = await fixture.socketIo('socket.io@4.8.4');
    const options = {
      kind: 'socketio',
      url: server.url,
      transports: 'polling-then-websocket',
      namespaces: [{ name: '/' }, { name: '/admin', auth: JSON.stringify({ token: CANARIES.sioAuth }) }],
    };
    const session = fixture.session(options);
    await session.start();
    await waitForEvent(session, (e) => e.meta?.sio?.packetType === 'CONNECT_ERROR', DEADLINE_MS);
    await waitForEvent(session, (e) => e.meta?.eio?.step === 'upgraded', DEADLINE_MS);
    const args = JSON.stringify([
      { token: CANARIES.sioAuth },
      { $binary: Buffer.from(CANARIES.sioAuth).toString('base64') },
    ]);
    const emit = session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args, ack: true });
    assert.ok(emit.ok);
    await waitForEvent(session, (e) => e.meta?.sio?.ackOf === emit.seq, DEADLINE_MS);
    await session.close();
    const payloads = events(session).map((e) =>
      e.payload?.kind === 'binary' ? Buffer.from(e.payload.bytes) : e.payload?.text,
    );
    assert.ok(
      payloads.some((p) => typeof p === 'string' && p.includes(CANARIES.sioAuth)),
      'the auth payload went out',
    );
    assert.ok(
      payloads.some((p) => Buffer.isBuffer(p) && p.includes(CANARIES.sioAuth)),
      'and came back as an attachment',
    );
    const redactor = createRedactor(session.options as CredentialSources);
    for (const text of await exportsOf(session, { redactor })) assert.deepEqual(leaks(text, ['sioAuth']), []);
    const har = await harOf(session, { sanitize: false });
    assert.ok(har.text.includes(CANARIES.sioAuth));
  });
});
