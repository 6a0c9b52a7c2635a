/**
 * The patterns of `wait for`: regular expression literals read like JavaScript's (a `/` inside a class or
 * escaped does not end them), tested on at most the first 64 KiB of a message, and the nested repetition
 * that backtracks exponentially flagged.
 */
import assert from 'node:assert/strict';
import { WAIT_TEST_CHARS } from '../../../../src/core/messageBook/bookLimits';
import { compileWaitPattern, nestedRepetition, readRegexLiteral } from '../../../../src/core/messageBook/waitPattern';

describe('wait patterns', () => {
  it('reads a regular expression literal up to its closing slash, with its flags', () => {
    assert.deepEqual(readRegexLiteral('/a[/]b\\/c/ims timeout 2s', 0), {
      ok: true,
      source: 'a[/]b\\/c',
      flags: 'ims',
      end: 13,
    });
    assert.deepEqual(readRegexLiteral('x /"type":\\s*"pong"/', 2), {
      ok: true,
      source: '"type":\\s*"pong"',
      flags: '',
      end: 20,
    });
  });

  it('refuses an empty, an unclosed or an overlong expression', () => {
    assert.match((readRegexLiteral('//', 0) as { message: string }).message, /empty/);
    assert.match((readRegexLiteral('/abc', 0) as { message: string }).message, /no closing "\/"/);
    assert.match((readRegexLiteral(`/${'a'.repeat(5000)}/`, 0) as { message: string }).message, /longer than 4096/);
  });

  it('flags a repeated group that repeats inside, and only that', () => {
    for (const risky of ['(a+)+', '^(\\w*)*$', '((ab)+)+', '(x+){2,}', '(?:a|b+)*c']) {
      assert.notEqual(nestedRepetition(risky), undefined, risky);
    }
    for (const fine of ['(ab)+', 'a+b*', '[(+)]+', '\\(a+\\)+', '(a|b)*', '"id":\\s*(\\d+)']) {
      assert.equal(nestedRepetition(fine), undefined, fine);
    }
    assert.equal(nestedRepetition('xy(a+)+'), 2);
  });

  it(`tests at most the first ${WAIT_TEST_CHARS / 1024} KiB of a message`, () => {
    const regex = compileWaitPattern({ type: 'regex', source: 'needle', flags: '' });
    const text = compileWaitPattern({ type: 'text', text: 'needle' });
    const early = `${'x'.repeat(WAIT_TEST_CHARS - 6)}needle`;
    const late = `${'x'.repeat(WAIT_TEST_CHARS)}needle`;
    assert.deepEqual([regex(early), regex(late), text(early), text(late)], [true, false, true, false]);
  });

  it('matches with the flags of the book, and text exactly (case and all)', () => {
    assert.equal(compileWaitPattern({ type: 'regex', source: '^pong$', flags: 'im' })('ping\nPONG'), true);
    assert.equal(compileWaitPattern({ type: 'text', text: 'Pong' })('pong'), false);
  });
});
