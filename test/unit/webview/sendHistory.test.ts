import * as assert from 'node:assert/strict';
import { MAX_HISTORY, SendHistory } from '../../../src/webview/sendHistory';

describe('webview SendHistory', () => {
  it('recalls the last entry from an empty box, then older ones', () => {
    const history = new SendHistory(['a', 'b', 'c']);
    assert.equal(history.older(''), 'c');
    assert.equal(history.older('c'), 'b');
    assert.equal(history.older('b'), 'a');
    assert.equal(history.older('a'), 'a'); // stays at the oldest
  });

  it('goes newer and back to empty', () => {
    const history = new SendHistory(['a', 'b']);
    history.older('');
    history.older('b');
    assert.equal(history.newer('a'), 'b');
    assert.equal(history.newer('b'), '');
    assert.equal(history.newer(''), undefined);
  });

  it('does not hijack arrows in a draft or after an edit', () => {
    const history = new SendHistory(['a']);
    assert.equal(history.older('draft'), undefined);
    assert.equal(history.older(''), 'a');
    assert.equal(history.older('a edited'), undefined);
    assert.equal(new SendHistory().older(''), undefined);
  });

  it('skips consecutive duplicates and empties, and is bounded', () => {
    const history = new SendHistory();
    history.push('x');
    history.push('x');
    history.push('');
    assert.deepEqual(history.all, ['x']);
    for (let i = 0; i < MAX_HISTORY + 5; i++) history.push(String(i));
    assert.equal(history.all.length, MAX_HISTORY);
    assert.equal(history.all[history.all.length - 1], String(MAX_HISTORY + 4));
  });
});
