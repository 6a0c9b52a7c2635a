/**
 * The upgrade timeline (`#upgrade-timeline`): an Engine.IO / Socket.IO session's start drawn as an
 * SVG sequence diagram between a Client and a Server lifeline — handshake, open (sid), the probe
 * WebSocket with 2probe, 3probe, pause, paused, upgrade (5), the switch — one `.timeline-step` group
 * per step (`data-step`, `data-seq`), one arrow per message, each with its elapsed time and the delta
 * to the previous arrow. Clicking a step selects its event in the log; clicking an arrow's time
 * selects that arrow's own event. Built with createElementNS only; colours come from CSS classes
 * that use the --vscode-* theme variables. Positions come from timelineLayout.ts.
 */
import type { TimelineStepDto } from '../shared/dto';
import { DisposableStore, toDisposable, type Disposable } from './disposables';
import { h, listen, setText, svg } from './dom';
import { formatDuration } from './format';
import { layoutTimeline, type ArrowPlacement, type StepPlacement, type TimelineGeometry } from './timelineLayout';
import { summaryOf, type TimelineSession } from './upgradeSummary';

/** What the diagram asks of the app. */
export interface TimelineActions {
  /** A step or an arrow was clicked: show its event. */
  select(seq: number): void;
}

const FALLBACK_WIDTH = 640;

/** The collapsible sequence diagram above the log. */
export class UpgradeSequenceDiagram implements Disposable {
  readonly element: HTMLDetailsElement;
  private readonly disposables = new DisposableStore();
  private readonly body = h('div', { class: 'timeline-body' });
  private readonly summaryText = h('span', { class: 'timeline-summary' });
  private steps: readonly TimelineStepDto[] = [];
  /** What was drawn last (steps and width), to redraw only when it changes. */
  private drawnKey = '';
  private width = 0;

  constructor(private readonly actions: TimelineActions) {
    const attrs = { open: true, hidden: true };
    this.element = h('details', { id: 'upgrade-timeline', class: 'upgrade-timeline', attrs }, [
      h('summary', {}, [h('span', { class: 'timeline-title', text: 'Upgrade timeline' }), this.summaryText]),
      this.body,
    ]);
    this.disposables.add(listen(this.body, 'click', (event) => this.onActivate(event)));
    this.disposables.add(
      listen(this.body, 'keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') this.onActivate(event);
      }),
    );
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

  dispose(): void {
    this.disposables.dispose();
  }

  private draw(): void {
    if (this.element.hidden || !this.element.open) return;
    const width = this.width || this.body.clientWidth || FALLBACK_WIDTH;
    const key = `${width}:${JSON.stringify(this.steps)}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    if (this.steps.length === 0) {
      this.body.replaceChildren(h('div', { class: 'timeline-empty', text: 'Waiting for the handshake…' }));
      return;
    }
    const layout = layoutTimeline(this.steps, width);
    const geometry = layout.geometry;
    this.body.replaceChildren(
      svg(
        'svg',
        {
          class: 'timeline-diagram',
          width: geometry.width,
          height: geometry.height,
          role: 'list',
          'aria-label': 'Upgrade steps between Client and Server',
        },
        [markers(), ...lanes(geometry), ...layout.steps.map((step) => stepGroup(step, geometry))],
      ),
    );
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
}

const STEP_NAMES: Record<TimelineStepDto['step'], string> = {
  handshake: 'handshake',
  open: 'open',
  probe: 'probe',
  'probe-ok': 'probe ok',
  pause: 'pause',
  paused: 'paused',
  upgrade: 'upgrade',
  upgraded: 'upgraded',
  'upgrade-failed': 'upgrade failed',
};

/** Arrowheads, one per colour (a marker does not inherit the line's stroke). */
function markers(): SVGDefsElement {
  const head = (id: string, cls: string): SVGMarkerElement =>
    svg(
      'marker',
      {
        id,
        class: cls,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
      },
      [svg('path', { d: 'M0,0 L10,5 L0,10 z' })],
    );
  return svg('defs', {}, [
    head('timeline-head-client', 'timeline-head from-client'),
    head('timeline-head-server', 'timeline-head from-server'),
    head('timeline-head-error', 'timeline-head is-error'),
  ]);
}

/** The lane titles and the two dashed lifelines. */
function lanes(geometry: TimelineGeometry): SVGElement[] {
  const lane = (x: number, name: string, cls: string): SVGElement[] => [
    svg('line', { class: `timeline-lifeline ${cls}`, x1: x, x2: x, y1: 20, y2: geometry.height }),
    svg('text', { class: `timeline-lane ${cls}`, x, y: 14, 'text-anchor': 'middle' }, [name]),
  ];
  return [
    svg('text', { class: 'timeline-column-title', x: 4, y: 14 }, ['elapsed']),
    svg('text', { class: 'timeline-column-title', x: geometry.deltaX, y: 14, 'text-anchor': 'end' }, ['Δ']),
    ...lane(geometry.clientX, 'Client', 'lane-client'),
    ...lane(geometry.serverX, 'Server', 'lane-server'),
  ];
}

/** One `.timeline-step` group: a hit area across the drawing, the step's name, and its arrows. */
function stepGroup(placement: StepPlacement, geometry: TimelineGeometry): SVGGElement {
  const { step } = placement;
  const failed = step.step === 'upgrade-failed';
  const arrowLabels = step.arrows.map((a) => a.label).join(', ');
  return svg(
    'g',
    {
      class: `timeline-step step-${step.step}${failed ? ' is-error' : ''}`,
      'data-step': step.step,
      'data-seq': step.seq,
      tabindex: 0,
      role: 'listitem',
      'aria-label': `${STEP_NAMES[step.step]} at ${formatDuration(step.elapsed)}: ${arrowLabels}`,
    },
    [
      svg('title', {}, [`${STEP_NAMES[step.step]} — click to show event #${step.seq}`]),
      svg('rect', {
        class: 'timeline-hit',
        x: 0,
        y: placement.y,
        width: geometry.width,
        height: placement.height,
        rx: 2,
      }),
      svg('text', { class: 'timeline-step-name', x: geometry.stepNameX, y: placement.y + 16 }, [STEP_NAMES[step.step]]),
      ...placement.arrows.map((arrow) => arrowGroup(arrow, geometry)),
    ],
  );
}

