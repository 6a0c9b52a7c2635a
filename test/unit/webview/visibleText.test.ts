import * as assert from 'node:assert/strict';
import { codePointLabel, invisibleCharacterName } from '../../../src/webview/characterNames';
import {
  cutIndex,
  escapeFor,
  hasInvisible,
  splitVisible,
  visibleString,
  type TextMode,
  type TextSegment,
} from '../../../src/webview/visibleText';

/** The segments as a compact string: plain text as is, escapes in ⟦ ⟧. */
function render(text: string, mode: TextMode = 'line'): string {
  return splitVisible(text, { mode })
    .segments.map((s) => (s.kind === 'escape' ? `⟦${s.text}⟧` : s.text))
    .join('');
}

function escapes(text: string, mode: TextMode = 'line'): TextSegment[] {
  return splitVisible(text, { mode }).segments.filter((s) => s.kind === 'escape');
}

describe('webview visible text (issue #7)', () => {
  describe('escapes every invisible character class', () => {
    const cases: Array<[string, number, string]> = [
      ['NUL', 0x00, '\\0'],
      ['C0 control', 0x01, '\\x01'],
      ['escape', 0x1b, '\\x1B'],
      ['backspace', 0x08, '\\x08'],
      ['vertical tab', 0x0b, '\\x0B'],
      ['form feed', 0x0c, '\\x0C'],
      ['DEL', 0x7f, '\\x7F'],
      ['C1 control (NEXT LINE)', 0x85, '\\x85'],
      ['C1 control (APC)', 0x9f, '\\x9F'],
      ['soft hyphen', 0xad, '\\xAD'],
      ['Mongolian vowel separator', 0x180e, '\\u180E'],
      ['zero width space', 0x200b, '\\u200B'],
      ['zero width non-joiner', 0x200c, '\\u200C'],
      ['zero width joiner', 0x200d, '\\u200D'],
      ['left-to-right mark', 0x200e, '\\u200E'],
      ['right-to-left mark', 0x200f, '\\u200F'],
      ['line separator', 0x2028, '\\u2028'],
      ['paragraph separator', 0x2029, '\\u2029'],
      ['LTR embedding', 0x202a, '\\u202A'],
      ['RTL override', 0x202e, '\\u202E'],
      ['word joiner', 0x2060, '\\u2060'],
      ['invisible plus', 0x2064, '\\u2064'],
      ['LTR isolate', 0x2066, '\\u2066'],
      ['pop directional isolate', 0x2069, '\\u2069'],
      ['byte order mark', 0xfeff, '\\uFEFF'],
      ['Arabic letter mark', 0x61c, '\\u061C'],
    ];
    for (const [what, codePoint, escape] of cases) {
      it(`${what} (${codePointLabel(codePoint)}) → ${escape}, in both modes`, () => {
        const char = String.fromCodePoint(codePoint);
        for (const mode of ['line', 'block'] as const) {
          assert.equal(render(`a${char}b`, mode), `a⟦${escape}⟧b`, mode);
          assert.equal(hasInvisible(char, mode), true, mode);
        }
      });
    }

    it('names the character in the title', () => {
      assert.equal((escapes('\u200b')[0] as { title: string }).title, 'U+200B ZERO WIDTH SPACE');
      assert.equal((escapes('\u0000')[0] as { title: string }).title, 'U+0000 NULL');
      assert.equal((escapes('\u0085')[0] as { title: string }).title, 'U+0085 NEXT LINE');
      assert.equal((escapes('\u202e')[0] as { title: string }).title, 'U+202E RIGHT-TO-LEFT OVERRIDE');
      assert.equal((escapes('\r')[0] as { title: string }).title, 'U+000D CARRIAGE RETURN');
    });

    it('gives every escaped character a name', () => {
      for (let cp = 0; cp < 0x10000; cp++) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        if (!hasInvisible(String.fromCharCode(cp), 'line')) continue;
        assert.notEqual(invisibleCharacterName(cp), 'INVISIBLE CHARACTER', codePointLabel(cp));
      }
    });
  });

  describe('line breaks and tabs', () => {
    it('one-line cells show LF, CRLF and tab as escapes', () => {
      assert.equal(render('a\nb\r\nc\td', 'line'), 'a⟦\\n⟧b⟦\\r⟧⟦\\n⟧c⟦\\t⟧d');
    });
    it('multi-line views keep LF, CRLF and tab as they are', () => {
      assert.deepEqual(splitVisible('a\nb\r\nc\td', { mode: 'block' }).segments, [
        { kind: 'plain', text: 'a\nb\r\nc\td' },
      ]);
    });
    it('a lone CR is an escape in both modes; CRLF is not, in a multi-line view', () => {
      assert.equal(render('a\rb', 'block'), 'a⟦\\r⟧b');
      assert.equal(render('a\rb', 'line'), 'a⟦\\r⟧b');
      assert.equal(render('a\r\nb', 'block'), 'a\r\nb');
      assert.equal(render('a\r\r\nb\r', 'block'), 'a⟦\\r⟧\r\nb⟦\\r⟧');
    });
  });

  it('the literal text \\u200B and the real U+200B produce different segment kinds', () => {
    const literal = splitVisible('x\\u200By', { mode: 'line' }).segments;
    const real = splitVisible('x\u200by', { mode: 'line' }).segments;
    assert.deepEqual(literal, [{ kind: 'plain', text: 'x\\u200By' }]);
    assert.deepEqual(
      real.map((s) => s.kind),
      ['plain', 'escape', 'plain'],
    );
    assert.equal(real[1].text, '\\u200B', 'the escape reads like the literal…');
    assert.notEqual(literal[0].kind, real[1].kind, '…but is a different kind, so it is drawn differently');
  });

  it('NUL and \\x01 no longer look alike', () => {
    assert.notEqual(render('\u0000'), render('\u0001'));
  });

  describe('surrogate pairs', () => {
    it('keeps pairs (emoji) as plain text', () => {
      assert.deepEqual(splitVisible('hi 😀!', { mode: 'line' }).segments, [{ kind: 'plain', text: 'hi 😀!' }]);
      assert.equal(hasInvisible('😀\n😀', 'block'), false);
    });
    it('shows lone surrogates as escapes, so they differ from each other and from U+FFFD', () => {
      assert.equal(render('a\ud800b'), 'a⟦\\uD800⟧b');
      assert.equal(render('a\udc00b'), 'a⟦\\uDC00⟧b');
      assert.equal(render('\ud83d'), '⟦\\uD83D⟧');
      assert.equal(render('\ufffd'), '\ufffd');
    });
    it('shows tag characters (invisible ASCII) with the letter they hide', () => {
      const [tag] = escapes('a\u{e0041}b');
      assert.equal(tag.text, '\\u{E0041}');
      assert.equal((tag as { title: string }).title, 'U+E0041 TAG CHARACTER (invisible "A")');
      assert.equal(render('\u{1f600}\u{e0041}'), '😀⟦\\u{E0041}⟧');
    });
  });

  describe('length cuts', () => {
    it('cuts with room for the ellipsis', () => {
      assert.equal(visibleString('abcdef', { mode: 'line', maxChars: 4 }), 'abc…');
      assert.equal(visibleString('abcd', { mode: 'line', maxChars: 4 }), 'abcd');
    });
    it('never cuts inside a surrogate pair', () => {
      const text = 'ab😀cd';
      assert.equal(cutIndex(text, 4), 2, 'the pair at 2–3 would be split at 3: cut before it');
      const { segments, cut } = splitVisible(text, { mode: 'line', maxChars: 4 });
      assert.deepEqual(segments, [{ kind: 'plain', text: 'ab' }]);
      assert.equal(cut, true);
    });
    it('never cuts a CRLF into a lone CR', () => {
      assert.equal(cutIndex('ab\r\ncd', 4), 2);
      assert.equal(render('ab\r\ncd'.slice(0, cutIndex('ab\r\ncd', 4)), 'block'), 'ab');
    });
    it('stops at the escape budget and says so', () => {
      const { segments, cut } = splitVisible('a\u0000b\u0000c\u0000d', { mode: 'block', maxEscapes: 2 });
      assert.deepEqual(
        segments.map((s) => s.text),
        ['a', '\\0', 'b', '\\0', 'c'],
      );
      assert.equal(cut, true);
    });
  });

  it('writes escapes out for tooltips', () => {
    assert.equal(visibleString('a\u200bb\n', { mode: 'line' }), 'a\\u200Bb\\n');
  });

  it('escapeFor uses the short forms, \\xHH up to U+00FF and \\uHHHH above', () => {
    assert.deepEqual([0, 9, 10, 13, 1, 0xad, 0xfeff, 0xe007f].map(escapeFor), [
      '\\0',
      '\\t',
      '\\n',
      '\\r',
      '\\x01',
      '\\xAD',
      '\\uFEFF',
      '\\u{E007F}',
    ]);
  });

  describe('cost', () => {
    it('a 1 MB string with nothing to escape takes the fast path: one plain segment, quickly', () => {
      const sentence = 'The quick brown fox {"json": [1, 2, 3]} é 😀 ';
      const big = sentence.repeat(Math.ceil(1_048_576 / 46)).slice(0, 1_048_576 - 1) + '.';
      const started = performance.now();
      const { segments, cut } = splitVisible(big, { mode: 'block', maxEscapes: 20_000 });
      const elapsed = performance.now() - started;
      assert.equal(segments.length, 1);
      assert.equal(segments[0].text, big);
      assert.equal(cut, false);
      // One regex scan over 1 MB takes a few ms; the bound is loose so a slow CI machine still passes.
      assert.ok(elapsed < 250, `took ${elapsed.toFixed(1)} ms`);
    });
    it('a 1 MB string full of escapes stops at the budget', () => {
      const big = 'a\u0000'.repeat(524_288);
      const { segments, cut } = splitVisible(big, { mode: 'block', maxEscapes: 20_000 });
      assert.equal(cut, true);
      assert.equal(segments.filter((s) => s.kind === 'escape').length, 20_000);
    });
  });
});
