/**
 * The host's side of the paged table (issue #9): views over a real MemoryEventLog — every event by
 * position, a query's matches found by scanning (plus rows named by type), folded children left out,
 * positions that stay put when the log lets its oldest events go, and the batches that carry rows only
 * while the webview follows the tail.
 */
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { PanelViews } from '../../../../src/host/panel/panelViews';
import type { BatchTimer } from '../../../../src/host/panel/rowBatcher';
import type { EventRowDto } from '../../../../src/shared/dto';
import type { HostToWebview, ViewSpecDto } from '../../../../src/shared/protocol';

function event(text: string, over: Partial<NewLogEvent> = {}): NewLogEvent {
  const bytes = Buffer.byteLength(text);
  return {
    time: 0,
    mono: 0,
    direction: 'in',
    layer: 'ws',
    type: 'message',
    size: bytes,
    payload: { kind: 'text', text, byteLength: bytes },
    ...over,
  } as NewLogEvent;
}

/** A timer the test fires by hand. */
function manualTimer(): BatchTimer & { fire(): void } {
  let pending: (() => void) | undefined;
  return {
    setTimeout: (fn: () => void) => ((pending = fn), 1),
    clearTimeout: () => (pending = undefined),
    fire: () => {
      const fn = pending;
      pending = undefined;
      fn?.();
    },
  } as BatchTimer & { fire(): void };
}

