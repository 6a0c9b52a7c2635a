/**
 * The Socket.IO layer against hostile servers on raw `net` sockets (issue 12): each long-poll answers one
 * hand-made body. For each case: the row the user sees, whether the session goes on (a bad packet is data; only
 * Engine.IO faults end a session), that text copied into the header stays short, and that nothing escaped.
 *
 * Index of hostile Socket.IO cases tested elsewhere (not repeated here):
 * - placeholder `num` out of range / negative / fractional / not a number: core/socketio/
 *   attachmentsAndReserved.test.ts
 * - 1001 attachments announced, a text packet while attachments are expected, an unannounced binary message,
 *   reserved event names (connect, disconnect…), bad JSON, a non-array EVENT: core/engineio/hostileServers.test.ts
 * - data nested past the depth limit (JSON text and msgpack), msgpack headers declaring more elements than bytes:
 *   core/socketio/deepNesting.test.ts
 * - more than MAX_SERVER_ACK_REQUESTS unanswered ack requests: core/socketio/sioLayerDecoder.test.ts
 * - any text or bytes through the decoders: core/socketio/fuzz.test.ts
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import type { Session } from '../../../src/core/session/session';
import { MAX_SHOWN_SERVER_TEXT } from '../../../src/core/socketio/sioIncomingEvents';
import {
  eioBody,
  holdThen,
  startRawEioServer,
  type EioRequest,
} from '../../fixtures/servers/hostile/rawEngineIoServer';
import { answer } from '../../fixtures/servers/hostile/rawHttp';
import { newSession } from '../support/sessions';
import {
  allErrorsInOurWords,
  ofType,
  payloadText,
  payloadsBounded,
  useCleanup,
  useCrashWatch,
  waitForEvent,
} from './hostileSupport';

const STORED = 64 * 1024;
const CONNECTED = '40{"sid":"s1"}';

describe('hostile Socket.IO servers (issue 12)', function () {
  this.timeout(10000);
  useCrashWatch();
  const cleanup = useCleanup();

  /** A v5 session whose long-polls get `bodies` in turn, then held noops. */
  async function against(bodies: string[]): Promise<Session> {
    const poll = (socket: Socket, request: EioRequest): void =>
      request.nth < bodies.length ? answer(socket, eioBody(bodies[request.nth])) : holdThen(socket, 200, '6');
    const server = cleanup.server(await startRawEioServer({ poll }));
    const session = cleanup.session(
      newSession({
        kind: 'socketio',
        url: `${server.base}/socket.io/`,
        transports: 'polling-only',
        protocolVersion: 4,
        maxStoredPayloadBytes: STORED,
      }),
    );
    await session.start();
    return session;
  }

  /** The session is still open once the EVENT "after" has arrived: the hostile packet did not end it. */
  async function goesOn(session: Session): Promise<void> {
    await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'after', 5000);
    assert.equal(session.info.state, 'open');
    allErrorsInOurWords(session);
  }

  for (const [what, count] of [
    ['1e9', '1000000000'],
    ['a 25-digit number of', '9'.repeat(25)],
  ]) {
    it(`a BINARY_EVENT announcing ${what} attachments: refused without waiting for them, session goes on`, async () => {
      const packet = `45${count}-["many",{"_placeholder":true,"num":0}]`;
      const session = await against([CONNECTED, packet, '42["after"]']);
      const error = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
      assert.match(error.meta!.error!.message, /at most 1000 are accepted/);
      assert.ok(error.meta!.error!.message.length < 300, 'the count is cut in the message');
      assert.equal(payloadText(error), packet.slice(1), 'the packet as received is the payload');
      await goesOn(session);
      assert.equal(ofType(session, 'sio-binary-event').length, 0);
    });
  }

  it('an EVENT with a 400-digit ack id: a decode error with the raw packet, session goes on', async () => {
    const packet = `42${'9'.repeat(400)}["ask"]`;
    const session = await against([CONNECTED, packet, '42["after"]']);
    const error = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
    assert.equal(error.meta!.error!.code, 'RI_PARSE_ERROR');
    assert.match(error.meta!.error!.message, /ack id 9{20}… \(400 digits\) is invalid: too large/);
    assert.doesNotMatch(error.meta!.error!.message, /not JSON/, 'the data is fine; the id is not');
    assert.equal(payloadText(error), packet.slice(1));
    await goesOn(session);
  });

  it('an ACK for an id beyond 2^53: a decode error naming the id, no ack matched', async () => {
    const session = await against([CONNECTED, '4399999999999999999999["x"]', '42["after"]']);
    const error = await waitForEvent(session, (e) => e.type === 'sio-decode-error', 5000);
    assert.match(error.meta!.error!.message, /ACK packet's ack id 99999999999999999999 is invalid: too large/);
    await goesOn(session);
    assert.equal(ofType(session, 'sio-ack').length, 0);
  });

  it('namespaces made of HTML stay text: logged as data, warned, no namespace state changed', async () => {
    const eventNsp = '/<img src=x onerror=alert(1)>';
    const refusedNsp = '/<svg onload=alert(1)>';
    const session = await against([
      CONNECTED,
      `42${eventNsp},["x"]`,
      `44${refusedNsp},{"message":"<b>no</b>"}`,
      '42["after"]',
    ]);
    await goesOn(session);
    const event = ofType(session, 'sio-event').find((e) => e.meta!.sio!.namespace === eventNsp);
    assert.ok(event, 'the event row keeps the namespace literally');
    const refusal = ofType(session, 'sio-connect-error')[0];
    assert.equal(refusal.meta!.sio!.namespace, refusedNsp);
    assert.match(refusal.meta!.warning!, /did not ask for: logged only/);
    assert.deepEqual(
      session.info.namespaces?.map((n) => [n.name, n.state]),
      [['/', 'connected']],
      'no namespace appeared in the header',
    );
  });

  it('a CONNECT_ERROR with a 1 MB message: refused, the header and the error row keep ~1000 characters', async () => {
    const message = 'm'.repeat(1024 * 1024);
    const session = await against([`44{"message":"${message}"}`]);
    const refusal = await waitForEvent(session, (e) => e.type === 'sio-connect-error', 5000);
    const error = refusal.meta!.error!;
    assert.equal(error.code, 'RI_NAMESPACE_REFUSED');
    assert.ok(error.message.length < MAX_SHOWN_SERVER_TEXT + 100, `error message of ${error.message.length} chars`);
    assert.match(error.message, /… \(1048576 characters\)$/);
    const root = session.info.namespaces?.find((n) => n.name === '/');
    assert.equal(root?.state, 'refused');
    assert.ok(root!.reason!.length < MAX_SHOWN_SERVER_TEXT + 100, `header reason of ${root!.reason!.length} chars`);
    assert.equal(refusal.size, message.length + 14, 'the row knows the full size');
    payloadsBounded(session, STORED);
  });

  it('an EVENT with a 1 MB name: the name on the row cut to ~1000 characters, the payload keeps it', async () => {
    const name = 'e'.repeat(1024 * 1024);
    const session = await against([CONNECTED, `42["${name}",1]`, '42["after"]']);
    await goesOn(session);
    const row = ofType(session, 'sio-event').find((e) => e.meta!.sio!.event !== 'after');
    assert.ok(row, 'the event is a row');
    const shown = row.meta!.sio!.event!;
    assert.ok(shown.length < MAX_SHOWN_SERVER_TEXT + 100, `event name of ${shown.length} chars on the row`);
    assert.match(shown, /^e+… \(1048576 characters\)$/);
    assert.equal(row.size, name.length + 6, 'the row knows the full size');
    assert.ok(payloadText(row)!.startsWith(`["${'e'.repeat(1000)}`), 'the payload keeps the name as received');
    payloadsBounded(session, STORED);
  });

  it('a CONNECT with a 1 MB sid: joined, the sid in the header cut to ~1000 characters', async () => {
    const session = await against([`40{"sid":"${'s'.repeat(1024 * 1024)}"}`, '42["after"]']);
    await goesOn(session);
    const root = session.info.namespaces?.find((n) => n.name === '/');
    assert.equal(root?.state, 'connected');
    assert.ok(root!.sid!.length < MAX_SHOWN_SERVER_TEXT + 100, `header sid of ${root!.sid!.length} chars`);
    payloadsBounded(session, STORED);
  });
});
