/**
 * Issue #9, backpressure: when the host's event loop lags (measured on the injected clock by a timer's own
 * lateness), the session stops reading from its socket and says so in one row; it reads again once the lag
 * is gone, and says that too. No wall clock: the lag is made by moving a manual clock past a timer.
 */
import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/core/clock';
import type { EventMeta } from '../../../../src/core/events/logEvent';
import { SessionLifecycle } from '../../../../src/core/session/sessionLifecycle';
import {
  LAG_PAUSE_MS,
  LAG_RESUME_MS,
  LAG_SAMPLE_MS,
  ReadPacing,
  TURN_READ_BUDGET_MS,
  type PausableReads,
} from '../../../../src/core/websocket/readPacing';

/** A clock whose timers fire only in `fire`: the time they fire at says how late they are. */
class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private time = 0;
  private nextId = 1;
  now = (): number => 1_700_000_000_000 + this.time;
  mono = (): number => this.time;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  /** Callbacks for the next turn of the event loop (`yield`), run by `nextTurn`. */
  private turn: (() => void)[] = [];
  yield = (fn: () => void): void => void this.turn.push(fn);
  /** Time passes within this turn (the reads' work). */
  spend(ms: number): void {
    this.time += ms;
  }
  nextTurn(): void {
    const due = this.turn;
    this.turn = [];
    for (const fn of due) fn();
  }
  /** The event loop comes round `lagMs` after the next timer was due: it fires that late. */
  nextTimerLate(lagMs: number): void {
    const [id, timer] = [...this.timers].sort((a, b) => a[1].at - b[1].at)[0];
    this.time = timer.at + lagMs;
    this.timers.delete(id);
    timer.fn();
  }
}

class FakeSocket implements PausableReads {
  readonly calls: string[] = [];
  pause(): void {
    this.calls.push('pause');
  }
  resume(): void {
    this.calls.push('resume');
  }
}

function setup(): {
  clock: ManualClock;
  socket: FakeSocket;
  rows: { type: string; meta: EventMeta }[];
  pacing: ReadPacing;
  open: { value: boolean };
} {
  const clock = new ManualClock();
  const socket = new FakeSocket();
  const rows: { type: string; meta: EventMeta }[] = [];
  const open = { value: true };
  const lifecycle = new SessionLifecycle(clock, (error) => rows.push({ type: 'error', meta: { error } }));
  const pacing = new ReadPacing({
    clock,
    lifecycle,
    reads: () => (open.value ? socket : undefined),
    log: (type, meta) => rows.push({ type, meta }),
  });
  return { clock, socket, rows, pacing, open };
}

describe('ReadPacing: TCP backpressure when ingest falls behind (issue #9)', () => {
  it('reads on while the loop keeps up; one timer, re-armed each sample', () => {
    const { clock, socket, rows, pacing } = setup();
    pacing.start();
    for (let i = 0; i < 20; i++) clock.nextTimerLate(LAG_PAUSE_MS - 1);
    assert.deepEqual(socket.calls, []);
    assert.deepEqual(rows, []);
    assert.equal(clock.pending, 1);
  });

  it('pauses past the threshold with one row, stays paused while behind, resumes with one row', () => {
    const { clock, socket, rows, pacing } = setup();
    pacing.start();
    clock.nextTimerLate(LAG_PAUSE_MS + 150);
    assert.deepEqual(socket.calls, ['pause']);
    assert.equal(pacing.isPaused, true);
    assert.deepEqual(
      rows.map((r) => r.type),
      ['read-paused'],
    );
    assert.match(rows[0].meta.note!, /^Reading paused: the inspector is behind by 250 ms; the server is slowed by TCP/);
    assert.match(rows[0].meta.note!, /pause 1 /);
    // Still behind, then lag between the thresholds: no new rows, no flapping.
    clock.nextTimerLate(LAG_PAUSE_MS + 500);
    clock.nextTimerLate(LAG_RESUME_MS + 10);
    assert.deepEqual(socket.calls, ['pause']);
    assert.equal(rows.length, 1);
    clock.nextTimerLate(0);
    assert.deepEqual(socket.calls, ['pause', 'resume']);
    assert.equal(pacing.isPaused, false);
    assert.deepEqual(
      rows.map((r) => r.type),
      ['read-paused', 'read-resumed'],
    );
    assert.match(rows[1].meta.note!, /^Reading resumed after \d+ ms/);
    assert.equal(rows[1].meta.durationMs, 600 + LAG_RESUME_MS + 10 + 3 * LAG_SAMPLE_MS);
  });

  it('counts pauses across the session, one row per pause (not per frame)', () => {
    const { clock, socket, rows, pacing } = setup();
    pacing.start();
    for (let i = 0; i < 3; i++) {
      clock.nextTimerLate(LAG_PAUSE_MS * 3);
      clock.nextTimerLate(0);
    }
    assert.equal(pacing.pauseCount, 3);
    assert.deepEqual(socket.calls, ['pause', 'resume', 'pause', 'resume', 'pause', 'resume']);
    assert.equal(rows.length, 6);
    assert.match(rows[4].meta.note!, /pause 3 /);
  });

  it('once the connection is not open, a paused socket reads again (the close gets through), pacing ends', () => {
    const { clock, socket, rows, pacing, open } = setup();
    pacing.start();
    clock.nextTimerLate(LAG_PAUSE_MS * 2);
    open.value = false;
    clock.nextTimerLate(LAG_PAUSE_MS * 2);
    assert.deepEqual(socket.calls, ['pause', 'resume']);
    assert.equal(rows.length, 1);
    assert.equal(clock.pending, 0, 'no timer left');
  });
  it('stops reading for the rest of a turn past its budget of reads, silently, and reads on in the next one', () => {
    const { clock, socket, rows, pacing } = setup();
    pacing.start();
    for (let i = 0; i < 10; i++) {
      pacing.readDone();
      clock.spend(TURN_READ_BUDGET_MS / 4);
    }
    assert.deepEqual(socket.calls, ['pause'], 'paused once, when the budget was spent');
    clock.nextTurn();
    assert.deepEqual(socket.calls, ['pause', 'resume'], 'the next turn reads again');
    assert.deepEqual(rows, [], 'routine: no row');
    pacing.readDone();
    clock.spend(TURN_READ_BUDGET_MS - 1);
    pacing.readDone();
    assert.deepEqual(socket.calls, ['pause', 'resume'], 'a turn within its budget reads on');
  });

  it('a pause for lag outlasts the turn: the turn does not resume it', () => {
    const { clock, socket, rows, pacing } = setup();
    pacing.start();
    pacing.readDone();
    clock.spend(TURN_READ_BUDGET_MS + 1);
    pacing.readDone();
    clock.nextTimerLate(LAG_PAUSE_MS + 10);
    clock.nextTurn();
    assert.deepEqual(socket.calls, ['pause', 'pause'], 'the lag pause stands after the turn');
    assert.deepEqual(
      rows.map((r) => r.type),
      ['read-paused'],
    );
  });
});
