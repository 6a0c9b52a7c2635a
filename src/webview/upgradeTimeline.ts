/**
 * The upgrade timeline (`#upgrade-timeline`): an Engine.IO / Socket.IO session's start drawn as an
 * SVG sequence diagram between a Client and a Server lifeline — handshake, open (sid), the probe
 * WebSocket with 2probe, 3probe, pause, paused, upgrade (5), the switch — one `.timeline-step` group
 * per step (`data-step`, `data-seq`), one arrow per message, each with its elapsed time and the delta
 * to the previous arrow. Clicking a step selects its event in the log; clicking an arrow's time
 * selects that arrow's own event. Built with createElementNS only; colours come from CSS classes
 * that use the --vscode-* theme variables.
 */
import type { SessionInfoDto, TimelineStepDto } from '../shared/dto';
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { h, listen, setText, svg } from './dom';
import { formatDuration } from './format';
import { layoutTimeline, type ArrowPlacement, type StepPlacement, type TimelineGeometry } from './timelineLayout';

export interface TimelineActions {
  /** A step or an arrow was clicked: show its event. */
  select(seq: number): void;
}

/** What the timeline shows besides the steps: where the session stands. */
export type TimelineSession = Pick<SessionInfoDto, 'transport' | 'upgrade' | 'state'>;

const FALLBACK_WIDTH = 640;

/** The collapsible sequence diagram above the log. */
export class UpgradeTimeline implements Disposable {
  readonly element: HTMLDetailsElement;
  private readonly disposables = new DisposableStore();
  private readonly body = h('div', { class: 'timeline-body' });
  private readonly summaryText = h('span', { class: 'timeline-summary' });
  private steps: readonly TimelineStepDto[] = [];
  /** What was drawn last (steps and width), to redraw only when it changes. */
  private drawn = '';
  private width = 0;

