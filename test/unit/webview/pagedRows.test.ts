import * as assert from 'node:assert/strict';
import type { EventRowDto } from '../../../src/shared/dto';
import type { ViewRangeDto } from '../../../src/shared/protocol';
import { FoldState } from '../../../src/webview/foldState';
import { PagedRows } from '../../../src/webview/pagedRows';
import { PagedView } from '../../../src/webview/pagedView';

const row = (seq: number, over: Partial<EventRowDto> = {}): EventRowDto => ({
  seq,
  time: 0,
  elapsed: 0,
  direction: 'in',
  layer: 'ws',
  type: 'm',
  size: 0,
  preview: '',
  isError: false,
  binary: false,
  ...over,
});
const range = (over: Partial<ViewRangeDto>): ViewRangeDto => ({
  view: 1,
  start: 0,
  end: 0,
  complete: true,
  logTotal: 0,
  dropped: 0,
  ...over,
});

describe('webview PagedRows / PagedView (issue #9)', () => {
  it('reads rows by display index = position − start, and ignores another view', () => {
    const rows = new PagedRows(new FoldState([5]));
    rows.adopt(range({ start: 100, end: 300 }));
    rows.addRows(1, 100, [row(5, { hasChildren: true, depth: 0 }), row(6, { parent: 5, depth: 1 })]);
    rows.addRows(2, 102, [row(99)]);
    assert.equal(rows.count, 200);
    assert.equal(rows.at(0)?.seq, 5);
    assert.equal(rows.at(2), undefined);
    assert.deepEqual(rows.nesting(rows.at(0)!), { depth: 0, hasChildren: true, collapsed: true });
    assert.equal(rows.update(range({ view: 2, start: 0, end: 10 })), false);
    assert.equal(rows.update(range({ start: 101, end: 400 })), true);
    assert.equal(rows.at(0)?.seq, 6, 'the first row was let go');
  });

  it('asks once for each missing page on screen, and fills it from the reply', async () => {
    const requests: Array<{ type: string; params: Record<string, unknown> }> = [];
    const rpc = {
      request: (type: string, params: Record<string, unknown>) => {
        requests.push({ type, params });
        const from = params.from as number;
        return Promise.resolve({ range: range({ end: 1000 }), from, rows: [row(from + 1), row(from + 2)] });
      },
    };
    const rows = new PagedRows(new FoldState());
    let drawn = 0;
    const view = new PagedView(
      rows,
      rpc as never,
      () => undefined,
      () => drawn++,
    );
    view.adopt(range({ end: 1000 }));
    view.ensure(390, 420);
    view.ensure(390, 420);
    assert.deepEqual(
      requests.map((r) => r.params.from),
      [200, 400],
      'one request per page, none repeated while in flight',
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(rows.at(400)?.seq, 401);
    assert.equal(drawn, 2);
  });

  it('keeps the tail rows pushed while following', () => {
    const rows = new PagedRows(new FoldState());
    const view = new PagedView(
      rows,
      { request: () => Promise.reject(new Error('unused')) } as never,
      () => undefined,
      () => undefined,
    );
    view.adopt(range({ end: 2 }), [row(1), row(2)], 0);
    view.appended({ type: 'events/appended', range: range({ end: 4 }), rows: [row(3), row(4)], rowsFrom: 2 });
    assert.deepEqual(
      [0, 1, 2, 3].map((i) => rows.at(i)?.seq),
      [1, 2, 3, 4],
    );
    assert.equal(view.appended({ type: 'events/appended', range: range({ view: 9, end: 4 }) }), false);
  });
});
