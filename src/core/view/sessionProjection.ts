/**
 * Session → what the panel header and the status bar show. Pure.
 */
import type { SessionInfoDto } from '../../shared/dto';
import type { SessionInfo } from '../session/session';

/** The header DTO for one session. */
export function projectSessionInfo(id: string, info: Readonly<SessionInfo>): SessionInfoDto {
  const dto: SessionInfoDto = {
    id,
    kind: info.kind,
    url: info.url,
    state: info.state,
    startedAt: info.startedAt,
    messagesIn: info.messagesIn,
    messagesOut: info.messagesOut,
    bytesIn: info.bytesIn,
    bytesOut: info.bytesOut,
  };
  if (info.subprotocol !== undefined) dto.subprotocol = info.subprotocol;
  if (info.extensions !== undefined) dto.extensions = info.extensions;
  if (info.openedAt !== undefined) dto.openedAt = info.openedAt;
  if (info.closedAt !== undefined) dto.closedAt = info.closedAt;
  if (info.handshakeMs !== undefined) dto.handshakeMs = info.handshakeMs;
  if (info.closeSummary !== undefined) dto.closeSummary = info.closeSummary;
  for (const key of ['sid', 'transport', 'protocol', 'pingInterval', 'pingTimeout', 'upgrade'] as const) {
    if (info[key] !== undefined) (dto as unknown as Record<string, unknown>)[key] = info[key];
  }
  if (info.namespaces) dto.namespaces = info.namespaces.map((n) => ({ ...n }));
  return dto;
}

/** "host:port/path" for titles and the status bar (scheme, query and credentials left out). */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}

/** The URL with any `user:password@` removed, for logs and the recent-URL list. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
