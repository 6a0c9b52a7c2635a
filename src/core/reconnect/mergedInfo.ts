/**
 * The facts a reconnecting session shows (issue 12): those of its current attempt, with the counters of every
 * attempt added up, the start of the first attempt, a state that stays `connecting` while the next attempt is
 * booked, and where reconnecting stands. Pure.
 */
import type { SessionInfo, SessionState } from '../session/session';
import type { ReconnectStatus } from './reconnectStatus';

/** Messages and bytes of the attempts that have ended. */
export interface TrafficTotals {
  messagesIn: number;
  messagesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export const NO_TRAFFIC: Readonly<TrafficTotals> = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };

/** `totals` with the counters of an attempt that has ended added. */
export function addTraffic(totals: Readonly<TrafficTotals>, ended: Readonly<TrafficTotals>): TrafficTotals {
  return {
    messagesIn: totals.messagesIn + ended.messagesIn,
    messagesOut: totals.messagesOut + ended.messagesOut,
    bytesIn: totals.bytesIn + ended.bytesIn,
    bytesOut: totals.bytesOut + ended.bytesOut,
  };
}

/** The session's facts from its current attempt's, the totals of the earlier ones and the reconnect status. */
export function mergeInfo(
  attempt: Readonly<SessionInfo>,
  startedAt: number,
  totals: Readonly<TrafficTotals>,
  status: ReconnectStatus,
  closedAt: number | undefined,
): SessionInfo {
  const info: SessionInfo = {
    ...attempt,
    state: outerState(attempt.state, status),
    startedAt,
    messagesIn: totals.messagesIn + attempt.messagesIn,
    messagesOut: totals.messagesOut + attempt.messagesOut,
    bytesIn: totals.bytesIn + attempt.bytesIn,
    bytesOut: totals.bytesOut + attempt.bytesOut,
    reconnect: status,
  };
  // Closed only when no attempt follows: an attempt's own end is the start of a wait.
  if (closedAt === undefined) delete info.closedAt;
  else info.closedAt = closedAt;
  return info;
}

/**
 * Stopped: closed. Waiting: connecting (the next attempt is booked; the composer waits, Disconnect stops it). An
 * attempt that has just closed and is not yet decided on: closing.
 */
function outerState(attemptState: SessionState, status: ReconnectStatus): SessionState {
  if (status.phase === 'stopped') return 'closed';
  if (status.phase === 'waiting') return 'connecting';
  return attemptState === 'closed' ? 'closing' : attemptState;
}
