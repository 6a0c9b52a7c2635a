/**
 * The JSON check of bodies agrees with JSON.parse on every input (valid JSON of any shape, and the same
 * mutated), and says where and why in its own words, never quoting the text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkJson } from '../../../../src/core/messageBook/jsonCheck';

const RUNS = { numRuns: 2000, seed: 11 };

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('checkJson', () => {
  it('accepts exactly what JSON.parse accepts: generated JSON, spaced out (inside strings too)', () => {
    fc.assert(
      fc.property(fc.json(), fc.constantFrom('', ' ', '\n', '\r\n\t'), (json, space) => {
        const text = `${space}${json.replace(/,/g, `,${space}`)}${space}`;
        assert.equal(checkJson(text) === undefined, parses(text), text);
      }),
      RUNS,
    );
  });

  it('agrees with JSON.parse on mutated JSON and on strings of JSON characters', () => {
    const alphabet = fc.constantFrom(...'{}[]",:0123456789-+.eE tnulfalsr\\u/\n'.split(''));
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (json, at, piece) => {
        const i = json.length ? at % json.length : 0;
        const text = json.slice(0, i) + piece + json.slice(i + 1);
        assert.equal(checkJson(text) === undefined, parses(text), JSON.stringify(text));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        assert.equal(checkJson(text) === undefined, parses(text), JSON.stringify(text));
      }),
      RUNS,
    );
  });

  it('points at the offending character, in plain words', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['{"a" 1}', 5, /":" is expected/],
      ['[1 2]', 3, /"," or "\]" is expected after an item/],
      ['{"a": 1 "b": 2}', 8, /"," or "}" is expected after a property/],
      ['{a: 1}', 1, /property name in double quotes/],
      ['"tab\there"', 4, /raw control character/],
      ['"\\x"', 1, /"\\x" is not a JSON escape/],
      ['01', 0, /not a JSON number/],
      ['[1,]', 2, /no comma before a closing bracket/],
      ['{} {}', 3, /Only one JSON value fits here/],
      ['', 0, /empty/],
      ['"open', 0, /no closing quote/],
      ['# hi', 0, /JSON has no comments/],
    ];
    for (const [text, offset, message] of cases) {
      const problem = checkJson(text);
      assert.ok(problem, text);
      assert.equal(problem.offset, offset, text);
      assert.match(problem.message, message, text);
    }
  });

  it('handles any depth without recursion', () => {
    const depth = 200_000;
    assert.equal(checkJson(`${'['.repeat(depth)}${']'.repeat(depth)}`), undefined);
    assert.match(checkJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth - 1)}`)!.message, /ends inside an object/);
  });
});
