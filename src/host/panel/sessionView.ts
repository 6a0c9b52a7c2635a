/**
 * What the panel of one session is shown, as DTOs: rows, details and the header with its upgrade timeline
 * and traffic rates — every one of them through the session's redactor (issue #7). Owns what the
 * projections need to remember: where elapsed times start, the timeline built so far and which events
 * have children (issue #9). No vscode.
 */
import { isEngineIoKind } from '../../core/connection/connectionKinds';
import type { LogEvent } from '../../core/events/logEvent';
import { NO_REDACTION, type Redactor } from '../../core/redaction/secretRedactor';
import type { Session } from '../../core/session/session';
import { projectDetails, projectRow } from '../../core/view/eventProjection';
import { projectSessionInfo, projectTimeline } from '../../core/view/sessionProjection';
import { addToTimeline } from '../../core/view/upgradeTimeline';
import type { EventDetailsDto, EventRowDto, SessionInfoDto, TimelineStepDto, TrafficRatesDto } from '../../shared/dto';
import { importedOf, markOffline } from '../exchange/importedLabel';
import { nestingDepth } from './viewMatching';

/** Events read per page when a panel catches up with a log that already holds events. */
const CATCH_UP_PAGE = 1000;

export class SessionView {
  private originMono: number | undefined;
  private readonly timeline: TimelineStepDto[] = [];
  /** Seqs that later events name as their parent (their rows can fold). */
  private readonly parents = new Set<number>();

  constructor(
    private readonly session: Session,
    private readonly redactor: Redactor,
  ) {
    // By page: a log spilled to disk is never read into one array.
    const log = session.log;
    for (let seq = log.dropped + 1; seq <= log.count; seq += CATCH_UP_PAGE) {
      for (const event of log.page(seq, CATCH_UP_PAGE)) this.track(event);
    }
  }

  /**
   * Takes in an appended event: the first one seen is the origin of elapsed times (even if the log later
   * lets it go). True when the timeline changed (the header then needs sending).
   */
  track(event: LogEvent): boolean {
    this.originMono ??= event.mono;
    if (event.parent !== undefined) this.parents.add(event.parent);
    // Only Engine.IO has an upgrade timeline (SSE and generic polling sessions have none, issue 11).
    if (!isEngineIoKind(this.session.options.kind)) return false;
    return addToTimeline(this.timeline, event, this.origin(event));
  }

  /** Rows with their nesting: depth under their parents, and whether they have children. */
  rows(events: readonly LogEvent[]): EventRowDto[] {
    return events.map((e) => {
      const row = projectRow(e, this.origin(e), this.redactor);
      const depth = nestingDepth(this.session.log, e.parent);
      if (depth > 0) row.depth = depth;
      if (this.parents.has(e.seq)) row.hasChildren = true;
      return row;
    });
  }

  /**
   * One event's details, masked; unmasked only when the user asked for this row ("Show secrets"). The
   * revealed values go to this one reply and nowhere else: not to the output channel, not to storage.
   */
  details(event: LogEvent, reveal: boolean): EventDetailsDto {
    // Socket.IO attachments are read from the log to show them in place of their placeholders.
    const get = (seq: number): LogEvent | undefined => this.session.log.get(seq);
    const details = reveal
      ? { ...projectDetails(event, this.origin(event), NO_REDACTION, get), revealed: true }
      : projectDetails(event, this.origin(event), this.redactor, get);
    // An imported session is a record (issue 10): nothing in it is sent again.
    if (importedOf(this.session)) details.replayable = false;
    return details;
  }

  /** The header DTO, with the upgrade timeline for Engine.IO / Socket.IO sessions. */
  header(rates?: TrafficRatesDto): SessionInfoDto {
    const dto = projectSessionInfo(this.session.id, this.session.info, this.redactor);
    if (rates) dto.rates = rates;
    // A log that spills to disk says how much it keeps there (EventLog.stats, optional).
    const onDisk = this.session.log.stats?.().onDisk ?? 0;
    if (onDisk > 0) dto.eventsOnDisk = onDisk;
    // A copy of each step: later arrows are added to the steps in place.
    if (isEngineIoKind(this.session.options.kind)) dto.timeline = projectTimeline(this.timeline, this.redactor);
    if (this.session.log.dropped > 0) dto.eventsNotKept = this.session.log.dropped;
    const imported = importedOf(this.session);
    return imported ? markOffline(dto, imported) : dto;
  }

  /** Elapsed times count from the session's first event (its `connecting` row). */
  private origin(event: LogEvent): number {
    this.originMono ??= this.session.log.get(1)?.mono ?? event.mono;
    return this.originMono;
  }
}
