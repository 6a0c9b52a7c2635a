/**
 * Export, then import (issue 10): real sessions — WebSocket, Socket.IO 4 and Socket.IO 2 (polling, then the
 * upgrade), Server-Sent Events, long-polling — go out as HAR (and the first two as JSON Lines) and come back as
 * offline sessions. From a HAR the carriers come back (handshakes, polling bodies, WebSocket messages, the event
 * stream) and the Engine.IO and Socket.IO rows are decoded again by the layer decoders: they must be the live
 * session's — packet types, payloads, probes, acks matched to the right emit, attachments regrouped. From JSON
 * Lines every event comes back as it was logged, through the log the host uses.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { importHar } from '../../../../src/core/exchange/harImport';
import { ImportedSession } from '../../../../src/core/exchange/importedSession';
import { importJsonl } from '../../../../src/core/exchange/jsonlImport';
import { eventLine } from '../../../../src/core/exchange/jsonlFormat';
import { SpillingEventLog } from '../../../../src/core/events/store/spillingEventLog';
import { startPollServer } from '../../../fixtures/servers/pollServer';
import { startSseServer } from '../../../fixtures/servers/sseServer';
import { useSessions, waitForEvent } from '../../support/sessions';
import { allEvents, harOf, jsonlOf, memoryLog, recordSocketIo, recordWebSocket, withWsServer } from './exchangeFixture';

/** A payload as text: the text, or the bytes in hex. */
function payloadText(e: LogEvent): string {
  if (e.payload?.kind === 'binary') return `hex:${Buffer.from(e.payload.bytes).toString('hex')}`;
  return e.payload?.text ?? '';
}

/** A decoded row as it reads in the panel, without seqs: what must survive a round trip. */
function signature(e: LogEvent, all: Map<number, LogEvent>): string {
  const payload = payloadText(e);
  const sio = e.meta?.sio;
  const acked = sio?.ackOf !== undefined ? `ack-of:${all.get(sio.ackOf)?.meta?.sio?.event}` : '';
  const attachments = sio?.attachmentSeqs?.map((s) => all.get(s)?.size).join('+') ?? '';
  const facts = [sio?.packetType, sio?.namespace, sio?.event, sio?.ackId, acked, attachments, e.meta?.eio?.probe];
  return `${e.direction} ${e.type} ${JSON.stringify(payload)} ${facts.map((f) => f ?? '').join('|')}`;
}

/** The Engine.IO rows of one transport and all Socket.IO rows, as signatures. */
function decodedLayers(events: LogEvent[]): { polling: string[]; websocket: string[]; sio: string[] } {
  const all = new Map(events.map((e) => [e.seq, e]));
  const eio = (transport: string): string[] =>
    events
      .filter((e) => e.layer === 'eio' && e.meta?.eio?.transport === transport && e.type.startsWith('eio-'))
      .map((e) => signature(e, all));
  return {
    polling: eio('polling'),
    websocket: eio('websocket'),
    sio: events.filter((e) => e.layer === 'sio').map((e) => signature(e, all)),
  };
}

