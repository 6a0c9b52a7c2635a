import * as assert from 'node:assert/strict';
import { MAX_COLLAPSED_ROWS } from '../../../src/shared/protocol';
import { foldAnnouncement, FoldState, revealPlan } from '../../../src/webview/foldState';
import { EMPTY_FILTER } from '../../../src/webview/rowFilter';

describe('webview fold logic (issue #9)', () => {
  it('toggles a fold and lists the folded rows for the host', () => {
    const folds = new FoldState([4]);
    assert.equal(folds.toggle(9), true);
    assert.equal(folds.toggle(4), false);
    assert.deepEqual(folds.list(), [9]);
    assert.equal(folds.has(9), true);
    assert.equal(folds.unfold([9, 12]), true);
    assert.equal(folds.unfold([9]), false);
    assert.equal(folds.size, 0);
  });

  it('keeps at most the bound the host accepts, letting the oldest fold go', () => {
    const folds = new FoldState();
    for (let seq = 1; seq <= MAX_COLLAPSED_ROWS + 5; seq++) folds.toggle(seq);
    assert.equal(folds.size, MAX_COLLAPSED_ROWS);
    assert.equal(folds.has(1), false);
    assert.equal(folds.has(MAX_COLLAPSED_ROWS + 5), true);
  });

  it('a link to a hidden row opens its folds, clears a filter that hides it, or gives up on a gone row', () => {
    const filter = { text: 'chat', regex: false, hiddenLayers: [] };
    assert.deepEqual(revealPlan({ folds: [3], query: false, gone: false }, filter), {
      unfold: [3],
      clearFilter: false,
      gone: false,
    });
    assert.deepEqual(revealPlan({ folds: [], query: true, gone: false }, filter), {
      unfold: [],
      clearFilter: true,
      gone: false,
    });
    assert.equal(revealPlan({ folds: [], query: true, gone: false }, EMPTY_FILTER).clearFilter, false);
    assert.equal(revealPlan({ folds: [], query: false, gone: true }, filter).gone, true);
    assert.deepEqual(revealPlan(undefined, filter), { unfold: [], clearFilter: false, gone: false }, 'a stale answer');
  });

  it('announces fold changes in words', () => {
    assert.match(foldAnnouncement(7, true), /Event 7 collapsed/);
    assert.match(foldAnnouncement(7, false), /Event 7 expanded/);
  });
});
