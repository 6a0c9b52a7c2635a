import * as assert from 'node:assert/strict';
import type { EventRowDto } from '../../../src/shared/dto';
import { FilteredRows, layerGroup, rowMatches } from '../../../src/webview/rowFilter';
import { MemoryRowStore } from '../../../src/webview/rowStore';

function row(seq: number, layer: string, type: string, preview = ''): EventRowDto {
  return { seq, time: 0, elapsed: 0, direction: 'in', layer, type, size: 0, preview, isError: false, binary: false };
}

describe('webview row filter', () => {
  const rows = [
    row(1, 'tcp', 'tcp-connected'),
    row(2, 'http', 'poll-response', '0{"sid":"a"}'),
    row(3, 'eio', 'eio-message', '2["chat","hi"]'),
    row(4, 'sio', 'sio-event', '["chat","hi"]'),
    row(5, 'ws', 'message', '42["chat","hi"]'),
  ];

  let store: MemoryRowStore;
  function filtered(): FilteredRows {
    store = new MemoryRowStore();
    store.reset(rows, rows.length);
    const view = new FilteredRows(store);
    view.rebuild();
    return view;
  }

  const seqs = (view: FilteredRows): number[] => Array.from({ length: view.count }, (_, i) => view.at(i)!.seq);

  it('groups TCP and TLS facts with HTTP', () => {
    assert.equal(layerGroup('tcp'), 'http');
    assert.equal(layerGroup('tls'), 'http');
    assert.equal(layerGroup('sio'), 'sio');
  });

  it('hides the layers turned off, and shows everything again', () => {
    const view = filtered();
    view.setHiddenLayers(new Set(['http', 'ws', 'eio']));
    assert.deepEqual(seqs(view), [4], 'only Socket.IO rows');
    assert.equal(view.isFiltered, true);
    view.setHiddenLayers(new Set());
    assert.deepEqual(seqs(view), [1, 2, 3, 4, 5]);
    assert.equal(view.isFiltered, false);
  });

  it('combines the layer toggles with the text filter, also for appended rows', () => {
    const view = filtered();
    view.setHiddenLayers(new Set(['ws']));
    view.setQuery('chat');
    assert.deepEqual(seqs(view), [3, 4]);
    assert.equal(view.indexOfSeq(4), 1);
    const batch = [row(6, 'ws', 'message', 'chat'), row(7, 'sio', 'sio-ack', 'chat')];
    const appended = view.noteAppended(store.append(batch, 7));
    assert.equal(appended.added, 1, 'the WS row stays hidden');
    assert.deepEqual(seqs(view), [3, 4, 7]);
  });

  it('nests packets under their carrier and folds them away', () => {
    const tree = [
      row(1, 'http', 'poll-response'),
      { ...row(2, 'eio', 'eio-message'), parent: 1 },
      { ...row(3, 'sio', 'sio-event'), parent: 2 },
      row(4, 'http', 'poll-request'),
    ];
    store = new MemoryRowStore();
    store.reset(tree, tree.length);
    const view = new FilteredRows(store);
    view.rebuild();
    assert.deepEqual(view.nesting(tree[0]), { depth: 0, hasChildren: true, collapsed: false });
    assert.deepEqual(view.nesting(tree[2]), { depth: 2, hasChildren: false, collapsed: false });
    view.toggleCollapsed(1);
    assert.deepEqual(seqs(view), [1, 4], 'the packets inside the response are hidden, grandchildren too');
    assert.equal(view.nesting(tree[0]).collapsed, true);
    view.toggleCollapsed(1);
    assert.deepEqual(seqs(view), [1, 2, 3, 4]);
  });

  it('matches the warning text too (issue #7)', () => {
    const warned: EventRowDto = {
      ...row(6, 'sio', 'sio-event', '["connect"]'),
      warning: 'Reserved event name "connect"',
    };
    assert.equal(rowMatches(warned, 'reserved'), true);
    assert.equal(rowMatches(row(7, 'sio', 'sio-event', '["connect"]'), 'reserved'), false);
  });
});