/** An arrow's tooltip: seq, time, label, and the detail when it says more than the label. */
function arrowTitle(placed: ArrowPlacement): string {
  const { arrow } = placed;
  const detail = arrow.detail && arrow.detail !== arrow.label ? `\n${arrow.detail}` : '';
  return `#${arrow.seq} · ${formatDuration(arrow.elapsed)}: ${arrow.label}${detail}`;
}

/** A local event: a dot on the client lifeline with its label beside it. */
function localMark(placed: ArrowPlacement, geometry: TimelineGeometry, lineY: number): SVGElement[] {
  return [
    svg('circle', { class: 'timeline-dot', cx: geometry.clientX, cy: lineY - 5, r: 4 }),
    svg('text', { class: 'timeline-label', x: geometry.clientX + 10, y: lineY - 1 }, [placed.label]),
  ];
}

/** A message: a line from one lifeline to the other, arrowhead coloured by sender, label above it. */
function messageArrow(placed: ArrowPlacement, geometry: TimelineGeometry, lineY: number): SVGElement[] {
  const { arrow } = placed;
  const { clientX, serverX } = geometry;
  const [x1, x2] = arrow.from === 'client' ? [clientX, serverX] : [serverX, clientX];
  const head = arrow.isError === true ? 'error' : arrow.from;
  return [
    svg('line', {
      class: 'timeline-line',
      x1,
      x2: x2 + (x2 > x1 ? -1 : 1),
      y1: lineY,
      y2: lineY,
      'marker-end': `url(#timeline-head-${head})`,
    }),
    svg(
      'text',
      {
        class: 'timeline-label',
        x: (clientX + serverX) / 2,
        y: lineY - 4,
        'text-anchor': 'middle',
      },
      [placed.label],
    ),
  ];
}

/** One arrow row: elapsed time (the click target for its own event), delta, and the arrow or dot. */
function arrowGroup(placed: ArrowPlacement, geometry: TimelineGeometry): SVGGElement {
  const { arrow, y } = placed;
  const lineY = y + 18;
  const cls = `timeline-arrow from-${arrow.from}${arrow.isError === true ? ' is-error' : ''}`;
  const parts: SVGElement[] = [
    svg('title', {}, [arrowTitle(placed)]),
    svg('text', { class: 'timeline-time', x: 4, y: y + 16, 'data-arrow-seq': arrow.seq }, [
      formatDuration(arrow.elapsed),
    ]),
  ];
  if (arrow.delta !== undefined) {
    const deltaAttrs = { class: 'timeline-delta', x: geometry.deltaX, y: y + 16, 'text-anchor': 'end' };
    parts.push(svg('text', deltaAttrs, [`+${formatDuration(arrow.delta)}`]));
  }
  parts.push(...(arrow.from === 'local' ? localMark(placed, geometry, lineY) : messageArrow(placed, geometry, lineY)));
  return svg('g', { class: cls }, parts);
}
