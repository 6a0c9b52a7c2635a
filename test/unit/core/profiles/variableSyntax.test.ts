/**
 * The placeholder syntax of profile strings: the four kinds of variable, `$${` for a literal `${`, the
 * problems a typo makes, and one-pass substitution (a value is never expanded again).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  hasPlaceholder,
  literalText,
  scanText,
  substitute,
  type Placeholder,
} from '../../../../src/core/profiles/variableSyntax';

const describePlaceholder = (p: Placeholder) => [p.kind, p.name, p.text];

describe('variableSyntax', () => {
  it('reads each kind of variable, with the literal text around them', () => {
    const scanned = scanText('wss://${env:HOST}/${var:path}?t=${secret:api.token-1}&d=${workspaceFolder}');
    assert.deepEqual(scanned.problems, []);
    assert.deepEqual(scanned.placeholders.map(describePlaceholder), [
      ['env', 'HOST', '${env:HOST}'],
      ['var', 'path', '${var:path}'],
      ['secret', 'api.token-1', '${secret:api.token-1}'],
      ['workspaceFolder', '', '${workspaceFolder}'],
    ]);
    assert.equal(literalText(scanned), 'wss:///?t=&d=');
    assert.equal(scanned.placeholders[0].start, 6);
    assert.equal(scanned.placeholders[0].end, 17);
  });

  it('reads $${ as a literal ${, not as a placeholder', () => {
    const scanned = scanText('price: $${amount}');
    assert.deepEqual([scanned.placeholders, scanned.problems], [[], []]);
    assert.equal(
      substitute(scanned, () => 'never'),
      'price: ${amount}',
    );
    assert.equal(hasPlaceholder('price: $${amount}'), false);
  });

  for (const [text, pattern] of [
    ['${HOST}', /Unknown variable "\$\{HOST\}"/],
    ['${environment:HOST}', /Unknown variable/],
    ['${env:1HOST}', /does not name an environment variable/],
    ['${secret:}', /does not name a secret/],
    ['${var:has space}', /does not name a variable/],
    ['ws://${env:HOST', /never closed/],
  ] as const) {
    it(`reports ${JSON.stringify(text)} as a problem`, () => {
      const scanned = scanText(text);
      assert.equal(scanned.problems.length, 1);
      assert.match(scanned.problems[0].message, pattern);
      assert.equal(hasPlaceholder(text), true, 'a malformed placeholder still counts as one');
    });
  }

  it('inserts values as they are, never expanding a placeholder inside a value (property)', () => {
    const value = fc.string().map((s) => `\${env:X}${s}\${secret:Y}`);
    fc.assert(
      fc.property(fc.string(), value, (prefix, inserted) => {
        const text = `${prefix.replace(/\$/g, '')}\${var:a}`;
        const out = substitute(scanText(text), () => inserted);
        return out === `${prefix.replace(/\$/g, '')}${inserted}`;
      }),
    );
  });

  it('finds no placeholder in text without "${"', () => {
    fc.assert(fc.property(fc.string(), (text) => hasPlaceholder(text.replace(/\{/g, '')) === false));
  });
});
