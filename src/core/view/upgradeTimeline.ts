/**
 * The upgrade timeline: which events are the steps of an Engine.IO session's start — the handshake
 * GET, the open packet with its sid, the WebSocket handshake of the probe, 2probe / 3probe, the pause,
 * the upgrade packet, the switch — as a sequence between client and server. Pure.
 */
import type { TimelineStepDto } from '../../shared/dto';
import type { LogEvent } from '../events/logEvent';

/** The timeline step an event is, or undefined. */
export function timelineStep(event: LogEvent, originMono: number): TimelineStepDto | undefined {
  const elapsed = Math.max(0, event.mono - originMono);
  const eio = event.meta?.eio;
  const make = (step: TimelineStepDto['step'], from: TimelineStepDto['from'], label: string): TimelineStepDto => ({ step, seq: event.seq, from, label, elapsed });
  switch (event.type) {
    case 'poll-request':
      return event.meta?.note?.startsWith('Handshake') ? make('handshake', 'client', 'GET handshake (long-polling)') : undefined;
    case 'eio-open':
      return make('open', 'server', `open · sid ${eio?.sid ?? '?'} · upgrades [${(eio?.upgrades ?? []).join(', ')}]`);
    case 'handshake-request':
      // Only the WebSocket of an Engine.IO session (its URL says transport=websocket).
      return /[?&]transport=websocket/.test(event.meta?.request?.url ?? '') ? make('ws-handshake', 'client', 'GET …transport=websocket (Upgrade: websocket)') : undefined;
    case 'eio-ping':
      return eio?.probe ? make('probe', 'client', '2probe') : undefined;
    case 'eio-pong':
      return eio?.probe ? make('probe-ok', 'server', '3probe') : undefined;
    case 'eio-upgrade':
      return make('upgrade', 'client', '5 (upgrade)');
    case 'upgrade-step':
      if (eio?.step === 'pause') return make('pause', 'local', 'pause polling');
      if (eio?.step === 'paused') return make('paused', 'local', 'polling paused');
      if (eio?.step === 'upgraded') return make('upgraded', 'local', 'transport: websocket');
      if (eio?.step === 'upgrade-failed') return make('upgrade-failed', 'local', event.meta?.note ?? 'upgrade failed');
      return undefined;
    default:
      return undefined;
  }
}

/** The whole timeline of a list of events. */
export function upgradeTimeline(events: readonly LogEvent[], originMono: number): TimelineStepDto[] {
  const steps: TimelineStepDto[] = [];
  for (const event of events) {
    const step = timelineStep(event, originMono);
    if (step) steps.push(step);
  }
  return steps;
}

/** The timeline is complete once the session upgraded or gave up on it; later events cannot add steps. */
export function timelineComplete(steps: readonly TimelineStepDto[]): boolean {
  return steps.some((s) => s.step === 'upgraded' || s.step === 'upgrade-failed');
}
