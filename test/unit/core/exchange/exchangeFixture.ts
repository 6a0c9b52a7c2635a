/**
 * Set-up for the export/import tests: real sessions recorded against the fixture servers (a WebSocket echo,
 * Socket.IO 4 polling then WebSocket with a binary event and acks, SSE, long-polling), exports into strings,
 * and the structure Chrome DevTools' HAR importer requires (devtools-frontend `models/har/HARFormat.ts`: the
 * fields it reads with `safeNumber`/`safeDate`, which throw) checked field by field.
 */
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { StringSink } from '../../../../src/core/exchange/exportSink';
import { exportHar, type HarExportOptions } from '../../../../src/core/exchange/harExport';
import type { ExportSource } from '../../../../src/core/exchange/exportOptions';
import type { HarEntry, HarLog } from '../../../../src/core/exchange/harTypes';
import { exportJsonl } from '../../../../src/core/exchange/jsonlExport';
import type { Session } from '../../../../src/core/session/session';
import type { SocketIoServerKind } from '../../../fixtures/servers/socketIoServers';
import { startWsServer, type WsServer } from '../../../fixtures/servers/wsServer';
import { events, waitForEvent, type SessionFixture } from '../../support/sessions';
import { startSocketIoEcho } from '../../support/socketIoEcho';

export const DEADLINE_MS = 8000;

/** A fresh in-memory log, as the importer's logFactory. */
export const memoryLog = (): MemoryEventLog => new MemoryEventLog();

/** A WebSocket session against the echo server: a text and a binary message echoed, then a normal close. */
export async function recordWebSocket(fixture: SessionFixture, server: WsServer): Promise<Session> {
  const session = fixture.session({ kind: 'websocket', url: `${server.url}/echo?room=7` });
  assert.equal(await session.start(), 'open');
  assert.ok(session.send({ kind: 'text', text: 'hello ✓' }).ok);
  assert.ok(session.send({ kind: 'binary', encoding: 'hex', data: '00 01 fe ff' }).ok);
  await waitForEvent(session, (e) => e.direction === 'in' && e.payload?.kind === 'binary', DEADLINE_MS);
  await session.close();
  return session;
}

/**
 * A Socket.IO session (4.8.4 unless told), polling then WebSocket: the server's welcome (a binary event), an emit
 * with a binary argument whose ack comes back, and a heartbeat over the WebSocket.
 */
export async function recordSocketIo(
  fixture: SessionFixture,
  kind: SocketIoServerKind = 'socket.io@4.8.4',
): Promise<Session> {
  const session = await startSocketIoEcho(fixture, kind, DEADLINE_MS);
  await waitForEvent(session, (e) => e.type === 'eio-ping' && e.meta?.eio?.transport === 'websocket', DEADLINE_MS);
  await session.close();
  return session;
}

export async function withWsServer<T>(run: (server: WsServer) => Promise<T>): Promise<T> {
  const server = await startWsServer();
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** The session exported as HAR, parsed. */
export async function harOf(
  source: ExportSource,
  options: HarExportOptions = {},
): Promise<{ text: string; log: HarLog }> {
  const sink = new StringSink();
  const outcome = await exportHar(source, sink, options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  const text = sink.text();
  return { text, log: (JSON.parse(text) as { log: HarLog }).log };
}

/** The session exported as JSON Lines. */
export async function jsonlOf(source: ExportSource, options: HarExportOptions = {}): Promise<string> {
  const sink = new StringSink();
  const outcome = await exportJsonl(source, sink, options);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return sink.text();
}

/** Every event of a session or log. */
export function allEvents(source: { log: { count: number; page(from: number, n: number): LogEvent[] } }): LogEvent[] {
  return source.log.page(1, source.log.count);
}

export { events };

const isNumber = (value: unknown): boolean => typeof value === 'number' && !Number.isNaN(Number(value));
const isDate = (value: unknown): boolean => typeof value === 'string' && !Number.isNaN(new Date(value).getTime());

/** What Chrome's HAR importer requires of a log (it throws on a missing number or date). */
export function assertChromeReadable(log: HarLog): void {
  assert.equal(log.version, '1.2');
  assert.equal(typeof log.creator.name, 'string');
  assert.equal(typeof log.creator.version, 'string');
  assert.ok(Array.isArray(log.entries));
  for (const page of log.pages ?? []) {
    assert.ok(isDate(page.startedDateTime), 'page.startedDateTime is a date');
    assert.equal(typeof page.id, 'string');
    assert.equal(typeof page.pageTimings, 'object');
  }
  log.entries.forEach((entry, i) => assertChromeEntry(entry, i));
}

function assertChromeEntry(entry: HarEntry, i: number): void {
  const at = `entries[${i}]`;
  assert.ok(isDate(entry.startedDateTime), `${at}.startedDateTime`);
  assert.ok(isNumber(entry.time) && entry.time >= 0, `${at}.time`);
  const { request, response, timings } = entry;
  for (const key of ['method', 'url', 'httpVersion'] as const)
    assert.equal(typeof request[key], 'string', `${at}.request.${key}`);
  assert.match(request.httpVersion, /^HTTP\/\d/, `${at}.request.httpVersion as Chrome writes it`);
  for (const key of ['headersSize', 'bodySize'] as const) assert.ok(isNumber(request[key]), `${at}.request.${key}`);
  for (const list of [request.headers, request.queryString, request.cookies, response.headers, response.cookies])
    for (const pair of list) assert.ok(typeof pair.name === 'string' && typeof pair.value === 'string', `${at} pairs`);
  assert.ok(isNumber(response.status), `${at}.response.status`);
  assert.equal(typeof response.statusText, 'string');
  assert.equal(typeof response.httpVersion, 'string');
  assert.equal(typeof response.redirectURL, 'string');
  for (const key of ['headersSize', 'bodySize'] as const) assert.ok(isNumber(response[key]), `${at}.response.${key}`);
  assert.ok(isNumber(response.content.size), `${at}.response.content.size`);
  assert.equal(typeof response.content.mimeType, 'string');
  for (const key of ['send', 'wait', 'receive'] as const)
    assert.ok(isNumber(timings[key]) && timings[key] >= 0, `${at}.timings.${key} is a number ≥ 0`);
  for (const message of entry._webSocketMessages ?? []) {
    assert.ok(message.type === 'send' || message.type === 'receive', `${at} message type`);
    assert.ok(
      isNumber(message.time) && message.time > 1e9 && message.time < 1e11,
      `${at} message time in epoch seconds`,
    );
    assert.ok(message.opcode === 1 || message.opcode === 2, `${at} message opcode`);
    assert.equal(typeof message.data, 'string');
  }
}
