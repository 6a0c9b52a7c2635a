/**
 * The text layer of the importers, property-tested: where a JSON text breaks is found exactly where V8's own
 * parser says it breaks (whenever V8 names a position; it does not for every error, hence the scan), valid JSON is
 * never flagged; a byte stream of any chunking gives the same numbered lines as the whole text.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lineAndColumn } from '../../../../src/core/exchange/importInput';
import { jsonErrorOffset } from '../../../../src/core/exchange/jsonErrorOffset';
import { readLines } from '../../../../src/core/exchange/lineReader';

const FAULTS = [';', '}', ']', ',', ':', '"', 'x', '\n', '\\', '\u0001', '{', '[', 'e', '-', '.', '0', 't'];

/** V8's position for a text JSON.parse rejects, when its message names one; -1 when the text is valid. */
function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text);
    return -1;
  } catch (error) {
    const message = (error as Error).message;
    const named = /position (\d+)/.exec(message);
    if (named) return Number(named[1]);
    return /end of JSON input/.test(message) ? text.length : undefined;
  }
}

async function collect(input: AsyncIterable<string | Uint8Array> | string): Promise<Array<[number, string]>> {
  const out: Array<[number, string]> = [];
  for await (const { line, text } of readLines(input, 1 << 20)) out.push([line, text]);
  return out;
}

describe('reading import text', () => {
  it('valid JSON is never flagged; a broken one is flagged where V8 says it broke', () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom(...FAULTS), fc.boolean(), (value, at, fault, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 1 : undefined);
        assert.equal(jsonErrorOffset(text), -1, 'valid JSON');
        const cut = at % (text.length + 1);
        const broken = text.slice(0, cut) + fault + text.slice(cut);
        const v8 = v8Position(broken);
        const mine = jsonErrorOffset(broken);
        if (v8 === -1) return assert.equal(mine, -1, 'still valid after the insertion');
        assert.ok(mine >= 0 && mine <= broken.length, `flagged: ${JSON.stringify(broken)}`);
        if (v8 === undefined) return;
        compared++;
        assert.equal(mine, v8, `the same position as V8 in ${JSON.stringify(broken)}`);
      }),
      { numRuns: 3000 },
    );
    assert.ok(compared > 1000, 'most errors were compared with a position V8 named');
  });

  it('deep nesting is scanned without recursion', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(199_999);
    assert.equal(jsonErrorOffset(deep), deep.length);
  });

  it('line and column of an offset', () => {
    assert.deepEqual(lineAndColumn('ab\ncd\nef', 4), { line: 2, column: 2, position: 4 });
    assert.deepEqual(lineAndColumn('ab', 0), { line: 1, column: 1, position: 0 });
  });

  it('any chunking of a byte stream (CRLF or LF, split characters) gives the same numbered lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
          { maxLength: 12 },
        ),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }),
        async (lines, crlf, sizes) => {
          const text = lines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join('');
          const bytes = Buffer.from(text);
          async function* chunks(): AsyncGenerator<Uint8Array> {
            for (let i = 0, n = 0; i < bytes.length; i += sizes[n++ % sizes.length])
              yield bytes.subarray(i, i + sizes[n % sizes.length]);
          }
          const expected = lines.map((l, i): [number, string] => [i + 1, l]);
          assert.deepEqual(await collect(chunks()), expected);
          assert.deepEqual(await collect(text), expected, 'the whole text, as one chunk');
        },
      ),
      { numRuns: 300 },
    );
  });
});
