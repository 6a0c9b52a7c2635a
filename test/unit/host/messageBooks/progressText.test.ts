/** The lines of the Send all and replay progress notifications: `3/13 · waiting for /welcome/`. */
import assert from 'node:assert/strict';
import { parseMessageBook } from '../../../../src/core/messageBook';
import { bookStepText, replayStepText, seconds } from '../../../../src/host/messageBooks/progressText';

describe('progress text', () => {
  const entries = parseMessageBook(
    '### Login\ntext hi\n###\ndelay 1500ms\n###\nwait for /welcome/ timeout 5s\n###\nwait for "{{x}}"\n@x = secret-ish',
  ).entries;

  it('says which step runs, as written in the book', () => {
    assert.equal(bookStepText(0, 13, 'sending', entries[0]), '1/13 · sending "Login"');
    assert.equal(bookStepText(1, 13, 'delaying', entries[1]), '2/13 · pausing 1.5 s');
    assert.equal(bookStepText(2, 13, 'waiting', entries[2]), '3/13 · waiting for /welcome/');
    // A text pattern is shown as written: its placeholders are not filled in.
    assert.equal(bookStepText(3, 13, 'waiting', entries[3]), '4/13 · waiting for "{{x}}"');
    assert.equal(bookStepText(4, 13, 'done', undefined), '5/13 · done');
  });

  it('says where a replay is', () => {
    assert.equal(replayStepText(2, 12, 'delaying'), '3/12 · waiting for its time');
    assert.equal(replayStepText(2, 12, 'sending'), '3/12 · sending');
  });

  it('writes durations briefly', () => {
    assert.deepEqual([seconds(250), seconds(1500), seconds(12_345)], ['250 ms', '1.5 s', '12 s']);
  });
});
