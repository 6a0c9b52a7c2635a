/**
 * HARs written by other tools (test/fixtures/har, each written after the tool's own HAR code — see its
 * README) import as offline sessions: Chrome DevTools (Socket.IO over polling then WebSocket, with
 * `_webSocketMessages`; an EventSource), Firefox (no WebSocket messages: the polling part decodes, the rest is
 * named), HTTP Toolkit (`_webSocketClose`), mitmproxy (`connect: null`, an https URL for the WebSocket). Entries
 * that are not part of the conversation are named in a warning row. Every row can be shown by the panel.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { importHar } from '../../../../src/core/exchange/harImport';
import type { ImportedSession } from '../../../../src/core/exchange/importedSession';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { projectDetails, projectRow } from '../../../../src/core/view/eventProjection';
import { allEvents, memoryLog } from './exchangeFixture';

const FIXTURES = path.join(__dirname, '../../../fixtures/har');

async function importFixture(
  name: string,
): Promise<{ session: ImportedSession; rows: LogEvent[]; warnings: string[] }> {
  const outcome = await importHar(readFileSync(path.join(FIXTURES, name)), { logFactory: memoryLog });
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`);
  const rows = allEvents(outcome.session);
  // The panel shows every row, details included, without throwing.
  for (const row of rows) {
    assert.equal(projectRow(row, rows[0].mono, NO_REDACTION).seq, row.seq);
    assert.ok(projectDetails(row, rows[0].mono, NO_REDACTION));
  }
  return { session: outcome.session, rows, warnings: outcome.warnings };
}

const ofType = (rows: LogEvent[], type: string, direction?: string): LogEvent[] =>
  rows.filter((e) => e.type === type && (direction === undefined || e.direction === direction));
const text = (e: LogEvent | undefined): string | undefined =>
  e?.payload?.kind === 'text' ? e.payload.text : undefined;

describe('HAR import from other tools (issue 10)', () => {
  it('Chrome DevTools, Socket.IO: polling, upgrade, events, an ack, a binary attachment decode as live', async () => {
    const { session, rows, warnings } = await importFixture('chrome-socketio.har');
    assert.equal(session.info.kind, 'socketio');
    assert.equal(session.info.url, 'https://chat.example.com/socket.io/');
    assert.equal(session.info.sid, 'lv_VI97HAXpY6yYWAAAC');
    assert.equal(session.info.pingInterval, 25000);
    assert.equal(session.info.upgrade, 'upgraded');
    assert.equal(session.importedFrom.creator, 'WebInspector 537.36');
    assert.deepEqual(warnings, [
      'Skipped 1 entry that is not part of the Socket.IO conversation: #5 GET https://chat.example.com/app.js (200).',
    ]);
    assert.equal(ofType(rows, 'import-warning')[0].meta?.warning, warnings[0], 'the warning is a row of the log');
    assert.equal(ofType(rows, 'eio-open').length, 1);
    const post = ofType(rows, 'poll-request').find((e) => e.meta?.request?.method === 'POST')!;
    assert.deepEqual(
      post.meta?.eio?.carries?.map((seq) => rows[seq - 1].type),
      ['eio-message'],
      'the POST carries CONNECT',
    );
    assert.equal(text(ofType(rows, 'sio-connect', 'in')[0]), '{"sid":"ZzH4vGqzAxs0y6aBAAAD"}');
    assert.ok(
      ofType(rows, 'eio-ping', 'out').some((e) => e.meta?.eio?.probe),
      '2probe',
    );
    assert.ok(
      ofType(rows, 'eio-pong', 'in').some((e) => e.meta?.eio?.probe),
      '3probe',
    );
    assert.equal(ofType(rows, 'eio-upgrade', 'out').length, 1);
    const emit = ofType(rows, 'sio-event', 'out').find((e) => e.meta?.sio?.event === 'ask')!;
    assert.equal(emit.meta?.sio?.ackId, 1);
    const ack = ofType(rows, 'sio-ack', 'in')[0];
    assert.equal(ack.meta?.sio?.ackOf, emit.seq, 'the ack is matched to its emit');
    assert.equal(ack.meta?.durationMs, 20, 'with the round trip from the message times');
    const file = ofType(rows, 'sio-binary-event', 'in')[0];
    assert.equal(file.meta?.sio?.event, 'file');
    const [attachment] = file.meta!.sio!.attachmentSeqs!;
    const bytes = rows[attachment - 1].payload;
    assert.ok(
      bytes?.kind === 'binary' && Buffer.from(bytes.bytes).equals(Buffer.from([1, 2, 3])),
      'attachment regrouped',
    );
    assert.ok(ofType(rows, 'eio-ping', 'in').some((e) => e.meta?.eio?.transport === 'websocket' && !e.meta.eio.probe));
    assert.ok(
      rows.every((e, i) => i === 0 || e.mono >= rows[i - 1].mono),
      'rows in the order things happened',
    );
  });

  it('Chrome DevTools, EventSource: the stream text becomes the live rows (comment, retry, events)', async () => {
    const { session, rows, warnings } = await importFixture('chrome-sse.har');
    assert.equal(session.info.kind, 'sse');
    assert.equal(session.info.messagesIn, 3);
    assert.match(warnings[0], /Skipped 1 entry .* #0 GET https:\/\/quotes\.example\.com\/api\/symbols/);
    assert.deepEqual(
      rows
        .filter((e) => e.layer === 'sse' && e.direction === 'in')
        .map((e) => [e.type, text(e) ?? '', e.meta?.sse?.id, e.meta?.sse?.event]),
      [
        ['sse-comment', 'welcome', undefined, undefined],
        ['sse-retry', '', undefined, undefined],
        ['sse-event', '{"sym":"ABC","px":10.5}', '1', 'price'],
        ['sse-event', 'line one\nline two', '2', undefined],
        ['sse-event', '{"sym":"ABC","px":10.75}', '3', 'price'],
      ],
    );
    assert.equal(ofType(rows, 'sse-retry')[0].meta?.sse?.retryMs, 5000);
    const response = ofType(rows, 'handshake-response')[0];
    assert.equal(response.payload, undefined, 'the stream is in the rows, not again as the response body');
  });

  it('Firefox, Socket.IO: the polling exchanges decode; the WebSocket without messages is named', async () => {
    const { session, rows, warnings } = await importFixture('firefox-socketio.har');
    assert.equal(session.info.kind, 'socketio');
    assert.equal(session.importedFrom.creator, 'Firefox 125.0.3');
    assert.deepEqual(warnings, [
      'log.entries[3] is a WebSocket without messages: the tool that wrote the file did not save them.',
    ]);
    const connect = ofType(rows, 'sio-connect', 'out')[0];
    assert.equal(connect.meta?.sio?.namespace, '/admin');
    assert.equal(text(connect), '{"token":"abc123"}', 'the auth payload of the CONNECT');
    const joined = ofType(rows, 'sio-connect', 'in')[0];
    assert.equal(
      joined.meta?.note,
      'Joined /admin as Ad9_kkP0aXbOAAAC',
      'the answer matched to the namespace asked for',
    );
    const news = ofType(rows, 'sio-event', 'in')[0];
    assert.deepEqual(
      [news.meta?.sio?.namespace, news.meta?.sio?.event, text(news)],
      ['/admin', 'news', '["news",{"id":7}]'],
    );
    assert.equal(ofType(rows, 'handshake-response')[0].meta?.response?.status, 101);
    assert.equal(ofType(rows, 'eio-noop').length, 1);
    assert.equal(rows[2].time, Date.parse('2024-05-02T12:15:30.010+02:00'), 'dates with a zone offset');
  });

  it('HTTP Toolkit, WebSocket: messages both ways, binary as bytes, and how it closed', async () => {
    const { session, rows, warnings } = await importFixture('httptoolkit-websocket.har');
    assert.equal(session.info.kind, 'websocket');
    assert.equal(session.info.url, 'wss://stream.example.com/v1/feed');
    assert.match(warnings[0], /#0 GET https:\/\/app\.example\.com\/config\.json \(200\)/);
    const messages = ofType(rows, 'message');
    assert.deepEqual(
      messages.map((e) => [e.direction, e.meta?.frame?.opcode]),
      [
        ['out', 1],
        ['in', 1],
        ['in', 1],
        ['in', 2],
        ['out', 1],
      ],
    );
    const binary = messages[3].payload;
    assert.ok(binary?.kind === 'binary');
    assert.equal(Buffer.from(binary.bytes).toString('hex'), '000102030405ff');
    assert.equal(messages[0].time, Date.parse('2024-05-02T10:15:30.300Z'), 'epoch seconds → ms');
    const closed = ofType(rows, 'closed')[0];
    assert.deepEqual(closed.meta?.close, { localCode: 1000, localReason: 'bye' });
    assert.equal(closed.seq, rows.length, 'the close comes last');
  });

  it('mitmproxy, WebSocket: an https URL with a 101, timings with null, microsecond dates', async () => {
    const { session, rows } = await importFixture('mitmproxy-websocket.har');
    assert.equal(session.info.kind, 'websocket');
    assert.equal(session.info.url, 'https://echo.example.com/ws');
    assert.equal(session.importedFrom.creator, 'mitmproxy exporthar 0.1');
    const messages = ofType(rows, 'message');
    assert.deepEqual(
      messages.map((e) => [
        e.direction,
        e.payload?.kind === 'binary' ? Buffer.from(e.payload.bytes).toString('hex') : text(e),
      ]),
      [
        ['out', 'hello'],
        ['in', 'hello'],
        ['out', 'deadbeef'],
        ['in', 'deadbeef'],
      ],
    );
    const request = ofType(rows, 'handshake-request')[0];
    assert.equal(request.time, Date.parse('2024-05-02T10:15:30.123Z'));
    const response = ofType(rows, 'handshake-response')[0];
    assert.equal(
      response.meta?.durationMs,
      12.5 + 0.2 + 9.8,
      'connect, send and wait up to the 101 (ssl is inside connect)',
    );
    assert.equal(response.payload, undefined, 'an empty body is no payload');
  });
});

describe('HAR import order within a millisecond (issue 10)', () => {
  it('plays an answer before a request sent in its millisecond (the Engine.IO open, then the CONNECT)', async () => {
    const har = JSON.parse(readFileSync(path.join(FIXTURES, 'chrome-socketio.har'), 'utf8')) as {
      log: { entries: Array<{ startedDateTime: string; time: number; timings: Record<string, number> }> };
    };
    const [open, connect] = har.log.entries;
    // The open's answer lands 0.4 ms into the millisecond the CONNECT was posted in (HAR times are whole ms).
    open.time = Date.parse(connect.startedDateTime) - Date.parse(open.startedDateTime) + 0.4;
    open.timings = { blocked: 0, dns: -1, connect: -1, ssl: -1, send: 0, wait: open.time, receive: 0 };
    const outcome = await importHar(JSON.stringify(har), { logFactory: memoryLog });
    assert.ok(outcome.ok);
    const rows = allEvents(outcome.session);
    const opened = rows.findIndex((e) => e.type === 'eio-open');
    const connected = rows.findIndex((e) => e.type === 'eio-message' && e.direction === 'out' && text(e) === '0');
    assert.ok(opened >= 0 && connected >= 0, rows.map((e) => e.type).join());
    assert.ok(opened < connected, `the open (#${opened}) before the CONNECT's Engine.IO message (#${connected})`);
  });
});
