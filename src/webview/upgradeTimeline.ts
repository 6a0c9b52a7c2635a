/**
 * The upgrade timeline (`#upgrade-timeline`): an Engine.IO / Socket.IO session's start drawn as a
 * sequence between Client and Server — handshake, open (sid), the probe WebSocket, 2probe / 3probe,
 * pause, upgrade — each step with its time; a click selects its row in the log.
 */
import type { TimelineStepDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { h, listen, setText } from './dom';
import { formatDuration } from './format';

export interface TimelineActions {
  /** A step was clicked: show its event. */
  select(seq: number): void;
}

/** The collapsible sequence diagram above the log. */
export class UpgradeTimeline implements Disposable {
  readonly element: HTMLDetailsElement;
  private readonly disposables = new DisposableStore();
  private readonly steps = h('ol', { class: 'timeline-steps', attrs: { 'aria-label': 'Upgrade steps' } });
  private readonly summaryText = h('span', { class: 'timeline-summary' });
  /** The steps drawn last time, to redraw only when they change. */
  private drawn = '';

  constructor(private readonly actions: TimelineActions) {
    this.element = h('details', { id: 'upgrade-timeline', class: 'upgrade-timeline', attrs: { open: true, hidden: true } }, [
      h('summary', {}, [h('span', { class: 'timeline-title', text: 'Upgrade timeline' }), this.summaryText]),
      h('div', { class: 'timeline-lanes' }, [h('span', { class: 'lane lane-client', text: 'Client' }), h('span', { class: 'lane lane-server', text: 'Server' })]),
      this.steps,
    ]);
    this.disposables.add(listen(this.steps, 'click', (event) => {
      const step = (event.target as HTMLElement).closest<HTMLElement>('.timeline-step');
      const seq = Number(step?.dataset.seq);
      if (Number.isInteger(seq) && seq > 0) this.actions.select(seq);
    }));
  }

  /** Shows `timeline` (undefined: not an Engine.IO session, hidden). */
  update(timeline: readonly TimelineStepDto[] | undefined): void {
    this.element.hidden = timeline === undefined;
    const key = JSON.stringify(timeline ?? []);
    if (key === this.drawn) return;
    this.drawn = key;
    const steps = timeline ?? [];
    const last = steps[steps.length - 1];
    setText(this.summaryText, steps.length === 0 ? 'waiting for the handshake…'
      : last.step === 'upgraded' ? `upgraded to WebSocket after ${formatDuration(last.elapsed)}`
        : last.step === 'upgrade-failed' ? 'the upgrade failed: staying on long-polling'
          : `${steps.length} step${steps.length === 1 ? '' : 's'} so far`);
    this.steps.replaceChildren(...steps.map((step, i) => this.stepElement(step, i === 0 ? undefined : steps[i - 1])));
  }

  private stepElement(step: TimelineStepDto, previous: TimelineStepDto | undefined): HTMLElement {
    const delta = previous ? `+${formatDuration(step.elapsed - previous.elapsed)}` : '';
    const arrow = step.from === 'client' ? '──────────▶' : step.from === 'server' ? '◀──────────' : '●';
    return h('li', {
      class: `timeline-step from-${step.from}${step.step === 'upgrade-failed' ? ' is-error' : ''}`,
      attrs: { 'data-step': step.step, 'data-seq': String(step.seq), tabindex: '0', role: 'button', title: `Event #${step.seq}: ${step.label}` },
    }, [
      h('span', { class: 'timeline-time', text: formatDuration(step.elapsed) }),
      h('span', { class: 'timeline-arrow', text: arrow, attrs: { 'aria-hidden': 'true' } }),
      h('span', { class: 'timeline-label', text: step.label }),
      h('span', { class: 'timeline-delta', text: delta }),
    ]);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
