/**
 * Backpressure for ingest (issue #9): when the host cannot keep up, read less from the socket rather than
 * starve it. A timer on the session's clock measures its own lateness every LAG_SAMPLE_MS: the event
 * loop's lag. Past LAG_PAUSE_MS the connection stops reading (ws pauses its net.Socket; the kernel's
 * receive buffer fills and TCP flow control slows the server); once the lag is back under LAG_RESUME_MS it
 * reads again. Each pause and each resume is one local row, with the pauses counted — never a row per frame.
 */
import type { Clock } from '../clock';
import type { EventMeta } from '../events/logEvent';
import type { SessionLifecycle } from '../session/sessionLifecycle';

/** How often the lag is measured, ms. */
export const LAG_SAMPLE_MS = 50;
/** Lag past which reading pauses, ms. */
export const LAG_PAUSE_MS = 100;
/** Lag under which a paused connection reads again, ms (below LAG_PAUSE_MS: no flapping at the edge). */
export const LAG_RESUME_MS = 25;
/**
 * Time one turn of the event loop may spend on reads, ms. libuv reads a readable socket up to 32 times per turn
 * (2 MiB): a flood, or data piled up behind a garbage collection, kept the host busy for 100 ms and more in one
 * go (the UI bench's profile of the extension host). Past the budget, reading stops until the next turn.
 */
export const TURN_READ_BUDGET_MS = 15;

/** The reading side of a connection: ws's `pause()` / `resume()` (they pause the net.Socket). */
export interface PausableReads {
  pause(): void;
  resume(): void;
}

export interface ReadPacingDeps {
  clock: Pick<Clock, 'mono' | 'yield'>;
  lifecycle: Pick<SessionLifecycle, 'timers' | 'guarded'>;
  /** The connection while it is open (nothing to pause otherwise). */
  reads(): PausableReads | undefined;
  /** Logs a local row (`read-paused` / `read-resumed`). */
  log(type: 'read-paused' | 'read-resumed', meta: EventMeta): void;
}

export class ReadPacing {
  private paused: PausableReads | undefined;
  private pausedAtMono = 0;
  private pauses = 0;
  private running = false;
  /** When the reads of this turn of the event loop began (-1: none yet). */
  private turnStartMono = -1;
  /** Reading stopped for the rest of this turn (no row: routine, not a sign of trouble). */
  private turnPaused: PausableReads | undefined;

  constructor(private readonly deps: ReadPacingDeps) {}

  /** Pauses so far (shown on each pause row). */
  get pauseCount(): number {
    return this.pauses;
  }

  get isPaused(): boolean {
    return this.paused !== undefined;
  }

  /**
   * A chunk read from the network was handled: past TURN_READ_BUDGET_MS of reads in this turn of the event loop,
   * reading stops until the next turn (what was read already is delivered first).
   */
  readDone(): void {
    const { clock, lifecycle } = this.deps;
    const now = clock.mono();
    if (this.turnStartMono < 0) {
      this.turnStartMono = now;
      (clock.yield ?? setImmediate)(lifecycle.guarded(() => this.endTurn()));
      return;
    }
    if (this.turnPaused || this.paused || now - this.turnStartMono < TURN_READ_BUDGET_MS) return;
    const reads = this.deps.reads();
    if (!reads) return;
    reads.pause();
    this.turnPaused = reads;
  }

  private endTurn(): void {
    this.turnStartMono = -1;
    const reads = this.turnPaused;
    this.turnPaused = undefined;
    // A pause for lag outlasts the turn: it resumes when the lag is back down.
    if (reads && !this.paused) reads.resume();
  }

  /** Starts measuring (on open); the session's timers stop it when the session ends. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule();
  }

  private schedule(): void {
    const { clock, lifecycle } = this.deps;
    const due = clock.mono() + LAG_SAMPLE_MS;
    lifecycle.timers.start(
      LAG_SAMPLE_MS,
      lifecycle.guarded(() => this.sample(Math.max(0, clock.mono() - due))),
    );
  }

  /** One measurement: `lagMs` late. */
  private sample(lagMs: number): void {
    const reads = this.deps.reads();
    if (!reads) {
      // Closing or closed: a paused socket reads again (the close frame must get through) and pacing ends.
      this.paused?.resume();
      this.paused = undefined;
      this.running = false;
      return;
    }
    if (!this.paused && lagMs > LAG_PAUSE_MS) this.pause(reads, lagMs);
    else if (this.paused && lagMs < LAG_RESUME_MS) this.resume();
    this.schedule();
  }

  private pause(reads: PausableReads, lagMs: number): void {
    this.turnPaused = undefined;
    reads.pause();
    this.paused = reads;
    this.pausedAtMono = this.deps.clock.mono();
    this.pauses++;
    const behind = Math.round(lagMs);
    this.deps.log('read-paused', {
      note:
        `Reading paused: the inspector is behind by ${behind} ms; the server is slowed by TCP flow control` +
        ` (pause ${this.pauses} of this session).`,
      durationMs: behind,
    });
  }

  private resume(): void {
    const reads = this.paused;
    if (!reads) return;
    this.paused = undefined;
    reads.resume();
    const durationMs = this.deps.clock.mono() - this.pausedAtMono;
    this.deps.log('read-resumed', {
      note: `Reading resumed after ${Math.round(durationMs)} ms: the inspector has caught up (pause ${this.pauses}).`,
      durationMs,
    });
  }
}
