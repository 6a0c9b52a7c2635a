/**
 * The one line next to the upgrade diagram's title: where an Engine.IO session's upgrade from
 * long-polling to WebSocket stands. Pure (no DOM), so it is unit-tested.
 */
import type { SessionInfoDto, TimelineStepDto } from '../shared/dto';
import { formatDuration } from './format';

/** What the summary reads besides the steps: where the session stands. */
export type TimelineSession = Pick<SessionInfoDto, 'transport' | 'upgrade' | 'state'>;

/** The line next to the title: upgraded, failed, no upgrade at all, or how many steps so far. */
export function summaryOf(steps: readonly TimelineStepDto[], session?: TimelineSession): string {
  const last = steps[steps.length - 1];
  if (!last) return 'waiting for the handshake…';
  if (last.step === 'upgraded') return `upgraded to WebSocket after ${formatDuration(last.elapsed)}`;
  if (last.step === 'upgrade-failed') return 'the upgrade failed: staying on long-polling';
  if (last.step === 'open' && session?.upgrade !== 'probing') {
    if (session?.transport === 'websocket') return 'WebSocket from the start: no upgrade';
    if (session?.transport === 'polling' && session.state !== 'connecting') return 'long-polling: no upgrade';
  }
  return `${steps.length} step${steps.length === 1 ? '' : 's'} so far`;
}
