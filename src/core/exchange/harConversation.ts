/**
 * Which entries of a HAR make the session (a browser's HAR holds the whole page: scripts, images, XHRs): an
 * Engine.IO conversation (its polling requests and its WebSocket, by the `EIO` and `transport` query), else
 * the WebSockets, else the event streams, else every exchange as long-polling. Our own file says its kind. The
 * entries left out are named in a warning row.
 */
import type { ConnectionKind } from '../connection/connectionKinds';
import { kindLabel } from '../connection/connectionKinds';
import { looksLikeV3Payload } from '../engineio/versionHints';
import { headerValue } from '../http/headers';
import type { ModelEntry } from './harEntryModel';
import { isSessionKind } from './importedInfo';

export type EntryRole = 'eio-polling' | 'eio-websocket' | 'websocket' | 'sse' | 'http';

export interface Conversation {
  kind: ConnectionKind;
  /** The entries of the session, in file order, with their roles. */
  entries: Array<{ entry: ModelEntry; role: EntryRole }>;
  /** Engine.IO protocol version (eioVersionOf). */
  eioVersion: 3 | 4;
  /** What was left out, in words (empty when nothing was). */
  skipped?: string;
}

/** Entries named in a warning, at most. */
const NAMED_SKIPPED = 5;

/** What an entry is. */
export function entryRole(entry: ModelEntry): EntryRole {
  const url = parseUrl(entry.request.url);
  const transport = url?.searchParams.get('transport');
  if (url?.searchParams.has('EIO') && (transport === 'polling' || transport === 'websocket'))
    return transport === 'polling' ? 'eio-polling' : 'eio-websocket';
  if (isWebSocket(entry)) return 'websocket';
  if (isEventStream(entry)) return 'sse';
  return 'http';
}

/** The conversation a HAR holds; `kind` from our own file's facts when there are any. */
export function pickConversation(entries: ModelEntry[], factsKind?: unknown): Conversation {
  const roles = entries.map((entry) => ({ entry, role: entryRole(entry) }));
  const kind = isSessionKind(factsKind) ? factsKind : guessKind(roles);
  const wanted = rolesOf(kind);
  const kept = roles.filter((r) => wanted.has(r.role));
  const left = roles.filter((r) => !wanted.has(r.role));
  const conversation: Conversation = { kind, entries: kept, eioVersion: eioVersionOf(kept.map((r) => r.entry)) };
  if (left.length > 0)
    conversation.skipped = describeSkipped(
      left.map((r) => r.entry),
      kind,
    );
  return conversation;
}

/**
 * Engine.IO 3 when a request says `EIO=3`, or the first polling answer is a v3 payload (`96:0{…`: a client that
 * tried v4 first, as ours does with "auto", and was answered in v3); else 4.
 */
function eioVersionOf(entries: ModelEntry[]): 3 | 4 {
  if (entries.some((e) => parseUrl(e.request.url)?.searchParams.get('EIO') === '3')) return 3;
  const body = entries.find((e) => e.response.body !== undefined)?.response.body?.data;
  const text = typeof body === 'string' ? body : body ? Buffer.from(body).toString('utf8') : '';
  return looksLikeV3Payload(text) ? 3 : 4;
}

function guessKind(roles: Array<{ entry: ModelEntry; role: EntryRole }>): ConnectionKind {
  const eio = roles.find((r) => r.role === 'eio-polling' || r.role === 'eio-websocket');
  if (eio) return /\/socket\.io\b/.test(parseUrl(eio.entry.request.url)?.pathname ?? '') ? 'socketio' : 'engineio';
  if (roles.some((r) => r.role === 'websocket')) return 'websocket';
  if (roles.some((r) => r.role === 'sse')) return 'sse';
  return 'longpoll';
}

function rolesOf(kind: ConnectionKind): Set<EntryRole> {
  if (kind === 'socketio' || kind === 'engineio') return new Set(['eio-polling', 'eio-websocket']);
  if (kind === 'websocket') return new Set(['websocket']);
  if (kind === 'sse') return new Set(['sse']);
  return new Set(['http']);
}

function describeSkipped(left: ModelEntry[], kind: ConnectionKind): string {
  const named = left
    .slice(0, NAMED_SKIPPED)
    .map((e) => `#${e.index} ${e.request.method} ${e.request.url} (${e.response.status})`);
  const more = left.length > NAMED_SKIPPED ? `, and ${left.length - NAMED_SKIPPED} more` : '';
  const count = left.length === 1 ? '1 entry that is' : `${left.length} entries that are`;
  return `Skipped ${count} not part of the ${kindLabel(kind)} conversation: ${named.join(', ')}${more}.`;
}

function isWebSocket(entry: ModelEntry): boolean {
  return (
    entry.resourceType === 'websocket' ||
    entry.response.status === 101 ||
    entry.wsMessages !== undefined ||
    /^wss?:/i.test(entry.request.url) ||
    /websocket/i.test(headerValue(entry.request.headers, 'upgrade') ?? '')
  );
}

function isEventStream(entry: ModelEntry): boolean {
  const type = entry.response.mimeType || headerValue(entry.response.headers, 'content-type') || '';
  return entry.resourceType === 'eventsource' || /^\s*text\/event-stream/i.test(type);
}

export function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
