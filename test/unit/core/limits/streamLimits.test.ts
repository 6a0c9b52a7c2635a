/**
 * Issue 12, limits as settings, on the engines over HTTP and on Socket.IO: an SSE line past maxLineBytes, a
 * long-poll body past the body cap (Engine.IO and generic polling), a Socket.IO packet announcing more
 * attachments than maxAttachments. Each hit is an error row that names the setting to raise; what came before
 * stays in the log; a session that can go on (Socket.IO) goes on. Real servers on 127.0.0.1 port 0.
 */
import assert from 'node:assert/strict';
import type { Session } from '../../../../src/core/session/session';
import { startPollServer } from '../../../fixtures/servers/pollServer';
import { startScriptedServer, streamForever } from '../../../fixtures/servers/scriptedEngineIoServer';
import { startSseServer } from '../../../fixtures/servers/sseServer';
import { newSession, ofType, useSessions, waitForEvent, waitForState } from '../../support/sessions';

describe('stream limits as settings (issue 12)', function () {
  this.timeout(20000);
  const fixture = useSessions();
  const closers: Array<() => Promise<void>> = [];
  const sessions: Session[] = [];

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.dispose();
    for (const close of closers.splice(0)) await close();
  });

  async function runToClose(options: Record<string, unknown>): Promise<Session> {
    const session = newSession(options);
    sessions.push(session);
    await session.start();
    await waitForState(session, 'closed', 10000);
    return session;
  }

  function onlyError(session: Session): { code: string; message: string; hint?: string } {
    const errors = ofType(session, 'error').map((e) => e.meta!.error!);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    return errors[0];
  }

  it('SSE: a line past maxLineBytes names realtimeInspector.maxSseLineBytes; the event before is kept', async () => {
    const server = await startSseServer();
    closers.push(() => server.close());
    server.route('/long', async (x) => {
      x.open();
      await x.write(['data: first\n\n', `data: ${'x'.repeat(5000)}\n\n`]);
    });
    const session = await runToClose({ kind: 'sse', url: `${server.url}/long`, maxLineBytes: 1024, reconnect: false });
    const error = onlyError(session);
    assert.equal(error.code, 'RI_SSE_LINE_TOO_LONG');
    assert.match(error.message, /1024 bytes.*realtimeInspector\.maxSseLineBytes/);
    assert.match(error.hint ?? '', /Raise the setting realtimeInspector\.maxSseLineBytes \(a profile's maxLineBytes\)/);
    assert.equal(ofType(session, 'sse-event').length, 1, 'the event before the long line is kept');
  });

  it('long-polling: a body past maxBodyBytes names realtimeInspector.maxPollBodyBytes', async () => {
    const server = await startPollServer({ bigBodyBytes: 64 * 1024 });
    closers.push(() => server.close());
    const session = await runToClose({ kind: 'longpoll', url: `${server.origin}/big`, maxBodyBytes: 4096 });
    const error = onlyError(session);
    assert.equal(error.code, 'RI_POLL_BODY_TOO_LARGE');
    assert.match(error.message, /4096 bytes.*realtimeInspector\.maxPollBodyBytes/);
    assert.match(error.hint ?? '', /Raise the setting realtimeInspector\.maxPollBodyBytes/);
  });

  it('Engine.IO polling: a body streamed past maxPollBodyBytes names the setting', async () => {
    const server = await startScriptedServer({ poll: (c) => streamForever(c.res, `4${'x'.repeat(8191)}`) });
    closers.push(() => server.close());
    const session = await runToClose({
      kind: 'engineio',
      url: server.url,
      transports: 'polling-only',
      protocolVersion: 4,
      maxPollBodyBytes: 4096,
    });
    const errors = ofType(session, 'error').map((e) => e.meta!.error!);
    const error = errors.find((e) => e.code === 'RI_POLL_BODY_TOO_LARGE');
    assert.ok(error, JSON.stringify(errors));
    assert.match(error.message, /4096 bytes, the limit set by realtimeInspector\.maxPollBodyBytes/);
    assert.match(error.hint ?? '', /Raise the setting realtimeInspector\.maxPollBodyBytes/);
  });

  it('Socket.IO: an ack with more attachments than maxAttachments is an error row; the session goes on', async () => {
    const server = await fixture.socketIo('socket.io@4.8.4');
    const session = fixture.session({ kind: 'socketio', url: server.url, maxAttachments: 1 });
    await session.start();
    await waitForEvent(session, (e) => e.type === 'sio-connect' && e.direction === 'in', 8000);
    const args = '[{"$binary":"AQID"},{"$binary":"BAUG"}]';
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args, ack: true }).ok);
    const refused = await waitForEvent(session, (e) => /attachments/.test(e.meta?.error?.message ?? ''), 8000);
    assert.match(
      refused.meta!.error!.message,
      /announces 2 binary attachments; at most 1 are accepted \(the limit set by realtimeInspector\.maxSocketIoAtt/,
    );
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'echo', args: '["plain"]', ack: true }).ok);
    const answer = await waitForEvent(session, (e) => e.meta?.sio?.ackOf !== undefined, 8000);
    assert.equal(answer.direction, 'in');
    assert.equal(session.info.state, 'open', 'the session goes on');
  });
});