  constructor(private readonly actions: TimelineActions) {
    this.element = h('details', { id: 'upgrade-timeline', class: 'upgrade-timeline', attrs: { open: true, hidden: true } }, [
      h('summary', {}, [h('span', { class: 'timeline-title', text: 'Upgrade timeline' }), this.summaryText]),
      this.body,
    ]);
    this.disposables.add(listen(this.body, 'click', (event) => this.onActivate(event)));
    this.disposables.add(listen(this.body, 'keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') this.onActivate(event);
    }));
    this.disposables.add(listen(this.element, 'toggle', () => this.draw()));
    const resize = new ResizeObserver(() => {
      const width = this.body.clientWidth;
      if (width > 0 && width !== this.width) {
        this.width = width;
        this.draw();
      }
    });
    resize.observe(this.body);
    this.disposables.add(toDisposable(() => resize.disconnect()));
  }

  /** Shows `timeline` (undefined: not an Engine.IO session, hidden). */
  update(timeline: readonly TimelineStepDto[] | undefined, session?: TimelineSession): void {
    this.element.hidden = timeline === undefined;
    this.steps = timeline ?? [];
    setText(this.summaryText, summaryOf(this.steps, session));
    this.draw();
  }

  private draw(): void {
    if (this.element.hidden || !this.element.open) return;
    const width = this.width || this.body.clientWidth || FALLBACK_WIDTH;
    const key = `${width}:${JSON.stringify(this.steps)}`;
    if (key === this.drawn) return;
    this.drawn = key;
    if (this.steps.length === 0) {
      this.body.replaceChildren(h('div', { class: 'timeline-empty', text: 'Waiting for the handshake…' }));
      return;
    }
    const layout = layoutTimeline(this.steps, width);
    const g = layout.geometry;
    this.body.replaceChildren(svg('svg', {
      class: 'timeline-diagram', width: g.width, height: g.height, role: 'list', 'aria-label': 'Upgrade steps between Client and Server',
    }, [
      markers(),
      ...lanes(g),
      ...layout.steps.map((step) => stepGroup(step, g)),
    ]));
  }

  private onActivate(event: Event): void {
    const target = event.target as Element | null;
    const arrowSeq = Number(target?.closest('[data-arrow-seq]')?.getAttribute('data-arrow-seq'));
    const stepSeq = Number(target?.closest('.timeline-step')?.getAttribute('data-seq'));
    const seq = Number.isInteger(arrowSeq) && arrowSeq > 0 ? arrowSeq : stepSeq;
    if (!Number.isInteger(seq) || seq < 1) return;
    event.preventDefault();
    this.actions.select(seq);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** The line next to the title: where the upgrade stands. */
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

const STEP_NAMES: Record<TimelineStepDto['step'], string> = {
  handshake: 'handshake', open: 'open', probe: 'probe', 'probe-ok': 'probe ok', pause: 'pause', paused: 'paused',
  upgrade: 'upgrade', upgraded: 'upgraded', 'upgrade-failed': 'upgrade failed',
};

/** Arrowheads, one per colour (a marker does not inherit the line's stroke). */
function markers(): SVGDefsElement {
  const head = (id: string, cls: string): SVGMarkerElement => svg('marker', {
    id, class: cls, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, [svg('path', { d: 'M0,0 L10,5 L0,10 z' })]);
  return svg('defs', {}, [
    head('timeline-head-client', 'timeline-head from-client'),
    head('timeline-head-server', 'timeline-head from-server'),
    head('timeline-head-error', 'timeline-head is-error'),
  ]);
}

/** The lane titles and the two dashed lifelines. */
function lanes(g: TimelineGeometry): SVGElement[] {
  const lane = (x: number, name: string, cls: string): SVGElement[] => [
    svg('line', { class: `timeline-lifeline ${cls}`, x1: x, x2: x, y1: 20, y2: g.height }),
    svg('text', { class: `timeline-lane ${cls}`, x, y: 14, 'text-anchor': 'middle' }, [name]),
  ];
  return [
    svg('text', { class: 'timeline-column-title', x: 4, y: 14 }, ['elapsed']),
    svg('text', { class: 'timeline-column-title', x: g.deltaX, y: 14, 'text-anchor': 'end' }, ['Δ']),
    ...lane(g.clientX, 'Client', 'lane-client'),
    ...lane(g.serverX, 'Server', 'lane-server'),
  ];
}

function stepGroup(placement: StepPlacement, g: TimelineGeometry): SVGGElement {
  const { step } = placement;
  const failed = step.step === 'upgrade-failed';
  return svg('g', {
    class: `timeline-step step-${step.step}${failed ? ' is-error' : ''}`,
    'data-step': step.step, 'data-seq': step.seq, tabindex: 0, role: 'listitem',
    'aria-label': `${STEP_NAMES[step.step]} at ${formatDuration(step.elapsed)}: ${step.arrows.map((a) => a.label).join(', ')}`,
  }, [
    svg('title', {}, [`${STEP_NAMES[step.step]} — click to show event #${step.seq}`]),
    svg('rect', { class: 'timeline-hit', x: 0, y: placement.y, width: g.width, height: placement.height, rx: 2 }),
    svg('text', { class: 'timeline-step-name', x: g.stepNameX, y: placement.y + 16 }, [STEP_NAMES[step.step]]),
    ...placement.arrows.map((arrow) => arrowGroup(arrow, g)),
  ]);
}

function arrowGroup(placed: ArrowPlacement, g: TimelineGeometry): SVGGElement {
  const { arrow, y } = placed;
  const lineY = y + 18;
  const error = arrow.isError === true;
  const cls = `timeline-arrow from-${arrow.from}${error ? ' is-error' : ''}`;
  const parts: SVGElement[] = [
    svg('title', {}, [`#${arrow.seq} · ${formatDuration(arrow.elapsed)}: ${arrow.label}${arrow.detail && arrow.detail !== arrow.label ? `\n${arrow.detail}` : ''}`]),
    svg('text', { class: 'timeline-time', x: 4, y: y + 16, 'data-arrow-seq': arrow.seq }, [formatDuration(arrow.elapsed)]),
  ];
  if (arrow.delta !== undefined) parts.push(svg('text', { class: 'timeline-delta', x: g.deltaX, y: y + 16, 'text-anchor': 'end' }, [`+${formatDuration(arrow.delta)}`]));
  if (arrow.from === 'local') {
    parts.push(
      svg('circle', { class: 'timeline-dot', cx: g.clientX, cy: lineY - 5, r: 4 }),
      svg('text', { class: 'timeline-label', x: g.clientX + 10, y: lineY - 1 }, [placed.label]),
    );
  } else {
    const [x1, x2] = arrow.from === 'client' ? [g.clientX, g.serverX] : [g.serverX, g.clientX];
    const head = error ? 'error' : arrow.from;
    parts.push(
      svg('line', { class: 'timeline-line', x1, x2: x2 + (x2 > x1 ? -1 : 1), y1: lineY, y2: lineY, 'marker-end': `url(#timeline-head-${head})` }),
      svg('text', { class: 'timeline-label', x: (g.clientX + g.serverX) / 2, y: lineY - 4, 'text-anchor': 'middle' }, [placed.label]),
    );
  }
  return svg('g', { class: cls }, parts);
}