async function imported(result: ReturnType<typeof importHar>): Promise<ImportedSession> {
  const outcome = await result;
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`);
  return outcome.session;
}

describe('export then import: the same session comes back (issue 10)', function () {
  this.timeout(30_000);
  const fixture = useSessions();

  it('WebSocket, HAR: the handshake, every message (text and binary, in order) and the close', async () => {
    await withWsServer(async (server) => {
      const live = await recordWebSocket(fixture, server);
      const { text } = await harOf(live, { sanitize: false });
      const session = await imported(importHar(text, { logFactory: memoryLog }));
      assert.equal(session.info.kind, 'websocket');
      assert.equal(session.info.state, 'closed');
      assert.equal(session.info.url, live.info.url, 'the URL from the file');
      const messages = (events: LogEvent[]): unknown[] =>
        events
          .filter((e) => e.layer === 'ws' && e.type === 'message')
          .map((e) => [e.direction, e.meta?.frame?.opcode, e.payload?.kind, payloadText(e)]);
      assert.deepEqual(messages(allEvents(session)), messages(allEvents(live)));
      const request = allEvents(session).find((e) => e.type === 'handshake-request')!;
      const liveRequest = allEvents(live).find((e) => e.type === 'handshake-request')!;
      assert.deepEqual(request.meta?.request?.headers, liveRequest.meta?.request?.headers);
      assert.equal(allEvents(session).find((e) => e.type === 'handshake-response')?.meta?.response?.status, 101);
      assert.equal(session.info.messagesIn, 2);
      assert.equal(session.info.messagesOut, 2);
      const refused = session.send({ kind: 'text', text: 'again' });
      assert.ok(
        !refused.ok && /imported from a HAR file/.test(refused.error.message),
        'sending is refused with a reason',
      );
      assert.equal(await session.start(), 'closed');
    });
  });

  for (const server of ['socket.io@4.8.4', 'socket.io@2.5.1'] as const) {
    it(`${server}, HAR: the Engine.IO and Socket.IO rows decode again exactly as the live ones did`, async () => {
      const live = await recordSocketIo(fixture, server);
      const { text } = await harOf(live, { sanitize: false });
      const session = await imported(importHar(text, { logFactory: memoryLog }));
      assert.equal(session.info.kind, 'socketio');
      assert.equal(session.info.sid, live.info.sid);
      assert.equal(session.info.upgrade, 'upgraded');
      const before = decodedLayers(allEvents(live));
      const after = decodedLayers(allEvents(session));
      const binaryEvent = (s: string): boolean => s.includes('sio-binary-event') && s.includes('welcome');
      assert.ok(before.sio.some(binaryEvent), 'the live session has a binary event');
      assert.ok(
        before.sio.some((s) => s.includes('ack-of:echo')),
        'and an ack matched to its emit',
      );
      assert.ok(
        before.websocket.some((s) => s.endsWith('|true')),
        'and the probe',
      );
      assert.deepEqual(after.polling, before.polling, 'Engine.IO over polling');
      assert.deepEqual(after.websocket, before.websocket, 'Engine.IO over the WebSocket');
      assert.deepEqual(after.sio, before.sio, 'Socket.IO: events, acks, attachments');
    });
  }

  it('Socket.IO, HAR exported again from the imported session: the same HAR entries', async () => {
    const live = await recordSocketIo(fixture);
    const first = await harOf(live, { sanitize: false });
    const session = await imported(importHar(first.text, { logFactory: memoryLog }));
    const second = await harOf(session, { sanitize: false });
    const shape = (entries: typeof first.log.entries): unknown[] =>
      entries.map((e) => [
        e.request.method,
        e.request.url,
        e.request.postData?.text,
        e.response.status,
        e.response.content.text,
        e._webSocketMessages?.map((m) => [m.type, m.opcode, m.data]),
      ]);
    const sorted = (list: unknown[]): string[] => list.map((x) => JSON.stringify(x)).sort();
    assert.deepEqual(sorted(shape(second.log.entries)), sorted(shape(first.log.entries)));
  });

  it('Server-Sent Events, HAR: the same events (ids, names, data) at the same times', async () => {
    const server = await startSseServer();
    try {
      const live = fixture.session({ kind: 'sse', url: `${server.url}/ticker?count=4&ms=5` });
      await live.start();
      await waitForEvent(live, (e) => e.type === 'reconnecting', 5000);
      await live.close();
      const session = await imported(importHar((await harOf(live)).text, { logFactory: memoryLog }));
      assert.equal(session.info.kind, 'sse');
      const rows = (events: LogEvent[]): unknown[] =>
        events
          .filter((e) => e.type === 'sse-event')
          .map((e) => [e.time, e.meta?.sse?.id, e.meta?.sse?.event, payloadText(e)]);
      assert.equal(rows(allEvents(live)).length, 4);
      assert.deepEqual(rows(allEvents(session)), rows(allEvents(live)));
    } finally {
      await server.close();
    }
  });

  it('long-polling, HAR: one request and one response row per exchange, bodies and hold times kept', async () => {
    const server = await startPollServer({ holdMs: 40 });
    try {
      const live = fixture.session({ kind: 'longpoll', url: `${server.origin}/chat/poll` });
      await live.start();
      server.post('hi');
      await waitForEvent(live, (e) => e.type === 'poll-response' && payloadText(e).includes('"hi"'), 5000);
      await live.close();
      const session = await imported(importHar((await harOf(live)).text, { logFactory: memoryLog }));
      assert.equal(session.info.kind, 'longpoll');
      const answered = (events: LogEvent[]): unknown[] =>
        events.filter((e) => e.type === 'poll-response').map((e) => [payloadText(e), e.meta?.response?.status]);
      assert.deepEqual(answered(allEvents(session)), answered(allEvents(live)));
      const response = allEvents(session).find((e) => e.type === 'poll-response')!;
      assert.equal(
        allEvents(session)[response.parent! - 1].type,
        'poll-request',
        'each response is its request’s child',
      );
      assert.ok(response.meta?.poll?.holdMs !== undefined && response.meta.poll.firstByteMs !== undefined);
    } finally {
      await server.close();
    }
  });

  for (const kind of ['WebSocket', 'Socket.IO'] as const) {
    it(`${kind}, JSON Lines: every event comes back as it was logged`, async () => {
      const live =
        kind === 'WebSocket'
          ? await withWsServer((server) => recordWebSocket(fixture, server))
          : await recordSocketIo(fixture);
      const text = await jsonlOf(live, { sanitize: false });
      // Into the log the host uses: every field must survive its record codec too.
      const outcome = await importJsonl(text, { logFactory: () => new SpillingEventLog() });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
      const session = outcome.session;
      assert.equal(session.log.count, live.log.count);
      assert.deepEqual(allEvents(session).map(eventLine), allEvents(live).map(eventLine));
      const binary = allEvents(session).find((e) => e.payload?.kind === 'binary');
      assert.ok(
        binary?.payload?.kind === 'binary' && binary.payload.bytes instanceof Uint8Array,
        'bytes come back as bytes',
      );
      assert.deepEqual(
        {
          kind: session.info.kind,
          url: session.info.url,
          messagesIn: session.info.messagesIn,
          startedAt: session.info.startedAt,
        },
        { kind: live.info.kind, url: live.info.url, messagesIn: live.info.messagesIn, startedAt: live.info.startedAt },
      );
      assert.ok(session.offline);
    });
  }
});
