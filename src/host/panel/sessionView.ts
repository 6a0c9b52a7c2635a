/**
 * What the panel of one session is shown, as DTOs: rows, details, the snapshot and the header with its
 * upgrade timeline — every one of them through the session's redactor (issue #7). Owns the two things
 * the projections need to remember: where elapsed times start and the timeline built so far. No vscode.
 */
import type { LogEvent } from '../../core/events/logEvent';
import { NO_REDACTION, type Redactor } from '../../core/redaction/secretRedactor';
import type { Session } from '../../core/session/session';
import { projectDetails, projectRow } from '../../core/view/eventProjection';
import { projectSessionInfo, projectTimeline } from '../../core/view/sessionProjection';
import { addToTimeline } from '../../core/view/upgradeTimeline';
import type { EventDetailsDto, EventRowDto, SessionInfoDto, TimelineStepDto } from '../../shared/dto';
import type { HostToWebview } from '../../shared/protocol';

export class SessionView {
  private originMono: number | undefined;
  private readonly timeline: TimelineStepDto[] = [];

  constructor(
    private readonly session: Session,
    private readonly redactor: Redactor,
  ) {
    for (const event of session.log.page(1, session.log.count)) this.track(event);
  }

  /**
   * Takes in an appended event: the first one seen is the origin of elapsed times (even if the log later
   * lets it go). True when the timeline changed (the header then needs sending).
   */
  track(event: LogEvent): boolean {
    this.originMono ??= event.mono;
    if (this.session.options.kind === 'websocket') return false;
    return addToTimeline(this.timeline, event, this.origin(event));
  }

  rows(events: readonly LogEvent[]): EventRowDto[] {
    return events.map((e) => projectRow(e, this.origin(e), this.redactor));
  }

  /**
   * One event's details, masked; unmasked only when the user asked for this row ("Show secrets"). The
   * revealed values go to this one reply and nowhere else: not to the output channel, not to storage.
   */
  details(event: LogEvent, reveal: boolean): EventDetailsDto {
    if (!reveal) return projectDetails(event, this.origin(event), this.redactor);
    return { ...projectDetails(event, this.origin(event), NO_REDACTION), revealed: true };
  }

  /** The newest `limit` rows and the header, for a webview that (re)loaded. */
  snapshot(limit: number): Extract<HostToWebview, { type: 'session/snapshot' }> {
    const log = this.session.log;
    const total = log.count;
    const fromSeq = Math.max(1, total - limit + 1);
    const events = log.page(fromSeq, limit);
    return {
      type: 'session/snapshot',
      session: this.header(),
      rows: this.rows(events),
      total,
      firstSeq: events[0]?.seq ?? fromSeq,
    };
  }

  /** The header DTO, with the upgrade timeline for Engine.IO / Socket.IO sessions. */
  header(): SessionInfoDto {
    const dto = projectSessionInfo(this.session.id, this.session.info, this.redactor);
    // A copy of each step: later arrows are added to the steps in place.
    if (this.session.options.kind !== 'websocket') dto.timeline = projectTimeline(this.timeline, this.redactor);
    if (this.session.log.dropped > 0) dto.eventsNotKept = this.session.log.dropped;
    return dto;
  }

  /** Elapsed times count from the session's first event (its `connecting` row). */
  private origin(event: LogEvent): number {
    this.originMono ??= this.session.log.get(1)?.mono ?? event.mono;
    return this.originMono;
  }
}
