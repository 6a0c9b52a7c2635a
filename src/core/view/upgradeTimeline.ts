/**
 * The upgrade timeline: which events are the steps of an Engine.IO session's start, as a sequence of
 * arrows between client and server — the handshake (long-polling GET and its answer, or the
 * WebSocket handshake of a WebSocket-only session), the open packet with its sid, the probe (the
 * WebSocket handshake with the sid, then 2probe), 3probe, pause (and the noop that ends the pending
 * GET), paused, the upgrade packet 5 and the switch — or the failure that ends the probe.
 * The order is the one engine.io-client's `_probe` follows (style.md rule 5). Pure.
 */
import type { TimelineArrowDto, TimelineStepDto, TimelineStepName } from './viewModel';
import type { EioMeta, HttpMeta, LogEvent } from '../events/logEvent';

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
  const place = STEP_RULES[event.type];
  return place ? place(new TimelineCursor(steps, event, originMono)) : false;
}

/** Where one event stands in the timeline: the steps so far, the arrows it can add, and how. */
class TimelineCursor {
  readonly last: TimelineStepDto | undefined;

  constructor(
    readonly steps: TimelineStepDto[],
    readonly event: LogEvent,
    private readonly originMono: number,
  ) {
    this.last = steps[steps.length - 1];
  }

  get eio(): EioMeta | undefined {
    return this.event.meta?.eio;
  }

  /** An arrow for this event, timed from the session's start and from the previous arrow. */
  arrow(from: TimelineArrowDto['from'], label: string, extra: Partial<TimelineArrowDto> = {}): TimelineArrowDto {
    const elapsed = Math.max(0, this.event.mono - this.originMono);
    const previous = this.last?.arrows[this.last.arrows.length - 1];
    const made: TimelineArrowDto = { seq: this.event.seq, from, label, elapsed, ...extra };
    if (previous) made.delta = Math.max(0, elapsed - previous.elapsed);
    return made;
  }

  start(step: TimelineStepName, first: TimelineArrowDto): true {
    this.steps.push({ step, seq: first.seq, elapsed: first.elapsed, arrows: [first] });
    return true;
  }

  /** Another arrow of the current step; `key` makes it the event that stands for the step. */
  extend(next: TimelineArrowDto, key = false): boolean {
    if (!this.last) return false;
    this.last.arrows.push(next);
    if (key) this.last.seq = next.seq;
    return true;
  }
}

type StepRule = (cursor: TimelineCursor) => boolean;

/** Per event type, whether and how it joins the timeline (engine.io-client's `_probe` order). */
const STEP_RULES: Record<string, StepRule> = {
  'poll-request': (c) => {
    const meta = c.event.meta;
    if (c.steps.length > 0 || !meta?.note?.startsWith('Handshake')) return false;
    return c.start(
      'handshake',
      c.arrow('client', `GET ${queryOf(meta.request) || 'handshake'}`, { detail: meta.request?.url }),
    );
  },
  'poll-response': (c) => {
    const meta = c.event.meta;
    if (c.last?.step !== 'handshake' || meta?.requestSeq !== c.last.arrows[0].seq) return false;
    const label = `${statusText(meta.response)}${heldText(meta.durationMs)}`;
    return c.extend(c.arrow('server', label, { isError: isHttpError(meta.response) }));
  },
  'handshake-request': (c) => {
    const url = c.event.meta?.request?.url ?? '';
    if (!/[?&]transport=websocket(&|$)/.test(url)) return false; // a raw WebSocket, not Engine.IO
    const arrow = c.arrow('client', `GET ${queryOf(c.event.meta?.request)} (Upgrade: websocket)`, { detail: url });
    if (!/[?&]sid=/.test(url)) return c.steps.length === 0 ? c.start('handshake', arrow) : false;
    if (c.last?.step === 'probe') return c.extend(arrow);
    return isBeforeProbe(c.last) ? c.start('probe', arrow) : false;
  },
  'handshake-response': (c) => {
    const step = c.last?.step;
    if ((step !== 'handshake' && step !== 'probe') || c.last?.arrows[c.last.arrows.length - 1].from !== 'client')
      return false;
    const response = c.event.meta?.response;
    return c.extend(c.arrow('server', statusText(response), { isError: response?.status !== 101 }));
  },
  'eio-open': (c) => {
    if (c.steps.some((s) => s.step === 'open')) return false;
    const upgrades = (c.eio?.upgrades ?? []).join(', ');
    return c.start(
      'open',
      c.arrow('server', `open · sid ${c.eio?.sid ?? '?'} · upgrades [${upgrades}]${pingText(c.eio)}`),
    );
  },
  'eio-ping': (c) => {
    if (!c.eio?.probe || c.event.direction !== 'out') return false;
    if (c.last?.step === 'probe') return c.extend(c.arrow('client', '2probe'), true);
    return isBeforeProbe(c.last) ? c.start('probe', c.arrow('client', '2probe')) : false;
  },
  'eio-pong': (c) => {
    const answered = c.eio?.probe && c.event.direction === 'in' && c.last?.step === 'probe';
    return answered ? c.start('probe-ok', c.arrow('server', '3probe')) : false;
  },
  // engine.io answers the GET still pending at the pause with a noop, so polling can stop.
  'eio-noop': (c) =>
    c.last?.step === 'pause' && c.event.direction === 'in'
      ? c.extend(c.arrow('server', '6 noop (ends the pending GET)'))
      : false,
  'eio-upgrade': (c) =>
    c.last?.step === 'paused' && c.event.direction === 'out'
      ? c.start('upgrade', c.arrow('client', '5 upgrade'))
      : false,
  'upgrade-step': (c) => addUpgradeStep(c),
};

function addUpgradeStep(c: TimelineCursor): boolean {
  const note = c.event.meta?.note;
  const local = (label: string, extra: Partial<TimelineArrowDto> = {}): TimelineArrowDto =>
    c.arrow('local', label, { detail: note, ...extra });
  switch (c.eio?.step) {
    case 'probe':
      return isBeforeProbe(c.last) ? c.start('probe', local('open a WebSocket with the sid to probe it')) : false;
    case 'pause': {
      const label = note?.includes('waiting for') ? 'pause polling: wait for the request in flight' : 'pause polling';
      return c.last?.step === 'probe-ok' ? c.start('pause', local(label)) : false;
    }
    case 'paused':
      return c.last?.step === 'pause' ? c.start('paused', local('polling paused')) : false;
    case 'upgraded':
      return c.start('upgraded', local('transport: websocket'));
    case 'upgrade-failed':
      return c.start('upgrade-failed', local(failureLabel(note), { isError: true }));
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
