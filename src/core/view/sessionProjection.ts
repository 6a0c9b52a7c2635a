/**
 * Session → what the panel header and the status bar show. Pure.
 */
import type { ReconnectStatus } from '../reconnect/reconnectStatus';
import type { ReconnectStatusDto, SessionInfoDto, TimelineStepDto } from './viewModel';
import { kindLabel } from '../connection/connectionKinds';
import type { Redactor } from '../redaction/secretRedactor';
import { SEND_KINDS_BY_SESSION } from '../session/sendRequest';
import type { SessionInfo } from '../session/session';

/**
 * The header DTO for one session, credentials masked (URL, negotiated subprotocol, reasons). `now`: the wall clock
 * the session's reconnect times are on (the system clock outside tests), when the DTO is made.
 */
export function projectSessionInfo(
  id: string,
  info: Readonly<SessionInfo>,
  redactor: Redactor,
  now: number = Date.now(),
): SessionInfoDto {
  const dto: SessionInfoDto = {
    id,
    kind: info.kind,
    kindLabel: kindLabel(info.kind),
    url: redactor.url(info.url),
    state: info.state,
    startedAt: info.startedAt,
    messagesIn: info.messagesIn,
    messagesOut: info.messagesOut,
    bytesIn: info.bytesIn,
    bytesOut: info.bytesOut,
    sendKinds: [...SEND_KINDS_BY_SESSION[info.kind]],
  };
  if (info.subprotocol !== undefined) dto.subprotocol = redactor.text(info.subprotocol);
  if (info.extensions !== undefined) dto.extensions = info.extensions;
  if (info.openedAt !== undefined) dto.openedAt = info.openedAt;
  if (info.closedAt !== undefined) dto.closedAt = info.closedAt;
  if (info.handshakeMs !== undefined) dto.handshakeMs = info.handshakeMs;
  if (info.via !== undefined) dto.via = redactor.url(info.via);
  if (info.closeSummary !== undefined) dto.closeSummary = redactor.text(info.closeSummary);
  for (const key of ['sid', 'transport', 'protocol', 'pingInterval', 'pingTimeout', 'upgrade'] as const) {
    if (info[key] !== undefined) (dto as unknown as Record<string, unknown>)[key] = info[key];
  }
  if (info.reconnect) dto.reconnect = projectReconnect(info.reconnect, now);
  if (info.namespaces)
    dto.namespaces = info.namespaces.map((n) =>
      n.reason === undefined ? { ...n } : { ...n, reason: redactor.text(n.reason) },
    );
  return dto;
}

/**
 * The reconnect status with its instants also as durations at `now` (issue 12): the panel may run on another
 * machine whose clock differs, so it counts down from the time left, not to the host's instant.
 */
export function projectReconnect(status: Readonly<ReconnectStatus>, now: number): ReconnectStatusDto {
  const dto: ReconnectStatusDto = { ...status };
  if (status.nextAttemptAt !== undefined) dto.nextAttemptInMs = Math.max(0, status.nextAttemptAt - now);
  if (status.offlineSince !== undefined) dto.offlineForMs = Math.max(0, now - status.offlineSince);
  return dto;
}

/** Timeline steps for the header, copied (later arrows are added in place) with URLs and notes masked. */
export function projectTimeline(steps: readonly TimelineStepDto[], redactor: Redactor): TimelineStepDto[] {
  return steps.map((step) => ({
    ...step,
    arrows: step.arrows.map((arrow) => {
      const copy = { ...arrow, label: redactor.text(arrow.label) };
      if (arrow.detail !== undefined) copy.detail = redactor.text(arrow.detail);
      return copy;
    }),
  }));
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
