/**
 * Message books as a user writes them (FORMAT.md): every kind, bodies and their blank lines, comments,
 * variables, and each malformed entry reported at the exact place while the others stay sendable.
 */
import assert from 'node:assert/strict';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import type { BookDiagnostic, BookEntry, MessageBook } from '../../../../src/core/messageBook/bookTypes';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_BOOK_ENTRIES } from '../../../../src/core/messageBook/bookLimits';
import { bookValues } from '../../../../src/core/messageBook/bookVariables';
import { entryToSendRequest } from '../../../../src/core/messageBook/entryToSendRequest';

/** Lines joined with LF. */
const book = (...lines: string[]): string => lines.join('\n');

function onlyEntry(text: string): BookEntry {
  const parsed = parseMessageBook(text);
  assert.equal(parsed.entries.length, 1, JSON.stringify(parsed.diagnostics));
  return parsed.entries[0];
}

function errors(parsed: MessageBook): BookDiagnostic[] {
  return parsed.diagnostics.filter((d) => d.severity === 'error');
}

/** The one error of `text`: its line, columns and a pattern for its words. */
function assertOneError(text: string, line: number, startCol: number, endCol: number, message: RegExp): MessageBook {
  const parsed = parseMessageBook(text);
  const found = errors(parsed);
  assert.equal(found.length, 1, JSON.stringify(parsed.diagnostics));
  assert.deepEqual(found[0].range, { line, startCol, endCol });
  assert.match(found[0].message, message);
  return parsed;
}

