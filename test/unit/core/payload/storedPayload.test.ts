/**
 * Payloads stored with log events: whole up to the limit, otherwise truncated with the full length
 * and the SHA-256 of the full bytes; text is cut on a UTF-8 character boundary.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  adoptedBinaryPayload,
  binaryPayload,
  textOrBinary,
  textPayload,
  textPayloadFromBytes,
} from '../../../../src/core/payload/storedPayload';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

describe('storedPayload', () => {
  describe('textPayload', () => {
    it('keeps text under the limit whole, with its UTF-8 byte length', () => {
      assert.deepEqual(textPayload('Hello €', 100), { kind: 'text', text: 'Hello €', byteLength: 9 });
    });

    it('keeps text exactly at the limit whole (limit counts bytes, not characters)', () => {
      assert.deepEqual(textPayload('€€', 6), { kind: 'text', text: '€€', byteLength: 6 });
    });

    it('keeps empty text whole', () => {
      assert.deepEqual(textPayload('', 0), { kind: 'text', text: '', byteLength: 0 });
    });

    it('truncates ASCII over the limit and records keptBytes and the SHA-256 of the full text', () => {
      const text = 'Hello, WebSocket!';
      assert.deepEqual(textPayload(text, 5), {
        kind: 'text',
        text: 'Hello',
        byteLength: 17,
        truncated: { keptBytes: 5, sha256: sha256(Buffer.from(text, 'utf8')) },
      });
    });

    it('never splits a UTF-8 character: "€€" (e2 82 ac e2 82 ac) with limit 4 keeps 3 bytes, one "€"', () => {
      const stored = textPayload('€€', 4);
      assert.equal(stored.kind, 'text');
      assert.equal(stored.kind === 'text' && stored.text, '€');
      assert.equal(stored.byteLength, 6);
      assert.deepEqual(stored.truncated, { keptBytes: 3, sha256: sha256(hex('e2 82 ac e2 82 ac')) });
    });

    it('limit 5 on "€€" also keeps one "€"; limit 3 keeps it exactly', () => {
      assert.deepEqual(textPayload('€€', 5).truncated?.keptBytes, 3);
      assert.equal((textPayload('€€', 5) as { text: string }).text, '€');
      assert.deepEqual(textPayload('€€', 3).truncated?.keptBytes, 3);
      assert.equal((textPayload('€€', 3) as { text: string }).text, '€');
    });

    it('a limit inside the first character keeps nothing rather than a broken character', () => {
      const stored = textPayload('€', 2);
      assert.equal((stored as { text: string }).text, '');
      assert.equal(stored.truncated?.keptBytes, 0);
      assert.equal(stored.byteLength, 3);
    });

    it('handles 4-byte characters (😀 = f0 9f 98 80) and mixed widths at every limit', () => {
      const text = 'a😀é€b';
      const full = Buffer.from(text, 'utf8');
      for (let limit = 0; limit < full.length; limit++) {
        const stored = textPayload(text, limit) as { text: string; truncated?: { keptBytes: number; sha256: string } };
        const keptText = stored.text;
        assert.ok(!keptText.includes('\ufffd'), `limit ${limit}: no replacement character`);
        assert.ok(text.startsWith(keptText), `limit ${limit}: a prefix of the text`);
        const kept = Buffer.byteLength(keptText, 'utf8');
        assert.equal(stored.truncated?.keptBytes, kept, `limit ${limit}: keptBytes matches the text`);
        assert.ok(kept <= limit && kept > limit - 4, `limit ${limit}: kept ${kept}`);
        assert.equal(stored.truncated?.sha256, sha256(full));
      }
    });
  });

  describe('binaryPayload', () => {
    it('keeps bytes under the limit whole', () => {
      assert.deepEqual(binaryPayload(hex('81 05 48 65 6c 6c 6f'), 7), {
        kind: 'binary',
        bytes: hex('81 05 48 65 6c 6c 6f'),
        byteLength: 7,
      });
    });

    it('copies the bytes: later changes to the source do not reach the stored payload', () => {
      const source = hex('01 02 03');
      const stored = binaryPayload(source, 10);
      source[0] = 0xff;
      assert.equal(stored.kind === 'binary' && stored.bytes[0], 0x01);
      const big = new Uint8Array(10).fill(7);
      const truncated = binaryPayload(big, 4);
      big[0] = 0;
      assert.equal(truncated.kind === 'binary' && truncated.bytes[0], 7);
      assert.equal(
        truncated.kind === 'binary' && truncated.bytes.buffer.byteLength,
        4,
        'the truncated copy does not hold the full buffer',
      );
    });

    it('truncates over the limit with keptBytes and the SHA-256 of the full bytes', () => {
      const bytes = new Uint8Array(1000).map((_, i) => (i * 13) & 0xff);
      const stored = binaryPayload(bytes, 16);
      assert.equal(stored.kind, 'binary');
      assert.deepEqual(stored.kind === 'binary' && stored.bytes, bytes.subarray(0, 16));
      assert.equal(stored.byteLength, 1000);
      assert.deepEqual(stored.truncated, { keptBytes: 16, sha256: sha256(bytes) });
    });

    it('the SHA-256 of empty-looking truncation (limit 0) still covers the full bytes', () => {
      const stored = binaryPayload(hex('00 00'), 0);
      assert.equal(stored.kind === 'binary' && stored.bytes.length, 0);
      assert.deepEqual(stored.truncated, { keptBytes: 0, sha256: sha256(hex('00 00')) });
    });
  });

  describe('textPayloadFromBytes (a text message as received, issue #7)', () => {
    const text = 'a😀é€b\ufeffz';
    const full = Buffer.from(text, 'utf8');

    it('keeps whole text as given, or decodes the bytes when no text is given', () => {
      assert.deepEqual(textPayloadFromBytes(full, 100, text), { kind: 'text', text, byteLength: full.length });
      assert.deepEqual(textPayloadFromBytes(full, 100), { kind: 'text', text, byteLength: full.length });
    });

    it('at every limit, with or without the decoded text, matches textPayload: same cut, same SHA-256', () => {
      for (let limit = 0; limit <= full.length; limit++) {
        const expected = textPayload(text, limit);
        assert.deepEqual(
          textPayloadFromBytes(full, limit, text),
          expected,
          `limit ${limit}, sliced from the decoded text`,
        );
        assert.deepEqual(textPayloadFromBytes(full, limit), expected, `limit ${limit}, decoded from the kept bytes`);
      }
    });

    it('builds truncated text from the kept bytes only: a bytes view over a larger buffer is cut in place', () => {
      const backing = Buffer.concat([Buffer.from('XX'), Buffer.from('hello world'), Buffer.from('YY')]);
      const view = backing.subarray(2, 13);
      assert.deepEqual(textPayloadFromBytes(view, 5), {
        kind: 'text',
        text: 'hello',
        byteLength: 11,
        truncated: { keptBytes: 5, sha256: sha256(Buffer.from('hello world')) },
      });
    });
  });

  describe('adoptedBinaryPayload (bytes handed over by ws, issue #7)', () => {
    it('stores whole bytes without copying them', () => {
      const bytes = hex('01 02 03');
      const stored = adoptedBinaryPayload(bytes, 3);
      assert.equal(stored.kind === 'binary' && stored.bytes, bytes, 'the same object, not a copy');
      assert.equal(stored.byteLength, 3);
      assert.equal(stored.truncated, undefined);
    });

    it('over the limit copies only the kept part, with the SHA-256 of all the bytes', () => {
      const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
      const stored = adoptedBinaryPayload(bytes, 10);
      assert.equal(
        stored.kind === 'binary' && stored.bytes.buffer.byteLength,
        10,
        'the kept copy does not hold the full buffer',
      );
      assert.deepEqual(stored.kind === 'binary' && stored.bytes, bytes.subarray(0, 10));
      assert.deepEqual(stored.truncated, { keptBytes: 10, sha256: sha256(bytes) });
    });
  });

  describe('textOrBinary', () => {
    it('stores valid UTF-8 as text (a leading BOM kept) and anything else as binary', () => {
      assert.deepEqual(textOrBinary(Buffer.from('\ufeffping €'), 125), {
        kind: 'text',
        text: '\ufeffping €',
        byteLength: 11,
      });
      assert.deepEqual(textOrBinary(hex('c3 28'), 125), { kind: 'binary', bytes: hex('c3 28'), byteLength: 2 });
      assert.deepEqual(textOrBinary(Buffer.from('€€'), 4).truncated?.keptBytes, 3);
    });
  });
});
