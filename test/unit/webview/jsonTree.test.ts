/** The JSON tree model (issue #9): rows, folding, chunks of TREE_CHUNK with "show more", tree keys. */
import assert from 'node:assert/strict';
import { containerSummary, JsonTreeModel, kindOf, TREE_CHUNK, treeKey } from '../../../src/webview/jsonTree';

describe('webview JSON tree model', () => {
  it('types values for colouring', () => {
    assert.deepEqual([{}, [], 'a', 1, true, null].map(kindOf), [
      'object',
      'array',
      'string',
      'number',
      'boolean',
      'null',
    ]);
  });

  it('shows the root unfolded, its children folded', () => {
    const model = new JsonTreeModel({ a: 1, b: { c: 'x' }, list: [true, null] });
    const rows = model.rows();
    assert.deepEqual(
      rows.map((r) => [r.label, r.kind, r.depth, r.expanded]),
      [
        [undefined, 'object', 0, true],
        ['a', 'number', 1, false],
        ['b', 'object', 1, false],
        ['list', 'array', 1, false],
      ],
    );
    assert.equal(rows[1].value, 1);
    assert.equal(containerSummary(rows[2]), '{…} 1 key');
  });

  it('folds and unfolds by id, marking array indexes', () => {
    const model = new JsonTreeModel({ list: [10, 20] });
    const list = model.rows()[1];
    model.toggle(list.id);
    const rows = model.rows();
    assert.deepEqual(
      rows.slice(2).map((r) => [r.label, r.value, r.inArray]),
      [
        ['0', 10, true],
        ['1', 20, true],
      ],
    );
    assert.equal(containerSummary(rows[1]), '[ 2 items');
    model.toggle(list.id);
    assert.equal(model.rows().length, 2);
    model.collapse('$');
    assert.equal(model.rows().length, 1);
  });

  it('keeps keys with / and # apart in ids', () => {
    const model = new JsonTreeModel({ 'a/b': 1, a: { b: 2 }, '#more': 3 });
    model.expand(model.rows()[2].id);
    const ids = model.rows().map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('shows big containers in chunks, never all children at once', () => {
    const big = Array.from({ length: 2 * TREE_CHUNK + 50 }, (_, i) => i);
    const model = new JsonTreeModel(big);
    let rows = model.rows();
    assert.equal(rows.length, 1 + TREE_CHUNK + 1);
    const more = rows[rows.length - 1];
    assert.equal(more.kind, 'more');
    assert.equal(more.childCount, TREE_CHUNK + 50);
    const first = model.showMore('$');
    rows = model.rows();
    assert.equal(rows.length, 1 + 2 * TREE_CHUNK + 1);
    assert.equal(rows.find((r) => r.id === first)?.value, TREE_CHUNK);
    model.showMore('$');
    rows = model.rows();
    assert.equal(rows.length, 1 + big.length);
    assert.ok(!rows.some((r) => r.kind === 'more'));
  });

  it('answers the tree keys: move, fold, unfold, parent, show more', () => {
    const model = new JsonTreeModel({ a: { b: 1 }, c: 2 });
    let rows = model.rows();
    assert.deepEqual(treeKey(rows, 0, 'ArrowDown'), { focus: 1 });
    assert.deepEqual(treeKey(rows, 0, 'ArrowUp'), { focus: 0 });
    assert.deepEqual(treeKey(rows, 1, 'End'), { focus: 2 });
    assert.deepEqual(treeKey(rows, 2, 'Home'), { focus: 0 });
    assert.deepEqual(treeKey(rows, 1, 'ArrowRight'), { focus: 1, action: { kind: 'expand', id: rows[1].id } });
    model.expand(rows[1].id);
    rows = model.rows();
    assert.deepEqual(treeKey(rows, 1, 'ArrowRight'), { focus: 2 }, 'into the unfolded node');
    assert.deepEqual(treeKey(rows, 2, 'ArrowLeft'), { focus: 1 }, 'a leaf goes to its parent');
    assert.deepEqual(treeKey(rows, 1, 'ArrowLeft'), { focus: 1, action: { kind: 'collapse', id: rows[1].id } });
    assert.deepEqual(treeKey(rows, 1, 'Enter'), { focus: 1, action: { kind: 'collapse', id: rows[1].id } });
    assert.equal(treeKey(rows, 1, 'a'), undefined);
    const chunked = new JsonTreeModel([1, 2, 3], 2).rows();
    assert.deepEqual(treeKey(chunked, 3, ' '), { focus: 3, action: { kind: 'more', id: '$' } });
  });
});
