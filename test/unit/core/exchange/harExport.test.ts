/**
 * HAR export (issue 10) of real sessions recorded against the fixture servers, checked against the structure
 * Chrome DevTools writes and its importer requires: a WebSocket as one entry with `_resourceType: "websocket"`
 * and `_webSocketMessages`; Engine.IO/Socket.IO polling requests as ordinary entries (method, body, status,
 * timings) with the WebSocket entry after the upgrade carrying the frames; an event stream with its text and
 * `_eventSourceMessages`; long-polling as one entry per exchange.
 */
import assert from 'node:assert/strict';
import { headerValue } from '../../../../src/core/http/headers';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { startPollServer } from '../../../fixtures/servers/pollServer';
import { startSseServer } from '../../../fixtures/servers/sseServer';
import { events, useSessions, waitForEvent } from '../../support/sessions';
import { assertChromeReadable, harOf, recordSocketIo, recordWebSocket, withWsServer } from './exchangeFixture';

describe('HAR export (issue 10)', function () {
  this.timeout(30_000);
  const fixture = useSessions();

  it('a WebSocket session: one websocket entry, its handshake and every message as Chrome writes them', async () => {
    await withWsServer(async (server) => {
      const session = await recordWebSocket(fixture, server);
      const { log } = await harOf(session);
      assertChromeReadable(log);
      assert.equal(log.entries.length, 1);
      const [entry] = log.entries;
      assert.equal(entry._resourceType, 'websocket');
      assert.equal(entry.request.method, 'GET');
      assert.equal(entry.request.url, `${server.url}/echo?room=7`);
      assert.deepEqual(entry.request.queryString, [{ name: 'room', value: '7' }]);
      assert.equal(
        headerValue(
          entry.request.headers.map((h) => [h.name, h.value]),
          'upgrade',
        ),
        'websocket',
      );
      assert.equal(entry.response.status, 101);
      assert.equal(entry.response.statusText, 'Switching Protocols');
      assert.ok(entry.timings.connect! >= 0, 'the TCP connect the log timed is the connect timing');
      const messages = entry._webSocketMessages!.map(({ type, opcode, data }) => ({ type, opcode, data }));
      assert.deepEqual(messages, [
        { type: 'send', opcode: 1, data: 'hello ✓' },
        { type: 'send', opcode: 2, data: Buffer.from([0, 1, 0xfe, 0xff]).toString('base64') },
        { type: 'receive', opcode: 1, data: 'hello ✓' },
        { type: 'receive', opcode: 2, data: 'AAH+/w==' },
      ]);
      const sent = events(session).filter((e) => e.layer === 'ws' && e.type === 'message');
      assert.deepEqual(
        entry._webSocketMessages!.map((m) => m.time),
        sent.map((e) => e.time / 1000),
        'each message at its own time, in epoch seconds',
      );
      const close = entry._webSocketClose as { code?: number; reason?: string; timestamp?: number };
      assert.deepEqual([close.code, close.reason], [1000, ''], 'the close frame, as HTTP Toolkit writes it');
      assert.ok(close.timestamp! >= entry._webSocketMessages!.at(-1)!.time);
      assert.equal(log.pages?.[0].id, entry.pageref);
    });
  });

  it('Socket.IO polling then upgrade: polling exchanges as entries, the WebSocket entry has the frames', async () => {
    const session = await recordSocketIo(fixture);
    const { log } = await harOf(session, { sanitize: false });
    assertChromeReadable(log);
    const polls = log.entries.filter((e) => e._resourceType === 'xhr');
    const sockets = log.entries.filter((e) => e._resourceType === 'websocket');
    assert.equal(sockets.length, 1, 'one WebSocket: the upgrade');
    const requests = events(session).filter((e) => e.type === 'poll-request');
    assert.equal(polls.length, requests.length, 'one entry per polling request');
    const handshake = polls.find((e) => e.response.content.text?.startsWith('0{"sid"'));
    assert.ok(handshake && handshake.request.method === 'GET', 'the handshake GET with the open packet as its content');
    assert.match(handshake.request.url, /EIO=4&transport=polling/);
    const post = polls.find((e) => e.request.method === 'POST');
    assert.equal(post?.request.postData?.text, '40', 'the POST carried the CONNECT as its body');
    assert.equal(post?.response.content.text, 'ok');
    for (const entry of polls) {
      assert.equal(entry.time, entry.timings.wait + entry.timings.receive, 'time is the sum of the known timings');
      assert.equal(entry.timings.dns, -1, 'unknown timings are -1');
      assert.ok(entry.response.bodySize >= 0 && entry.response.content.size === entry.response.bodySize);
    }
    const frames = sockets[0]._webSocketMessages!;
    assert.match(sockets[0].request.url, /^ws:.*transport=websocket&sid=/);
    assert.deepEqual(
      frames.slice(0, 3).map((m) => [m.type, m.data]),
      [
        ['send', '2probe'],
        ['receive', '3probe'],
        ['send', '5'],
      ],
    );
    assert.ok(
      frames.some((m) => m.type === 'send' && m.data.startsWith('451-0["echo"')),
      'the emit',
    );
    assert.ok(
      frames.some((m) => m.type === 'send' && m.opcode === 2 && m.data === 'AQID'),
      'its attachment',
    );
    assert.ok(
      frames.some((m) => m.type === 'receive' && m.data.startsWith('461-0[')),
      'the binary ack',
    );
    const liveFrames = events(session).filter((e) => e.layer === 'ws' && e.type === 'message');
    assert.equal(frames.length, liveFrames.length, 'every WebSocket message of the log');
    assert.equal(log._realtimeInspector?.session.kind, 'socketio');
  });

  it('Server-Sent Events: the stream as received, and _eventSourceMessages', async () => {
    const server = await startSseServer();
    try {
      const session = fixture.session({ kind: 'sse', url: `${server.url}/ticker?count=3&ms=5&retry=4000` });
      await session.start();
      await waitForEvent(session, (e) => e.type === 'reconnecting', 5000);
      await session.close();
      const { log } = await harOf(session);
      assertChromeReadable(log);
      const [entry] = log.entries;
      assert.equal(entry._resourceType, 'eventsource');
      assert.equal(entry.response.content.mimeType, 'text/event-stream');
      const text = entry.response.content.text!;
      assert.equal(
        text,
        'retry: 4000\n\n' + [1, 2, 3].map((n) => `id: ${n}\nevent: tick\ndata: {"n":${n}}\n\n`).join(''),
      );
      assert.equal(entry.response.content.size, Buffer.byteLength(text));
      assert.deepEqual(
        entry._eventSourceMessages!.map(({ eventName, eventId, data }) => ({ eventName, eventId, data })),
        [1, 2, 3].map((n) => ({ eventName: 'tick', eventId: String(n), data: `{"n":${n}}` })),
      );
      const rows = events(session).filter((e) => e.type === 'sse-event');
      assert.deepEqual(
        entry._eventSourceMessages!.map((m) => m.time),
        rows.map((e) => e.time / 1000),
      );
      assert.ok(entry.timings.receive >= 0 && entry.time >= entry.timings.wait);
    } finally {
      await server.close();
    }
  });

  it('long-polling: one entry per exchange, with the timings the poller measured', async () => {
    const server = await startPollServer({ holdMs: 60 });
    try {
      const session = fixture.session({ kind: 'longpoll', url: `${server.origin}/chat/poll` });
      await session.start();
      server.post('hi');
      await waitForEvent(
        session,
        (e) => e.type === 'poll-response' && (e.payload as { text?: string })?.text?.includes('hi') === true,
        5000,
      );
      await session.close();
      const { log } = await harOf(session, { redactor: NO_REDACTION });
      assertChromeReadable(log);
      const responses = events(session).filter((e) => e.type === 'poll-response');
      const answered = log.entries.filter((e) => e.response.status === 200);
      assert.equal(answered.length, responses.length);
      const first = answered[0];
      assert.equal(first._resourceType, 'fetch');
      assert.equal(first.request.url, `${server.origin}/chat/poll`);
      const poll = responses[0].meta!.poll!;
      assert.equal(first.timings.wait, Math.round(poll.firstByteMs! * 1000) / 1000, 'wait is the time to first byte');
      assert.ok(first.timings.connect! >= 0, 'a new connection: its connect time');
      assert.ok(answered.some((e) => e.response.content.text?.includes('"text":"hi"')));
      const unanswered = log.entries.filter((e) => e.response.status === 0);
      for (const entry of unanswered) assert.match(entry.response._error!, /No response was recorded/);
    } finally {
      await server.close();
    }
  });
});
