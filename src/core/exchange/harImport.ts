/**
 * Imports a HAR — ours, or one saved by Chrome DevTools, Firefox, HTTP Toolkit or mitmproxy — as an offline
 * session (issue 10). The file is read whole up to a cap (a HAR is one JSON value), checked (harParse.ts), its
 * realtime conversation picked (harConversation.ts) and played into a fresh log (harReplay.ts) with the same
 * layer decoders as a live session. Entries and messages left out are named in warning rows at the top of the
 * log. Any problem is an error saying where; the log is then disposed: a session or an error, never half one.
 */
import type { ConnectionKind } from '../connection/connectionKinds';
import { kindLabel } from '../connection/connectionKinds';
import type { EventLog } from '../events/eventLog';
import type { Layer } from '../events/logEvent';
import { ExchangeError, ExchangeErrorCode, entryPlace } from './exchangeErrors';
import { pickConversation, parseUrl, type Conversation } from './harConversation';
import { parseHar, type ParsedHar } from './harParse';
import { HarReplay } from './harReplay';
import { ImportCounter } from './importCounter';
import { emptyInfo, mergeInfo } from './importedInfo';
import { ImportedSession } from './importedSession';
import { DEFAULT_MAX_HAR_BYTES, parseJson, readWhole, type ImportInput } from './importInput';
import { DEFAULT_MAX_STORED_PAYLOAD, failedImport, type ImportOptions, type ImportResult } from './importOptions';

const LAYER_OF_KIND: Record<ConnectionKind, Layer> = {
  websocket: 'ws',
  socketio: 'eio',
  engineio: 'eio',
  sse: 'sse',
  longpoll: 'poll',
  shortpoll: 'poll',
};

/** Engine.IO's own query parameters, left out of the session's URL. */
const EIO_PARAMS = ['EIO', 'transport', 'sid', 't', 'b64', 'j'];

/** Reads a HAR into a new ImportedSession. Resolves with the session or the error; never rejects. */
export async function importHar(input: ImportInput, options: ImportOptions): Promise<ImportResult> {
  let counter: ImportCounter | undefined;
  let log: EventLog | undefined;
  try {
    const text = await readWhole(input, options.maxBytes ?? DEFAULT_MAX_HAR_BYTES, options.signal);
    const har = parseHar(parseJson(text, 'The HAR file'));
    const conversation = pickConversation(har.entries, factsField(har, 'kind'));
    if (conversation.entries.length === 0) throw empty(har);
    log = options.logFactory();
    counter = new ImportCounter(log, conversation.kind);
    const maxStoredPayloadBytes = options.maxStoredPayloadBytes ?? DEFAULT_MAX_STORED_PAYLOAD;
    const replay = new HarReplay(log, conversation, { ...options, maxStoredPayloadBytes });
    const warnings = noteImport(replay, har, conversation);
    await replay.run();
    const counted = counter.info(emptyInfo(conversation.kind, sessionUrl(conversation), replay.origin));
    const info = mergeInfo(counted, har.facts?.session);
    info.namespaces = replay.namespaces();
    info.closeSummary ??= `Imported from a HAR file${creatorText(har)}.`;
    const session = new ImportedSession(info, log, { format: 'har', creator: creatorName(har) });
    return { ok: true, session, warnings };
  } catch (error) {
    log?.dispose();
    return failedImport(error);
  } finally {
    counter?.dispose();
  }
}

/** The first rows: where the session came from, then what was left out. Returns the warnings. */
function noteImport(replay: HarReplay, har: ParsedHar, conversation: Conversation): string[] {
  const layer = LAYER_OF_KIND[conversation.kind];
  const time = replay.origin;
  const count = `${conversation.entries.length} of ${har.entries.length} entries`;
  const note = `Imported from a HAR ${har.version} file${creatorText(har)}: ${count}, ${kindLabel(conversation.kind)}.`;
  replay.append({ time, direction: 'local', layer, type: 'imported', size: 0, meta: { note } });
  const warnings = [conversation.skipped, ...messageWarnings(conversation)].filter((w): w is string => !!w);
  for (const warning of warnings)
    replay.append({ time, direction: 'local', layer, type: 'import-warning', size: 0, meta: { warning } });
  return warnings;
}

/** What was left out of each entry: messages of kinds the log has no row for, a WebSocket without messages. */
function messageWarnings(conversation: Conversation): string[] {
  const warnings: string[] = [];
  for (const { entry, role } of conversation.entries) {
    const place = entryPlace(entry.index);
    if (entry.skippedMessages.length > 0) {
      const kinds = [...new Set(entry.skippedMessages)].join(', ');
      warnings.push(`Skipped ${entry.skippedMessages.length} WebSocket message(s) of ${place}: ${kinds}.`);
    }
    const webSocket = role === 'websocket' || role === 'eio-websocket';
    if (webSocket && entry.response.status === 101 && entry.wsMessages === undefined)
      warnings.push(`${place} is a WebSocket without messages: the tool that wrote the file did not save them.`);
  }
  return warnings;
}

/** The session's URL: the first entry's, without Engine.IO's own query parameters. */
function sessionUrl(conversation: Conversation): string {
  const first = conversation.entries[0].entry.request.url;
  if (conversation.kind !== 'socketio' && conversation.kind !== 'engineio') return first;
  const url = parseUrl(first);
  if (!url) return first;
  for (const name of EIO_PARAMS) url.searchParams.delete(name);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') url.protocol = url.protocol === 'ws:' ? 'http:' : 'https:';
  return url.toString();
}

function factsField(har: ParsedHar, name: string): unknown {
  const session = har.facts?.session;
  return session !== null && typeof session === 'object' ? (session as Record<string, unknown>)[name] : undefined;
}

/** `Chrome 120`, `mitmproxy exporthar 0.1`: the tool that wrote the file, when it says. */
function creatorName(har: ParsedHar): string | undefined {
  const creator = har.creator;
  if (!creator || creator.name === 'undefined' || creator.name === '') return undefined;
  return creator.version && creator.version !== 'undefined' ? `${creator.name} ${creator.version}` : creator.name;
}

/** ` by Chrome 120` — or nothing when the file does not say. */
function creatorText(har: ParsedHar): string {
  const name = creatorName(har);
  return name ? ` by ${name}` : '';
}

function empty(har: ParsedHar): ExchangeError {
  const message =
    har.entries.length === 0
      ? 'The HAR holds no entries.'
      : `None of the ${har.entries.length} entries of the HAR is a request the inspector can show.`;
  return new ExchangeError(ExchangeErrorCode.ImportEmpty, message);
}
