/**
 * A Socket.IO session end to end in the extension host: connect polling-first to a real Socket.IO 4
 * server, see the sid and the upgrade steps in order, emit with an ack and see the reply correlated,
 * disconnect.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import * as vscode from 'vscode';
import type { LogEvent } from '../../src/core/events/logEvent';
import type { Session } from '../../src/core/session/session';
import type { SendRequest } from '../../src/shared/sendRequest';
import { activateInspector, COMMANDS, type InspectorApi } from './support/inspectorApi';
import { pollUntil } from './support/poll';

function events(session: Session): LogEvent[] {
  return session.log.page(1, session.log.count);
}

describe('Socket.IO session', () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  let api: InspectorApi;
  let session: Session;
  let id: string;

  before(async () => {
    http = createServer();
    io = new Server(http);
    io.on('connection', (socket) => {
      socket.emit('welcome', 'hi', Buffer.from([1, 2, 3]));
      socket.on('echo', (...args: unknown[]) => {
        const ack = args.pop();
        if (typeof ack === 'function') ack(...args);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    api = await activateInspector();
  });

  after(async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  it('connects polling-first and shows the sid', async () => {
    const result = await vscode.commands.executeCommand<unknown>(COMMANDS.connect, {
      kind: 'socketio',
      url,
      transports: 'polling-then-websocket',
    });
    assert.equal(typeof result, 'string', `connect returned ${JSON.stringify(result)}`);
    id = result as string;
    session = api.getSession(id)!;
    assert.ok(session);
    await pollUntil('state open', () => session.info.state === 'open');
    const open = events(session).find((e) => e.type === 'eio-open');
    assert.ok(open?.meta?.eio?.sid);
    assert.equal(session.info.sid, open.meta.eio.sid);
    const handshake = session.log.get(open.parent!);
    assert.equal(handshake?.type, 'poll-response', 'the open packet is a child of the handshake response');
  });

  it('upgrades to WebSocket through probe, pause and upgrade, in that order', async () => {
    await pollUntil('the upgrade', () => session.info.upgrade === 'upgraded');
    const steps = events(session)
      .filter((e) => e.type === 'upgrade-step')
      .map((e) => e.meta?.eio?.step);
    assert.deepEqual(steps, ['probe', 'probe-ok', 'pause', 'paused', 'upgraded']);
    assert.equal(session.info.transport, 'websocket');
    const types = events(session).map((e) => e.type);
    assert.ok(types.indexOf('eio-upgrade') > types.indexOf('eio-pong'), 'the upgrade packet follows the probe answer');
  });

  it('emits with an ack and correlates the reply', async () => {
    await pollUntil('namespace / joined', () =>
      session.info.namespaces?.find((n) => n.name === '/' && n.state === 'connected'),
    );
    const request: SendRequest = { kind: 'sio-emit', namespace: '/', event: 'echo', args: '["ping", 42]', ack: true };
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; seq?: number }>(
      COMMANDS.sendMessage,
      id,
      request,
    );
    assert.ok(outcome?.ok, `send outcome: ${JSON.stringify(outcome)}`);
    const ack = await pollUntil('the ack', () => events(session).find((e) => e.type === 'sio-ack'));
    assert.equal(ack.meta?.sio?.ackOf, outcome.seq);
    assert.equal(ack.payload?.kind === 'text' ? ack.payload.text : undefined, '["ping",42]');
  });

  it('disconnects', async () => {
    await vscode.commands.executeCommand(COMMANDS.disconnect, id);
    await pollUntil('state closed', () => session.info.state === 'closed');
  });
});
