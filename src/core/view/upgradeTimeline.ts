/**
 * The upgrade timeline: which events are the steps of an Engine.IO session's start, as a sequence of
 * arrows between client and server — the handshake (long-polling GET and its answer, or the
 * WebSocket handshake of a WebSocket-only session), the open packet with its sid, the probe (the
 * WebSocket handshake with the sid, then 2probe), 3probe, pause (and the noop that ends the pending
 * GET), paused, the upgrade packet 5 and the switch — or the failure that ends the probe.
 * The order is the one engine.io-client's `_probe` follows (style.md rule 5). Pure.
 */
import type { TimelineArrowDto, TimelineStepDto, TimelineStepName } from '../../shared/dto';
import type { HttpMeta, LogEvent } from '../events/logEvent';

/** The whole timeline of a list of events. */
export function upgradeTimeline(events: readonly LogEvent[], originMono: number): TimelineStepDto[] {
  const steps: TimelineStepDto[] = [];
  for (const event of events) addToTimeline(steps, event, originMono);
  return steps;
}

/**
 * Adds `event` to `steps` (in place) when it is part of the timeline: as a new step, or as another
 * arrow of the current one. Returns true when `steps` changed. Events after the end are ignored.
 */
export function addToTimeline(steps: TimelineStepDto[], event: LogEvent, originMono: number): boolean {
  if (timelineComplete(steps)) return false;
  const last = steps[steps.length - 1];
  const eio = event.meta?.eio;
  const arrow = (from: TimelineArrowDto['from'], label: string, extra: Partial<TimelineArrowDto> = {}): TimelineArrowDto => {
    const elapsed = Math.max(0, event.mono - originMono);
    const previous = last?.arrows[last.arrows.length - 1];
    const made: TimelineArrowDto = { seq: event.seq, from, label, elapsed, ...extra };
    if (previous) made.delta = Math.max(0, elapsed - previous.elapsed);
    return made;
  };
  const start = (step: TimelineStepName, first: TimelineArrowDto): true => {
    steps.push({ step, seq: first.seq, elapsed: first.elapsed, arrows: [first] });
    return true;
  };
  const extend = (step: TimelineStepDto, next: TimelineArrowDto, key = false): true => {
    step.arrows.push(next);
    if (key) step.seq = next.seq;
    return true;
  };
  switch (event.type) {
    case 'poll-request':
      if (steps.length > 0 || !event.meta?.note?.startsWith('Handshake')) return false;
      return start('handshake', arrow('client', `GET ${queryOf(event.meta.request) || 'handshake'}`, { detail: event.meta.request?.url }));
    case 'poll-response':
      if (last?.step !== 'handshake' || event.meta?.requestSeq !== last.arrows[0].seq) return false;
      return extend(last, arrow('server', `${statusText(event.meta.response)}${heldText(event.meta.durationMs)}`, { isError: isHttpError(event.meta.response) }));
    case 'handshake-request': {
      const url = event.meta?.request?.url ?? '';
      if (!/[?&]transport=websocket(&|$)/.test(url)) return false; // a raw WebSocket, not Engine.IO
      const label = `GET ${queryOf(event.meta?.request)} (Upgrade: websocket)`;
      if (!/[?&]sid=/.test(url)) return steps.length === 0 ? start('handshake', arrow('client', label, { detail: url })) : false;
      if (last?.step === 'probe') return extend(last, arrow('client', label, { detail: url }));
      return isBeforeProbe(last) ? start('probe', arrow('client', label, { detail: url })) : false;
    }
    case 'handshake-response':
      if ((last?.step !== 'handshake' && last?.step !== 'probe') || last.arrows[last.arrows.length - 1].from !== 'client') return false;
      return extend(last, arrow('server', statusText(event.meta?.response), { isError: event.meta?.response?.status !== 101 }));
    case 'eio-open':
      if (steps.some((s) => s.step === 'open')) return false;
      return start('open', arrow('server', `open · sid ${eio?.sid ?? '?'} · upgrades [${(eio?.upgrades ?? []).join(', ')}]${pingText(eio)}`));
    case 'eio-ping':
      if (!eio?.probe || event.direction !== 'out') return false;
      if (last?.step === 'probe') return extend(last, arrow('client', '2probe'), true);
      return isBeforeProbe(last) ? start('probe', arrow('client', '2probe')) : false;
    case 'eio-pong':
      return eio?.probe && event.direction === 'in' && last?.step === 'probe' ? start('probe-ok', arrow('server', '3probe')) : false;
    case 'eio-noop':
      // engine.io answers the GET still pending at the pause with a noop, so polling can stop.
      return last?.step === 'pause' && event.direction === 'in' ? extend(last, arrow('server', '6 noop (ends the pending GET)')) : false;
    case 'eio-upgrade':
      return last?.step === 'paused' && event.direction === 'out' ? start('upgrade', arrow('client', '5 upgrade')) : false;
    case 'upgrade-step':
      return addUpgradeStep(steps, event, eio?.step, arrow, start);
    default:
      return false;
  }
}

