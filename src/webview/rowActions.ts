/**
 * The row actions under the details heading (`#details-actions`), carried out by VS Code: **Edit and send** and
 * **Save to book** on an outgoing message, and a range of rows to replay — **From here** marks the first row,
 * then **Replay #a–#b…** on another row replays the outgoing messages between them (the host asks the speed).
 * The host's answer shows in `#details-action-status`.
 */
import type { EventDetailsDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { h, iconButton, listen, setText } from './dom';

/** What the host said about an action: started (and what happens next), or why not. */
export interface ActionOutcome {
  ok: boolean;
  message: string;
}

export interface RowActionsDeps {
  editAndSend(seq: number): Promise<ActionOutcome>;
  saveToBook(seq: number): Promise<ActionOutcome>;
  replayRange(from: number, to: number): Promise<ActionOutcome>;
}

export class RowActions implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly editButton = iconButton('btn-edit-send', 'edit', 'Edit and send', 'small secondary');
  private readonly saveButton = iconButton('btn-save-book', 'book', 'Save to book', 'small secondary');
  private readonly fromButton = iconButton('btn-range-from', 'debug-step-into', 'From here', 'small secondary');
  private readonly replayButton = iconButton('btn-range-replay', 'run-all', 'Replay range…', 'small secondary');
  private readonly status = h('span', {
    id: 'details-action-status',
    class: 'details-status',
    attrs: { role: 'status', hidden: true },
  });
  private shownSeq: number | undefined;
  private rangeStart: number | undefined;

  constructor(private readonly deps: RowActionsDeps) {
    this.fromButton.setAttribute('aria-pressed', 'false');
    this.fromButton.title = 'Mark this row as the first of a range to replay';
    const buttons = [this.editButton, this.saveButton, this.fromButton, this.replayButton];
    this.element = h('div', { id: 'details-actions', class: 'details-actions' }, [...buttons, this.status]);
    const run = (action: () => Promise<ActionOutcome> | undefined) => () => void this.run(action);
    this.disposables.add(
      listen(
        this.editButton,
        'click',
        run(() => this.withSeq(deps.editAndSend)),
      ),
    );
    this.disposables.add(
      listen(
        this.saveButton,
        'click',
        run(() => this.withSeq(deps.saveToBook)),
      ),
    );
    this.disposables.add(listen(this.fromButton, 'click', () => this.toggleStart()));
    this.disposables.add(
      listen(
        this.replayButton,
        'click',
        run(() => this.replayRange()),
      ),
    );
  }

  /** The details of another row are shown. */
  show(details: EventDetailsDto): void {
    this.shownSeq = details.row.seq;
    const outgoing = details.replayable && details.row.direction === 'out';
    this.editButton.hidden = !outgoing;
    this.saveButton.hidden = !outgoing;
    this.setStatus('', false);
    this.update();
  }

  /** Another session: a range started in the old one means nothing here. */
  resetRange(): void {
    this.rangeStart = undefined;
    this.update();
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private withSeq(action: (seq: number) => Promise<ActionOutcome>): Promise<ActionOutcome> | undefined {
    return this.shownSeq === undefined ? undefined : action(this.shownSeq);
  }

  private toggleStart(): void {
    if (this.shownSeq === undefined) return;
    this.rangeStart = this.rangeStart === this.shownSeq ? undefined : this.shownSeq;
    const marked = this.rangeStart !== undefined;
    this.setStatus(marked ? `Range starts at #${this.rangeStart}: select its last row, then Replay.` : '', false);
    this.update();
  }

  private replayRange(): Promise<ActionOutcome> | undefined {
    const [from, to] = this.range() ?? [];
    return from === undefined || to === undefined ? undefined : this.deps.replayRange(from, to);
  }

  /** The marked range, in order, when a row other than its start is shown. */
  private range(): [number, number] | undefined {
    const start = this.rangeStart;
    const seq = this.shownSeq;
    if (start === undefined || seq === undefined || seq === start) return undefined;
    return start < seq ? [start, seq] : [seq, start];
  }

  private update(): void {
    const isStart = this.rangeStart !== undefined && this.rangeStart === this.shownSeq;
    this.fromButton.setAttribute('aria-pressed', String(isStart));
    this.fromButton.classList.toggle('pressed', isStart);
    const range = this.range();
    this.replayButton.hidden = range === undefined;
    if (range) setText(this.replayButton.lastElementChild!, `Replay #${range[0]}–#${range[1]}…`);
  }

  private async run(action: () => Promise<ActionOutcome> | undefined): Promise<void> {
    const seq = this.shownSeq;
    const pending = action();
    if (!pending) return;
    let outcome: ActionOutcome;
    try {
      outcome = await pending;
    } catch (error) {
      outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    // The user may have moved on meanwhile: report only on the row that asked.
    if (this.shownSeq === seq) this.setStatus(outcome.message, !outcome.ok);
  }

  private setStatus(text: string, isError: boolean): void {
    setText(this.status, text);
    this.status.hidden = !text;
    this.status.classList.toggle('error', isError);
  }
}