const toRows = (events: readonly LogEvent[]): EventRowDto[] =>
  events.map((e) => ({ seq: e.seq, type: e.type }) as EventRowDto);

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('PanelViews (issue #9)', () => {
  let log: MemoryEventLog;
  let posted: HostToWebview[];
  let timer: ReturnType<typeof manualTimer>;
  let views: PanelViews;

  const make = (maxEvents = 100_000) => {
    log = new MemoryEventLog({ maxEvents, maxPayloadBytes: 1 << 30 });
    posted = [];
    timer = manualTimer();
    views = new PanelViews({
      log,
      rows: toRows,
      timer,
      post: (m) => posted.push(m),
    });
  };
  const spec = (query: ViewSpecDto['query'], collapsed: number[] = []): ViewSpecDto => ({ query, collapsed });
  const appended = () =>
    posted.filter((m) => m.type === 'events/appended') as Extract<HostToWebview, { type: 'events/appended' }>[];

  beforeEach(() => make());
  afterEach(() => views.dispose());

  it('an unfiltered view is position = seq − 1, and a snapshot carries its newest page', () => {
    for (let i = 1; i <= 1000; i++) log.append(event(`m${i}`));
    const snap = views.snapshotParts(undefined, true);
    assert.deepEqual([snap.range.start, snap.range.end, snap.range.complete], [0, 1000, true]);
    assert.equal(snap.rowsFrom, 800);
    assert.deepEqual([snap.rows[0].seq, snap.rows.at(-1)?.seq], [801, 1000]);
    const page = views.page(1, snap.range.view, 0, 3);
    assert.deepEqual(
      page.rows.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.deepEqual(views.page(2, snap.range.view + 99, 0, 3).rows, [], 'no rows for another view');
  });

  it('pushes the range every flush, and rows only while the webview follows', () => {
    const { range } = views.snapshotParts(undefined, true);
    log.append(event('a'));
    views.noteAppended();
    log.append(event('b'));
    views.noteAppended();
    timer.fire();
    assert.equal(appended().length, 1, 'one batch for two appends');
    assert.deepEqual(
      appended()[0].rows?.map((r) => r.seq),
      [1, 2],
    );
    assert.equal(appended()[0].rowsFrom, range.start);
    views.setFollowing(false);
    log.append(event('c'));
    views.noteAppended();
    timer.fire();
    assert.equal(appended()[1].rows, undefined, 'paused: the range only');
    assert.equal(appended()[1].range.end, 3);
    views.setFollowing(true);
    log.append(event('d'));
    views.noteAppended();
    timer.fire();
    assert.deepEqual(
      appended()[2].rows?.map((r) => r.seq),
      [4],
      'following again: only what came since',
    );
  });

  it('a filtered view finds the matches, by text and by type, and pages them by rank', async () => {
    for (let i = 1; i <= 5000; i++) log.append(event(i % 1000 === 0 ? `needle ${i}` : `hay ${i}`));
    log.append(event('["hi"]', { layer: 'sio', type: 'sio-ack' }));
    views.snapshotParts(undefined, true);
    const started = views.query(1, spec({ text: 'NEEDLE' }));
    assert.equal(started.type, 'events/queryStarted');
    await settle();
    const page = views.page(2, (started as { range: { view: number } }).range.view, 0, 50);
    assert.deepEqual(
      page.rows.map((r) => r.seq),
      [1000, 2000, 3000, 4000, 5000],
    );
    assert.equal(page.range.complete, true);
    const byType = views.query(3, spec({ text: 'sio-' }));
    await settle();
    const typed = views.page(4, (byType as { range: { view: number } }).range.view, 0, 50);
    assert.deepEqual(
      typed.rows.map((r) => r.seq),
      [5001],
      'the filter text names the type',
    );
  });

  it('refuses a regular expression that does not compile, in its words', () => {
    const reply = views.query(7, spec({ regex: { source: '(' } }));
    assert.equal(reply.type, 'request/failed');
    assert.match((reply as { error: { message: string } }).error.message, /regular expression/);
  });

  it('folds hide the children (and grandchildren) of a folded row; locate says which fold hides a row', async () => {
    const parent = log.append(event('poll response'));
    const child = log.append(event('packet', { parent: parent.seq, layer: 'eio' }));
    log.append(event('sio packet', { parent: child.seq, layer: 'sio' }));
    log.append(event('other'));
    const started = views.query(1, spec({}, [parent.seq])) as Extract<HostToWebview, { type: 'events/queryStarted' }>;
    await settle();
    const view = started.range.view;
    assert.deepEqual(
      views.page(2, view, 0, 10).rows.map((r) => r.seq),
      [1, 4],
    );
    const located = await views.locate(3, view, 3);
    assert.equal(located.position, -1);
    assert.deepEqual(located.hiddenBy, { folds: [1], query: false, gone: false });
    assert.equal((await views.locate(4, view, 4)).position, 1);
  });

  it('locate says when the query hides a row, or the log let it go', async () => {
    make(10);
    for (let i = 1; i <= 20; i++) log.append(event(i === 15 ? 'needle' : 'hay'));
    const started = views.query(1, spec({ text: 'needle' })) as Extract<HostToWebview, { type: 'events/queryStarted' }>;
    await settle();
    const view = started.range.view;
    assert.deepEqual((await views.locate(2, view, 16)).hiddenBy, { folds: [], query: true, gone: false });
    assert.deepEqual((await views.locate(3, view, 2)).hiddenBy, { folds: [], query: false, gone: true });
  });

  it('locate waits for the scan to reach the seq (a restored anchor right after a reload)', async () => {
    for (let i = 1; i <= 9000; i++) log.append(event(i % 3 ? 'hay' : 'needle'));
    const started = views.query(1, spec({ text: 'needle' })) as Extract<HostToWebview, { type: 'events/queryStarted' }>;
    assert.equal(started.range.complete, false, 'still scanning');
    const located = await views.locate(2, started.range.view, 8997);
    assert.equal(located.position, 2998);
  });

  it('positions stay put when the log lets its oldest events go', async () => {
    make(100);
    for (let i = 1; i <= 100; i++) log.append(event(i % 2 ? 'odd' : 'even'));
    const started = views.query(1, spec({ text: 'even' })) as Extract<HostToWebview, { type: 'events/queryStarted' }>;
    await settle();
    const view = started.range.view;
    const before = views.page(2, view, 10, 1).rows[0].seq;
    for (let i = 0; i < 40; i++) {
      log.append(event('even more'));
      views.noteAppended();
    }
    await settle();
    const after = views.page(3, view, 0, 500);
    assert.equal(after.range.start, 20, 'the 20 matches among the 40 dropped events are gone from the front');
    assert.equal(after.range.end, 90);
    assert.equal(views.page(4, view, 10, 1).rows.length, 0, 'position 10 was let go');
    assert.equal(views.page(5, view, 25, 1).rows[0].seq, before + 30, 'position 25 is still the 26th even event');
  });
});