type ArrowMaker = (from: TimelineArrowDto['from'], label: string, extra?: Partial<TimelineArrowDto>) => TimelineArrowDto;

function addUpgradeStep(steps: TimelineStepDto[], event: LogEvent, step: string | undefined, arrow: ArrowMaker, start: (step: TimelineStepName, first: TimelineArrowDto) => true): boolean {
  const last = steps[steps.length - 1];
  const note = event.meta?.note;
  switch (step) {
    case 'probe':
      return isBeforeProbe(last) ? start('probe', arrow('local', 'open a WebSocket with the sid to probe it', { detail: note })) : false;
    case 'pause':
      return last?.step === 'probe-ok' ? start('pause', arrow('local', note?.includes('waiting for') ? 'pause polling: wait for the request in flight' : 'pause polling', { detail: note })) : false;
    case 'paused':
      return last?.step === 'pause' ? start('paused', arrow('local', 'polling paused', { detail: note })) : false;
    case 'upgraded':
      return start('upgraded', arrow('local', 'transport: websocket', { detail: note }));
    case 'upgrade-failed':
      return start('upgrade-failed', arrow('local', failureLabel(note), { detail: note, isError: true }));
    default:
      return false; // probe-ok: the 3probe arrow already says it
  }
}

/** The timeline is complete once the session upgraded or gave up on it; later events cannot add steps. */
export function timelineComplete(steps: readonly TimelineStepDto[]): boolean {
  const last = steps[steps.length - 1]?.step;
  return last === 'upgraded' || last === 'upgrade-failed';
}

/** A probe can start after the open packet (and not twice). */
function isBeforeProbe(last: TimelineStepDto | undefined): boolean {
  return last?.step === 'open';
}

function queryOf(request: HttpMeta | undefined): string {
  try {
    const url = new URL(request?.url ?? '');
    const params = new URLSearchParams(url.search);
    params.delete('t'); // the cache buster says nothing
    const query = params.toString();
    return `${url.pathname}${query ? `?${query}` : ''}`;
  } catch {
    return '';
  }
}

function statusText(response: HttpMeta | undefined): string {
  if (response?.status === undefined) return 'no answer';
  return `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

function isHttpError(response: HttpMeta | undefined): boolean {
  return response?.status === undefined || response.status >= 400;
}

function heldText(ms: number | undefined): string {
  return ms === undefined ? '' : ` · held ${Math.round(ms)} ms`;
}

function pingText(eio: { pingInterval?: number; pingTimeout?: number } | undefined): string {
  return eio?.pingInterval !== undefined ? ` · ping ${eio.pingInterval}/${eio.pingTimeout ?? '?'} ms` : '';
}

function failureLabel(note: string | undefined): string {
  const why = note?.replace(/^Upgrade failed:\s*/, '').replace(/[.:;]?\s*staying on long-polling\.?$/i, '');
  return why ? `upgrade failed: ${why}; staying on long-polling` : 'upgrade failed; staying on long-polling';
}
