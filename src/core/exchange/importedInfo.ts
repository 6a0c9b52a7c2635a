/**
 * The facts of an imported session (its header): what the file says of the session when it is one of ours —
 * each field taken only with the type the header expects — over what the importer counted itself.
 */
import { CONNECTION_KIND_LABELS, type ConnectionKind } from '../connection/connectionKinds';
import type { SessionInfo } from '../session/session';

type InfoCheck = 'string' | 'number';

/** The fields of SessionInfo taken from a file, and their types (namespaces are left out: they were live state). */
const FIELDS: Record<string, InfoCheck> = {
  url: 'string',
  startedAt: 'number',
  openedAt: 'number',
  closedAt: 'number',
  handshakeMs: 'number',
  subprotocol: 'string',
  extensions: 'string',
  messagesIn: 'number',
  messagesOut: 'number',
  bytesIn: 'number',
  bytesOut: 'number',
  closeSummary: 'string',
  via: 'string',
  sid: 'string',
  protocol: 'string',
  pingInterval: 'number',
  pingTimeout: 'number',
};

const TRANSPORTS = new Set(['polling', 'websocket']);
const UPGRADES = new Set(['none', 'probing', 'paused', 'upgraded', 'failed']);

/** Whether `kind` is a session kind this version knows. */
export function isSessionKind(kind: unknown): kind is ConnectionKind {
  return typeof kind === 'string' && Object.hasOwn(CONNECTION_KIND_LABELS, kind);
}

/** `counted`, with the fields of `facts` (a file's session record) that have the right type laid over it. */
export function mergeInfo(counted: SessionInfo, facts: unknown): SessionInfo {
  if (facts === null || typeof facts !== 'object') return counted;
  const record = facts as Record<string, unknown>;
  const info: SessionInfo = { ...counted };
  const target = info as unknown as Record<string, unknown>;
  for (const [key, type] of Object.entries(FIELDS)) {
    const value = record[key];
    if (typeof value === type && (type !== 'number' || Number.isFinite(value))) target[key] = value;
  }
  if (isSessionKind(record.kind)) info.kind = record.kind;
  if (TRANSPORTS.has(record.transport as string)) info.transport = record.transport as SessionInfo['transport'];
  if (UPGRADES.has(record.upgrade as string)) info.upgrade = record.upgrade as SessionInfo['upgrade'];
  info.state = 'closed';
  return info;
}

/** A session record with nothing counted yet. */
export function emptyInfo(kind: ConnectionKind, url: string, startedAt: number): SessionInfo {
  return { state: 'closed', kind, url, startedAt, messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };
}
