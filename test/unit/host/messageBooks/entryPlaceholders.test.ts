/**
 * Which `${env:…}` and `${secret:…}` sending some entries needs (issue 10): directly or through the variables
 * they use, so one Send asks only for its own secrets.
 */
import assert from 'node:assert/strict';
import { parseMessageBook } from '../../../../src/core/messageBook';
import { placeholdersUsedBy } from '../../../../src/host/messageBooks/entryPlaceholders';

const TEXT = [
  '@host = ${env:CHAT_HOST}',
  '@token = ${secret:apiToken}',
  '@auth = {"token": "{{token}}", "via": "{{host}}"}',
  '@loop = {{loop}}',
  '### Plain',
  'text hello',
  '### Env',
  'text from ${env:USER} at {{host}}',
  '### Auth',
  'connect /admin {{auth}}',
  '### Escaped',
  'text \\${secret:notReally} and {{loop}}',
  '### Direct',
  'json {"k": "${secret:direct}", "again": "${secret:direct}"}',
].join('\n');

describe('placeholders used by entries', () => {
  const book = parseMessageBook(TEXT);
  const lines = TEXT.split('\n');
  const used = (...titles: string[]) =>
    placeholdersUsedBy(
      book,
      lines,
      book.entries.filter((e) => titles.includes(e.title ?? '')),
    );

  it('finds none for an entry without placeholders', () => {
    assert.deepEqual(used('Plain'), []);
  });

  it('finds them directly and through variables, each once', () => {
    assert.deepEqual(used('Env'), [
      { source: 'env', name: 'USER' },
      { source: 'env', name: 'CHAT_HOST' },
    ]);
    assert.deepEqual(used('Auth'), [
      { source: 'secret', name: 'apiToken' },
      { source: 'env', name: 'CHAT_HOST' },
    ]);
    assert.deepEqual(used('Direct'), [{ source: 'secret', name: 'direct' }]);
  });

  it('skips escapes and survives a variable that refers to itself', () => {
    assert.deepEqual(used('Escaped'), []);
  });

  it('unites the entries of Send all', () => {
    const all = placeholdersUsedBy(book, lines, book.entries).map((p) => `${p.source}:${p.name}`);
    assert.deepEqual(all, ['env:USER', 'env:CHAT_HOST', 'secret:apiToken', 'secret:direct']);
  });
});
