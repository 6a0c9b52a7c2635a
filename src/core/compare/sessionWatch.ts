/**
 * Follows one comparison session through its rows as they are appended: when it started connecting, when it
 * opened, when the namespace was joined (or refused), its first error, and when it closed; every row is counted
 * by the traffic meter and offered to the answer the run waits for. Listens only: the log is never read back.
 */
import { DisposableStore, type Disposable } from '../disposable';
import { ErrorCode } from '../errors';
import type { ErrorMeta, LogEvent } from '../events/logEvent';
import type { Session } from '../session/session';
import type { StepWaiter } from './stepWaiter';
import type { TrafficMeter } from './trafficMeter';

/** Outgoing rows remembered (seq → mono) so that a send's row gives the start of its round trip. */
const RECENT_OUTGOING = 8;

export class SessionWatch implements Disposable {
  /** Monotonic ms of the session's first row (`connecting`). */
  startMono: number | undefined;
  /** …of the Engine.IO `open` row. */
  openMono: number | undefined;
  /** …of the Socket.IO CONNECT reply for the namespace (Engine.IO: the open). */
  readyMono: number | undefined;
  /** The server refused the namespace (CONNECT_ERROR). */
  refusal: ErrorMeta | undefined;
  /** The first error the session logged. */
  firstError: ErrorMeta | undefined;
  closed = false;
  /** Called with each row after it is counted (the run matches answers here). */
  onRow: ((event: LogEvent) => void) | undefined;
  private readonly recentOut: Array<{ seq: number; mono: number }> = [];
  private readonly subscriptions = new DisposableStore();

  constructor(
    private readonly session: Session,
    private readonly meter: TrafficMeter,
    private readonly waiter: StepWaiter,
    private readonly namespace: string | undefined,
  ) {
    this.subscriptions.add(session.log.onAppend((event) => this.observe(event)));
    this.subscriptions.add(
      session.onDidChange((info) => {
        if (info.state !== 'closed' || this.closed) return;
        this.closed = true;
        waiter.poke();
      }),
    );
  }

  /** Ready to send: open, and for Socket.IO the namespace joined. */
  get ready(): boolean {
    return this.readyMono !== undefined;
  }

  /** Why the session ended, in its own words. */
  get closeSummary(): string | undefined {
    return this.session.info.closeSummary;
  }

  /** The monotonic time of an outgoing row just appended. */
  outgoingMono(seq: number): number | undefined {
    return this.recentOut.find((row) => row.seq === seq)?.mono;
  }

  dispose(): void {
    this.onRow = undefined;
    this.subscriptions.dispose();
  }

  private observe(event: LogEvent): void {
    this.meter.observe(event);
    this.noteMilestone(event);
    if (event.direction === 'out') {
      if (this.recentOut.length >= RECENT_OUTGOING) this.recentOut.shift();
      this.recentOut.push({ seq: event.seq, mono: event.mono });
    }
    this.onRow?.(event);
    this.waiter.poke();
  }

  private noteMilestone(event: LogEvent): void {
    const error = event.meta?.error;
    if (error && !this.firstError) this.firstError = error;
    if (this.startMono === undefined) this.startMono = event.mono;
    if (event.layer === 'eio' && event.direction === 'local' && event.type === 'open') {
      this.openMono = event.mono;
      if (this.namespace === undefined) this.readyMono = event.mono;
      return;
    }
    const sio = event.meta?.sio;
    if (event.layer !== 'sio' || event.direction !== 'in' || !sio || sio.namespace !== this.namespace) return;
    if (sio.packetType === 'CONNECT' && this.readyMono === undefined) this.readyMono = event.mono;
    if (sio.packetType === 'CONNECT_ERROR' && !this.refusal) this.refusal = error ?? refusedWithout(sio.namespace);
  }
}

function refusedWithout(namespace: string): ErrorMeta {
  return { code: ErrorCode.NamespaceRefused, message: `The server refused namespace ${namespace}.` };
}
