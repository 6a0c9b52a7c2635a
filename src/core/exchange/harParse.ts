/**
 * Reads the JSON of a HAR file into entries the importer can use (harEntryModel.ts). What HAR 1.2 requires
 * and the importer needs — a `log` with a version it reads, `entries`, each with a request (method, URL), a
 * response (status) and a start time — is checked, and a file without it gets an error naming the entry; what
 * tools disagree on (timings as null, `content: {}`, a missing `headersSize`, dates with a zone offset) is taken
 * as it comes, the way Chrome's own importer takes it.
 */
import { entryPlace, ExchangeError, ExchangeErrorCode, malformed } from './exchangeErrors';
import type { ModelEntry } from './harEntryModel';
import { readBody, readHeaders, readSseMessages, readWsClose, readWsMessages } from './harParseParts';
import type { HarCreator } from './harTypes';

const VERSIONS = new Set(['1.1', '1.2']);

export interface ParsedHar {
  version: string;
  creator?: HarCreator;
  entries: ModelEntry[];
  /** `log._realtimeInspector` when the file is one of ours. */
  facts?: { session?: unknown };
}

type Json = Record<string, unknown>;

/** The entries of a HAR's parsed JSON, or a positioned error. */
export function parseHar(root: unknown): ParsedHar {
  if (!isObject(root) || !isObject(root.log)) throw malformed('This is not a HAR file: it has no "log" object.');
  const log = root.log;
  if (typeof log.version !== 'string' || !VERSIONS.has(log.version)) {
    const version = log.version === undefined ? 'is missing' : `${JSON.stringify(log.version)} is not supported`;
    throw new ExchangeError(ExchangeErrorCode.ImportUnsupported, `HAR version ${version}: HAR 1.1 and 1.2 are.`);
  }
  if (!Array.isArray(log.entries)) throw malformed('The HAR has no "log.entries" list.');
  const entries = log.entries.map((entry, index) => parseEntry(entry, index));
  const creator = isObject(log.creator)
    ? { name: String(log.creator.name), version: String(log.creator.version) }
    : undefined;
  const facts = isObject(log._realtimeInspector) ? { session: log._realtimeInspector.session } : undefined;
  return { version: log.version, creator, entries, facts };
}

function parseEntry(value: unknown, index: number): ModelEntry {
  const place = entryPlace(index);
  const fail = (what: string): ExchangeError => malformed(`${place} ${what}.`, { entry: index });
  if (!isObject(value)) throw fail('is not an object');
  const { request, response } = value;
  if (!isObject(request)) throw fail('has no request');
  if (!isObject(response)) throw fail('has no response');
  if (typeof request.method !== 'string' || request.method === '') throw fail('has no request.method');
  if (typeof request.url !== 'string' || request.url === '') throw fail('has no request.url');
  const status = Number(response.status);
  if (!Number.isFinite(status)) throw fail(`has a response.status that is not a number (${String(response.status)})`);
  const start = Date.parse(String(value.startedDateTime));
  if (Number.isNaN(start)) throw fail(`has a startedDateTime that is not a date (${String(value.startedDateTime)})`);
  const timing = readTimings(value.timings);
  const skippedMessages: string[] = [];
  const entry: ModelEntry = {
    index,
    start,
    duration: nonNegative(value.time) ?? timing.total,
    firstByte: timing.firstByte,
    timings: timing.parts,
    resourceType: typeof value._resourceType === 'string' ? value._resourceType : undefined,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: String(request.httpVersion ?? ''),
      headers: readHeaders(request.headers),
      body: readBody(request.postData, isObject(request._content) ? request._content : undefined),
    },
    response: parseResponse(response, status),
    skippedMessages,
    wsMessages: readWsMessages(value._webSocketMessages, skippedMessages),
    wsClose: readWsClose(value._webSocketClose),
    sseMessages: readSseMessages(value._eventSourceMessages),
  };
  return entry;
}

function parseResponse(response: Json, status: number): ModelEntry['response'] {
  const content = isObject(response.content) ? response.content : {};
  const error = typeof response._error === 'string' && response._error !== '' ? response._error : undefined;
  return {
    status,
    statusText: String(response.statusText ?? ''),
    httpVersion: String(response.httpVersion ?? ''),
    headers: readHeaders(response.headers),
    body: readBody(content),
    mimeType: typeof content.mimeType === 'string' ? content.mimeType : '',
    error,
  };
}

/** The timings that are there (-1 and null are "not known"), the whole duration, and the time to first byte. */
function readTimings(value: unknown): { parts: ModelEntry['timings']; total: number; firstByte?: number } {
  const t = isObject(value) ? value : {};
  const parts = { dns: nonNegative(t.dns), connect: nonNegative(t.connect), ssl: nonNegative(t.ssl) };
  const before = ['blocked', 'dns', 'connect', 'send', 'wait'].map((k) => nonNegative(t[k]) ?? 0);
  const firstByte = before.reduce((sum, ms) => sum + ms, 0);
  const total = firstByte + (nonNegative(t.receive) ?? 0);
  return { parts, total, firstByte: nonNegative(t.wait) === undefined ? undefined : firstByte };
}

function nonNegative(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