describe('parseMessageBook', () => {
  describe('a good book', () => {
    const text = book(
      '# Chat demo',
      '// a second comment style',
      '@user = ada',
      '',
      '### Say hello',
      'text',
      'Hello, {{user}}!',
      '',
      '###   Login  ',
      '# comments above the kind line are fine',
      'json',
      '{',
      '  "type": "login"',
      '}',
      '',
      '',
      '###',
      'delay 250ms',
      '',
      '### Wait for the echo',
      'wait for /hello,\\s+ada/i timeout 3s',
    );
    const parsed = parseMessageBook(text);

    it('has its entries, in order, each valid with its fields', () => {
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(
        parsed.entries.map((e) => [e.kind, e.title, e.valid]),
        [
          ['text', 'Say hello', true],
          ['json', 'Login', true],
          ['delay', undefined, true],
          ['wait', 'Wait for the echo', true],
        ],
      );
      assert.deepEqual(parsed.entries[0].fields, { kind: 'text', text: 'Hello, {{user}}!' });
      assert.deepEqual(parsed.entries[1].fields, { kind: 'json', text: '{\n  "type": "login"\n}' });
      assert.deepEqual(parsed.entries[2].fields, { kind: 'delay', ms: 250 });
      assert.deepEqual(parsed.entries[3].fields, {
        kind: 'wait',
        pattern: { type: 'regex', source: 'hello,\\s+ada', flags: 'i' },
        timeoutMs: 3000,
      });
    });

    it('gives each entry its lines, its separator and its kind line (where the CodeLens goes)', () => {
      const login = parsed.entries[1];
      assert.deepEqual(login.range, { startLine: 8, endLine: 13 });
      assert.equal(login.separatorLine, 8);
      assert.deepEqual(login.headerRange, { line: 10, startCol: 0, endCol: 4 });
    });

    it('lists the variables with where their names are', () => {
      assert.deepEqual(parsed.variables, [
        { name: 'user', value: 'ada', nameRange: { line: 2, startCol: 1, endCol: 5 } },
      ]);
    });
  });

  describe('bodies', () => {
    it('keep every line as written, indentation and inner blank lines included', () => {
      const entry = onlyEntry(book('###', 'text', '  indented', '', '\tand a tab  ', '# not a comment here'));
      assert.deepEqual(entry.fields, { kind: 'text', text: '  indented\n\n\tand a tab  \n# not a comment here' });
    });

    it('drop the blank lines at their start and end', () => {
      const entry = onlyEntry(book('###', 'text', '', '   ', 'middle', '', '  ', '', '###'));
      assert.deepEqual(entry.fields, { kind: 'text', text: 'middle' });
    });

    it('read the same with CR LF and CR line ends, and after a byte order mark', () => {
      const lf = parseMessageBook(book('### t', 'text', 'a', 'b', '### u', 'ping'));
      const crlf = parseMessageBook('\ufeff### t\r\ntext\r\na\r\nb\r\n### u\rping');
      assert.deepEqual(crlf, lf);
    });

    it('may be the value on the kind line, quoted as a JSON string for exact text', () => {
      const parsed = parseMessageBook(
        book('###', 'text hello there  ', '###', 'text "  two\\nlines "', '###', 'eio 4probe'),
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.fields),
        [
          { kind: 'text', text: 'hello there' },
          { kind: 'text', text: '  two\nlines ' },
          { kind: 'eio', text: '4probe' },
        ],
      );
    });

    it('allow an entry before the first separator', () => {
      assert.deepEqual(onlyEntry(book('# hi', 'ping')).fields, { kind: 'ping' });
    });

    it('treat a separator with nothing after it as no entry', () => {
      assert.equal(parseMessageBook(book('###', '# nothing yet', '###', '', '###')).entries.length, 0);
    });
  });

  describe('kinds', () => {
    it('binary as hex, base64 (below or on the line) and a file path', () => {
      const parsed = parseMessageBook(
        book('###', 'binary hex', '01 02', '0xff', '###', 'binary base64 AQID', '###', 'binary file ./img/logo.png'),
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.fields),
        [
          { kind: 'binary', encoding: 'hex', data: '01 02\n0xff' },
          { kind: 'binary', encoding: 'base64', data: 'AQID' },
          { kind: 'binary', encoding: 'file', path: './img/logo.png' },
        ],
      );
    });

    it('emit with a JSON array, or one JSON value per line, with ack and a namespace', () => {
      const parsed = parseMessageBook(
        book(
          '###',
          'emit chat',
          '["hi", {"n": 1}]',
          '###',
          'emit "chat message" ack in /room',
          '"hi"',
          '',
          '{"n": 1}',
          '42',
        ),
      );
      assert.deepEqual(parsed.diagnostics, []);
      assert.deepEqual(parsed.entries[0].fields, {
        kind: 'emit',
        event: 'chat',
        namespace: '/',
        ack: false,
        args: '["hi", {"n": 1}]',
      });
      assert.deepEqual(parsed.entries[1].fields, {
        kind: 'emit',
        event: 'chat message',
        namespace: '/room',
        ack: true,
        args: '["hi",{"n": 1},42]',
      });
      assert.deepEqual(JSON.parse((parsed.entries[1].fields as { args: string }).args), ['hi', { n: 1 }, 42]);
    });

    it('emit without arguments, connect with auth, disconnect', () => {
      const parsed = parseMessageBook(
        book(
          '###',
          'emit ping-me',
          '###',
          'connect /admin {"token": "t"}',
          '###',
          'connect',
          '###',
          'disconnect /admin',
        ),
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.fields),
        [
          { kind: 'emit', event: 'ping-me', namespace: '/', ack: false, args: '[]' },
          { kind: 'connect', namespace: '/admin', auth: '{"token": "t"}' },
          { kind: 'connect', namespace: '/' },
          { kind: 'disconnect', namespace: '/admin' },
        ],
      );
    });

    it('ping, close, delay and wait for a quoted text', () => {
      const parsed = parseMessageBook(
        book('###', 'ping are you there', '###', 'close', '###', 'close 4001 done for "today"', '###', 'delay 1.5s'),
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.fields),
        [
          { kind: 'ping', text: 'are you there' },
          { kind: 'close' },
          { kind: 'close', code: 4001, reason: 'done for "today"' },
          { kind: 'delay', ms: 1500 },
        ],
      );
      assert.deepEqual(onlyEntry('wait for "joined"').fields, {
        kind: 'wait',
        pattern: { type: 'text', text: 'joined' },
        timeoutMs: 10_000,
      });
    });
  });

  describe('malformed entries', () => {
    it('bad JSON: the character where it breaks; the other entries stay valid', () => {
      const parsed = assertOneError(
        book('###', 'text ok', '### bad', 'json', '{"a": 1,', ' "b" 2}', '###', 'ping'),
        5,
        5,
        6,
        /":" is expected after the property name/,
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.valid),
        [true, false, true],
      );
      assert.equal(parsed.entries[1].fields, undefined);
    });

    it('a comment inside JSON says where comments go', () => {
      assertOneError(book('###', 'json', '{', '  // the id', '  "id": 1', '}'), 3, 2, 3, /JSON has no comments/);
    });

    it('a trailing comma, an unclosed object, JSON that is missing', () => {
      assertOneError(book('###', 'json', '[1, 2,]'), 2, 5, 6, /no comma before a closing bracket/);
      assertOneError(book('###', 'json', '{"a": [1'), 2, 8, 9, /ends inside an array/);
      assertOneError(book('###', 'json', '', '###'), 1, 0, 0, /The JSON is missing/);
    });

    it('odd hex, a bad hex digit, bad base64', () => {
      assertOneError(book('###', 'binary hex', '01 02', '0'), 3, 0, 1, /odd number of digits \(5\)/);
      assertOneError(book('###', 'binary hex', '01 0g'), 2, 4, 5, /"g" is not a hex digit/);
      assertOneError(book('###', 'binary base64', 'AQ=D'), 2, 2, 3, /padding .* only come at the end/);
      assertOneError(book('###', 'binary base64', 'AQIDB'), 2, 0, 5, /impossible length/);
    });

    it('an unknown kind, and one in capitals', () => {
      assertOneError(book('###', '  send hello'), 1, 2, 6, /"send" is not a kind of entry: write text, json/);
      assertOneError(book('###', 'JSON', '{}'), 1, 0, 4, /lowercase: "json"/);
      assertOneError(book('###', '{"a": 1}'), 1, 0, 5, /needs its kind on the line above/);
    });

    it('an unknown variable, at the reference', () => {
      const parsed = assertOneError(book('@a = 1', '###', 'text', 'x {{a}} {{ b }}'), 3, 8, 15, /No variable "b"/);
      assert.equal(parsed.entries[0].valid, false);
    });

    it('variables that refer to themselves, and the entries that use them', () => {
      const parsed = parseMessageBook(
        book('@a = {{b}}', '@b = x{{a}}', '@c = fine', '###', 'text {{a}}', '###', 'text {{c}}'),
      );
      assert.deepEqual(
        errors(parsed).map((d) => [d.range.line, d.message]),
        [
          [0, '"a" refers to itself: a → b → a.'],
          [4, '"a" cannot be filled in: see its definition on line 1.'],
        ],
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.valid),
        [false, true],
      );
    });

    it('close codes outside 1000–4999, reserved ones, and a reason without a code', () => {
      assertOneError(book('###', 'close 999'), 1, 6, 9, /999 is not a close code: they run from 1000 to 4999/);
      assertOneError(book('###', 'close 5000 x'), 1, 6, 10, /5000 is not a close code/);
      assertOneError(book('###', 'close 1006'), 1, 6, 10, /1006 is reserved/);
      assertOneError(book('###', 'close 2000'), 1, 6, 10, /reserved for future versions/);
      assertOneError(book('###', 'close bye'), 1, 6, 9, /close code comes first/);
      assert.deepEqual(onlyEntry('close 1000').fields, { kind: 'close', code: 1000 });
    });

    it('a ping over 125 bytes, a close reason over 123', () => {
      assertOneError(`ping ${'x'.repeat(126)}`, 0, 5, 131, /at most 125 bytes; this one has 126/);
      assertOneError(`close 1000 ${'é'.repeat(62)}`, 0, 11, 73, /at most 123 bytes; this one has 124/);
    });

    it('delays and waits with bad durations or patterns', () => {
      assertOneError('delay 500', 0, 6, 9, /Add a unit: 500ms or 500s/);
      assertOneError('delay 11m', 0, 6, 9, /not a duration/);
      assertOneError('delay 601s', 0, 6, 10, /longer than the 10 minutes allowed/);
      assertOneError('wait /x/', 0, 5, 8, /Write: wait for \/regex\//);
      assertOneError('wait for /a(b/', 0, 9, 14, /not valid: Unterminated group/);
      assertOneError('wait for /x/g', 0, 9, 13, /Flags "g" are not accepted/);
      assertOneError('wait for /x/ after 2s', 0, 13, 21, /Only "timeout <duration>"/);
      assertOneError('wait for "x" timeout 0s', 0, 21, 23, /timeout of 0/);
    });

    it('warns (without refusing) about a pattern with nested repetition', () => {
      const parsed = parseMessageBook('wait for /^(a+)+$/');
      assert.deepEqual(errors(parsed), []);
      assert.equal(parsed.diagnostics[0].severity, 'warning');
      assert.deepEqual(parsed.diagnostics[0].range, { line: 0, startCol: 11, endCol: 12 });
      assert.equal(parsed.entries[0].valid, true);
    });

    it('emit: a reserved event name, an unknown word, a namespace with a comma', () => {
      assertOneError('emit connect', 0, 5, 12, /"connect" is reserved/);
      assertOneError('emit chat now', 0, 10, 13, /only "ack" and "in \/namespace"/);
      assertOneError('emit chat in /a,b', 0, 13, 17, /is not a namespace/);
      assertOneError(book('emit chat', '"a",', '1'), 1, 3, 4, /Only one JSON value fits here/);
    });

    it('lines below a kind that takes none; a body below a value on the kind line', () => {
      assertOneError(book('###', 'ping', '# fine', 'oops', 'twice'), 3, 0, 4, /"ping" takes nothing below its line/);
      assertOneError(book('###', 'text hi', 'there'), 2, 0, 5, /value is on the kind line already/);
      assertOneError(book('###', 'json {}', '{}'), 2, 0, 2, /value is on the kind line already/);
    });

    it('malformed and repeated variables', () => {
      assertOneError('@ = 1', 0, 0, 2, /needs a name/);
      assertOneError('@9x = 1', 0, 1, 3, /not a variable name/);
      assertOneError('@x 1', 0, 0, 4, /A variable is written @name = value/);
      const parsed = parseMessageBook(book('@x = 1', '@x = 2', 'text {{x}}'));
      assert.deepEqual(
        parsed.diagnostics.map((d) => [d.severity, d.range.line]),
        [['warning', 1]],
      );
    });

    it('does not count a malformed variable below an entry against that entry', () => {
      const parsed = assertOneError(
        book('###', 'ping', '@9 = x', '###', 'text {{ok}}', '@ok = 1'),
        2,
        1,
        2,
        /not a variable/,
      );
      assert.deepEqual(
        parsed.entries.map((e) => e.valid),
        [true, true],
      );
    });

    it('collects the host placeholders the book uses, once each', () => {
      const parsed = parseMessageBook(book('@t = ${secret:TOKEN}', 'text ${env:HOME} ${secret:TOKEN} \\${env:NOT}'));
      assert.deepEqual(parsed.hostPlaceholders, [
        { source: 'secret', name: 'TOKEN' },
        { source: 'env', name: 'HOME' },
      ]);
    });
  });

  describe('bounds', () => {
    it(`keeps at most ${MAX_BOOK_ENTRIES} entries and says so once`, () => {
      const parsed = parseMessageBook('###\nping\n'.repeat(MAX_BOOK_ENTRIES + 50));
      assert.equal(parsed.entries.length, MAX_BOOK_ENTRIES);
      assert.equal(parsed.diagnostics.length, 1);
      assert.deepEqual(parsed.diagnostics[0].range.line, MAX_BOOK_ENTRIES * 2 + 1);
      assert.match(parsed.diagnostics[0].message, /at most 10000 entries/);
    });

    it('reports at most 1000 problems, then how many more there were', () => {
      const parsed = parseMessageBook('###\nnope\n'.repeat(1500));
      assert.equal(parsed.diagnostics.length, 1001);
      assert.match(parsed.diagnostics[1000].message, /^500 more problems are not shown/);
    });

    // The mocha timeout is the guard: a quadratic step would take hours on these inputs.
    it('parses a 10 MB book and 1 MB lines built to trip a backtracking or quadratic parser', () => {
      const big = `### one\njson\n[${'1,'.repeat(5_000_000)}1]\n### two\nping\n`;
      const parsed = parseMessageBook(big);
      assert.deepEqual(
        parsed.entries.map((e) => e.valid),
        [true, true],
      );
      const lines = [
        `text ${'{{ '.repeat(350_000)}`,
        `text ${'{{a'.repeat(350_000)}`,
        `json ${'['.repeat(1_000_000)}`,
        `wait for /${'('.repeat(1000)}/`,
        `@v = ${'${env:'.repeat(200_000)}`,
        `emit ${'x'.repeat(1_000_000)} ack`,
        `close 1000 ${'"'.repeat(1_000_000)}`,
        `binary hex ${'0x'.repeat(500_000)}`,
      ];
      const hard = parseMessageBook(lines.map((l) => `###\n${l}`).join('\n'));
      // The variable's block holds no entry; the close reason is far over 123 bytes.
      assert.deepEqual(
        hard.entries.map((e) => [e.kind, e.valid]),
        [
          ['text', true],
          ['text', true],
          ['json', false],
          ['wait', false],
          ['emit', true],
          ['close', false],
          ['binary', true],
        ],
      );
    });

    it('never throws on arbitrary text', () => {
      const pieces = [
        '###',
        'text',
        'json',
        '{',
        '}',
        '"',
        '\\',
        '{{x}}',
        '@a =',
        'emit',
        'wait for /',
        '\r',
        '\n',
        ' ',
      ];
      let seed = 7;
      for (let n = 0; n < 500; n++) {
        let text = '';
        for (let k = 0; k < 40; k++) {
          seed = (seed * 1103515245 + 12345) % 2 ** 31;
          text += pieces[seed % pieces.length];
        }
        const parsed = parseMessageBook(text);
        assert.ok(Array.isArray(parsed.entries) && Array.isArray(parsed.diagnostics));
        for (const entry of parsed.entries) assert.equal(entry.valid, entry.fields !== undefined);
      }
    });
  });

  it('reads the demo workspace book cleanly, every message sendable on a Socket.IO session', async () => {
    const text = readFileSync(path.join(__dirname, '../../../../demo/workspace/chat.rimessages'), 'utf8');
    const parsed = parseMessageBook(text);
    assert.deepEqual(parsed.diagnostics, []);
    assert.deepEqual(parsed.hostPlaceholders, [{ source: 'secret', name: 'demoAdminToken' }]);
    const values = bookValues(parsed.variables, { secrets: { demoAdminToken: 'secret' } });
    const kinds: string[] = [];
    for (const entry of parsed.entries) {
      if (entry.kind === 'delay' || entry.kind === 'wait') continue;
      const result = await entryToSendRequest(entry, values, 'socketio');
      assert.ok(result.ok, !result.ok ? result.error.message : '');
      kinds.push(result.request.kind);
    }
    assert.ok(kinds.includes('sio-emit') && kinds.includes('sio-connect') && kinds.includes('sio-disconnect'));
  });
});
