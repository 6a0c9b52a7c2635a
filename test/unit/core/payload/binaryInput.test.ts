/**
 * Binary payloads typed by a user in the composer: hex in the usual spellings, base64 standard or
 * URL-safe with optional padding. Never throws; errors name the problem.
 */
import assert from 'node:assert/strict';
import { parseBase64, parseHex, type BinaryParseResult } from '../../../../src/core/payload/binaryInput';

/** The bytes of an ok result as hex, or fails the test. */
function okHex(result: BinaryParseResult): string {
  assert.ok(result.ok, `expected ok, got error: ${result.ok ? '' : result.error}`);
  return Buffer.from(result.bytes).toString('hex');
}

/** The error of a failed result, or fails the test. */
function error(result: BinaryParseResult): string {
  assert.equal(result.ok, false, 'expected an error');
  return (result as { ok: false; error: string }).error;
}

describe('binaryInput', () => {
  describe('parseHex', () => {
    it('reads contiguous digits: 48656c6c6f', () => {
      assert.equal(okHex(parseHex('48656c6c6f')), '48656c6c6f');
    });

    it('reads space-separated bytes, upper and lower case: 81 05 48 65 6C 6C 6F', () => {
      assert.equal(okHex(parseHex('81 05 48 65 6C 6C 6F')), '810548656c6c6f');
    });

    it('reads 0x-prefixed, comma-separated bytes: 0x01,0xFF, 0X7f', () => {
      assert.equal(okHex(parseHex('0x01,0xFF, 0X7f')), '01ff7f');
    });

    it('reads a single 0x prefix before contiguous digits: 0x01ff', () => {
      assert.equal(okHex(parseHex('0x01ff')), '01ff');
    });

    it('ignores newlines, tabs and CRLF between bytes', () => {
      assert.equal(okHex(parseHex('01 02\n03\t04\r\n05\n')), '0102030405');
    });

    it('ignores colon, semicolon and dash separators: de:ad-be;ef', () => {
      assert.equal(okHex(parseHex('de:ad-be;ef')), 'deadbeef');
    });

    it('returns bytes with the right values (00 and ff)', () => {
      const result = parseHex('00 ff 80');
      assert.ok(result.ok);
      assert.ok(result.bytes instanceof Uint8Array);
      assert.deepEqual([...result.bytes], [0x00, 0xff, 0x80]);
    });

    it('accepts empty input as zero bytes', () => {
      assert.equal(okHex(parseHex('')), '');
      assert.equal(okHex(parseHex('  \n ')), '');
    });

    it('refuses an odd number of digits and says how many', () => {
      const message = error(parseHex('01 2'));
      assert.match(message, /odd number of digits/);
      assert.match(message, /\(3\)/);
    });

    it('refuses a non-hex character and names it', () => {
      assert.match(error(parseHex('01 zz')), /"z" is not a hex digit/);
      assert.match(error(parseHex('01 g2')), /"g"/);
    });

    it('refuses a stray x that is not part of a 0x prefix', () => {
      assert.match(error(parseHex('x1')), /"x" is not a hex digit/);
    });

    it('reports a bad character before an odd count', () => {
      assert.match(error(parseHex('0q1')), /"q"/);
    });
  });

  describe('parseBase64', () => {
    it('reads standard base64 with padding: SGVsbG8= → "Hello"', () => {
      assert.equal(okHex(parseBase64('SGVsbG8=')), Buffer.from('Hello').toString('hex'));
    });

    it('reads standard base64 with + and /: +/+/ → fb ff bf', () => {
      assert.equal(okHex(parseBase64('+/+/')), 'fbffbf');
    });

    it('reads URL-safe base64: -_-_ → fb ff bf', () => {
      assert.equal(okHex(parseBase64('-_-_')), 'fbffbf');
    });

    it('reads unpadded base64: SGVsbG8 and SGVsbA (one and two pads missing)', () => {
      assert.equal(okHex(parseBase64('SGVsbG8')), Buffer.from('Hello').toString('hex'));
      assert.equal(okHex(parseBase64('SGVsbA')), Buffer.from('Hell').toString('hex'));
    });

    it('round-trips all 256 byte values, standard and URL-safe', () => {
      const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      assert.equal(okHex(parseBase64(all.toString('base64'))), all.toString('hex'));
      assert.equal(okHex(parseBase64(all.toString('base64url'))), all.toString('hex'));
    });

    it('ignores whitespace and line breaks (MIME-style wrapping)', () => {
      assert.equal(okHex(parseBase64(' SGVs\r\nbG8=\n')), Buffer.from('Hello').toString('hex'));
    });

    it('accepts empty input as zero bytes', () => {
      assert.equal(okHex(parseBase64('')), '');
    });

    it('refuses characters outside the alphabet and names them', () => {
      assert.match(error(parseBase64('SGV*bG8=')), /"\*" is not a base64 character/);
      assert.match(error(parseBase64('SGVsbG8.')), /"\."/);
    });

    it('refuses padding in the middle: SGVs=bG8', () => {
      assert.match(error(parseBase64('SGVs=bG8')), /padding \(=\) may only appear at the end/);
      assert.match(error(parseBase64('SG==VsbG8=')), /padding/);
    });

    it('refuses an impossible length (4n + 1 characters)', () => {
      assert.match(error(parseBase64('SGVsb')), /impossible length/);
      assert.match(error(parseBase64('A')), /impossible length/);
    });
  });
});
