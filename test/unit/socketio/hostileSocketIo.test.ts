/**
 * The Socket.IO layer against a hand-made server: reserved event names are shown and flagged, a
 * BINARY_EVENT whose attachment comes in a later polling response is regrouped, and a binary message
 * nobody announced is flagged — none of it throws or ends the session.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from '../../../src/core/session/session';
import { openPacket, startHandMadeServer, text, type HandMadeServer } from '../../fixtures/servers/handMadeEngineIoServer';
import { newSession, ofType, waitForEvent } from '../core/sessionHarness';

describe('Socket.IO against a hand-made server', function () {
  this.timeout(10000);
  let server: HandMadeServer;
  let session: Session;

  before(async () => {
    const gets = [
      openPacket(),
      '40{"sid":"sio-1"}\x1e42["connect","spoofed"]',
      '451-["file",{"name":"a.bin","data":{"_placeholder":true,"num":0}}]',
      'bAQID',
      'bAAE=',
    ];
    let get = 0;
    server = await startHandMadeServer({
      poll: (req: IncomingMessage, res: ServerResponse) => {
        if (req.method === 'POST') return text(res, 'ok');
        const body = gets[get++];
        if (body !== undefined) text(res, body);
        else setTimeout(() => text(res, '6'), 200);
      },
    });
    session = newSession({ kind: 'socketio', url: server.url, transports: 'polling-only' });
    await session.start();
  });

  after(async () => {
    session.dispose();
    await server.close();
  });

  it('shows a reserved event name as data, flagged', async () => {
    const spoof = await waitForEvent(session, (e) => e.type === 'sio-event' && e.meta?.sio?.event === 'connect');
    assert.equal(spoof.meta!.sio!.reservedName, true);
    assert.match(spoof.meta!.note!, /reserved event name/);
    assert.equal(session.info.namespaces?.find((n) => n.name === '/')?.state, 'connected', 'the spoofed name changed no state');
  });

  it('regroups a binary event whose attachment arrives in a later polling response', async () => {
    const file = await waitForEvent(session, (e) => e.type === 'sio-binary-event');
    assert.equal(file.meta!.sio!.event, 'file');
    const attachment = session.log.get(file.meta!.sio!.attachmentSeqs![0])!;
    assert.deepEqual(attachment.payload?.kind === 'binary' ? [...attachment.payload.bytes] : [], [1, 2, 3]);
    const headerCarrier = session.log.get(session.log.get(file.parent!)!.parent!)!;
    const attachmentCarrier = session.log.get(attachment.parent!)!;
    assert.notEqual(headerCarrier.seq, attachmentCarrier.seq, 'header and attachment came in different responses');
  });

  it('flags a binary message that no packet announced, and keeps going', async () => {
    const stray = await waitForEvent(session, (e) => e.type === 'sio-decode-error');
    assert.match(stray.meta!.error!.message, /no BINARY_EVENT\/BINARY_ACK announced/);
    assert.equal(session.info.state, 'open');
    assert.equal(ofType(session, 'sio-binary-event').length, 1);
  });
});
