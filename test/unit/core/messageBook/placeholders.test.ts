/**
 * Placeholders: `{{name}}` from file variables (which may refer to others), `${env:…}` and `${secret:…}` from
 * the host, the `\{{` and `\${` escapes, and failures that name the placeholder but never quote a value.
 */
import assert from 'node:assert/strict';
import { MAX_RESOLVED_CHARS } from '../../../../src/core/messageBook/bookLimits';
import { bookValues } from '../../../../src/core/messageBook/bookVariables';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import {
  escapePlaceholders,
  scanPlaceholders,
  substitute,
  type BookValues,
} from '../../../../src/core/messageBook/placeholders';

const values = (variables: Record<string, string>, host: Partial<BookValues> = {}): BookValues => ({
  variables: new Map(Object.entries(variables)),
  ...host,
});

describe('placeholders', () => {
  it('finds variables, host placeholders and escapes with their offsets', () => {
    assert.deepEqual(scanPlaceholders('a {{ x }} ${env:HOME} \\{{y}} ${secret:api.key} \\${z} {{9}} ${other:x}'), [
      { type: 'variable', name: 'x', start: 2, end: 9 },
      { type: 'env', name: 'HOME', start: 10, end: 21 },
      { type: 'escape', literal: '{{', start: 22, end: 25 },
      { type: 'secret', name: 'api.key', start: 29, end: 46 },
      { type: 'escape', literal: '${', start: 47, end: 50 },
    ]);
  });

  it('fills in variables that refer to variables and to the host', () => {
    const book = parseMessageBook('@host = 127.0.0.1\n@url = ws://{{host}}/x?t=${secret:T}&u=${env:USER}\n');
    const filled = substitute(
      'connect to {{url}}',
      bookValues(book.variables, { env: { USER: 'ada' }, secrets: { T: 's3' } }),
    );
    assert.deepEqual(filled, { ok: true, text: 'connect to ws://127.0.0.1/x?t=s3&u=ada' });
  });

  it('inserts values as they are: a value holding {{x}} is not filled in again', () => {
    assert.deepEqual(substitute('{{a}}', values({ a: '\\{{b}}', b: 'no' })), { ok: true, text: '{{b}}' });
    assert.deepEqual(substitute('{{a}}', values({ a: '${secret:S}' }, { secrets: { S: '{{b}}' } })), {
      ok: true,
      text: '{{b}}',
    });
  });

  it('escapes read back as the text they stand for', () => {
    for (const text of ['{{x}}', '${env:X}', '\\{{', '{{{', '{{{{', '$${', '\\\\{{x}}', 'plain', '']) {
      assert.deepEqual(substitute(escapePlaceholders(text), values({})), { ok: true, text }, text);
    }
  });

  it('names what is missing, never a value', () => {
    const secret = 'hunter2';
    const cases: Array<[string, BookValues, RegExp]> = [
      ['{{nope}}', values({}), /The variable "nope" is not defined in this book/],
      ['${secret:T}', values({}, { secrets: {} }), /The secret "T" \(\$\{secret:T\}\) has no value/],
      ['${env:E}', values({}), /The environment variable "E"/],
      ['{{a}}', values({ a: `${secret}{{b}}`, b: '{{a}}' }, {}), /"a" refers to itself: a → b → a/],
      ['${secret:toString}', values({}, { secrets: {} }), /"toString"/],
    ];
    for (const [template, given, message] of cases) {
      const result = substitute(template, given);
      assert.ok(!result.ok, template);
      assert.match(result.message, message);
      assert.ok(!result.message.includes(secret));
    }
  });

  it(`refuses a text that would grow past ${MAX_RESOLVED_CHARS / 2 ** 20} MiB`, () => {
    const doubling: Record<string, string> = { v0: 'x'.repeat(1024) };
    for (let i = 1; i <= 20; i++) doubling[`v${i}`] = `{{v${i - 1}}}{{v${i - 1}}}`;
    const result = substitute('{{v20}}', values(doubling));
    assert.ok(!result.ok);
    assert.match(result.message, /longer than 16 MiB/);
  });
});
