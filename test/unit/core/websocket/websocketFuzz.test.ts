/**
 * Issue #7: the pure decoders of src/core/websocket are total. Random bytes, and valid frames and
 * heads with random mutations, fed in arbitrary chunkings, end in frames (or a head) or an error
 * value, never an exception; what they keep stays within its bound; the chunking changes nothing.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { incomingFrameFault } from '../../../../src/core/websocket/frameFaults';
import { createFrameParser, parseClosePayload, type WireFrame } from '../../../../src/core/websocket/frameParser';
import {
  createHeadSplitter,
  MAX_HEAD_BYTES,
  parseHead,
  parseRequestLine,
  parseStatusLine,
} from '../../../../src/core/websocket/httpHead';
import { prepareSend } from '../../../../src/core/websocket/sendPreparation';
import { switchingProtocolsFault } from '../../../../src/core/websocket/switchingProtocols';
import { decodeBody, hintForStatus } from '../../../../src/core/websocket/unexpectedResponse';

const RUNS = { numRuns: 300 };

/** Splits `bytes` at the given cut points (any order, any value). */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(at, p));
    at = p;
  }
  return chunks;
}

interface ParseResult {
  frames: Array<Omit<WireFrame, 'payload'> & { payload: string }>;
  errors: string[];
}

function parseFrames(chunks: Uint8Array[], keep: number): ParseResult {
  const result: ParseResult = { frames: [], errors: [] };
  const parser = createFrameParser(
    {
      onFrame: (f) => result.frames.push({ ...f, payload: Buffer.from(f.payload).toString('hex') }),
      onError: (m) => result.errors.push(m),
    },
    keep,
  );
  for (const c of chunks) parser.feed(c);
  return result;
}

/** One frame as a client or server would write it (RFC 6455 §5.2), any header bits. */
const frameArb = fc
  .record({
    b0: fc.integer({ min: 0, max: 255 }),
    masked: fc.boolean(),
    mask: fc.uint8Array({ minLength: 4, maxLength: 4 }),
    payload: fc.uint8Array({ maxLength: 300 }),
    lengthForm: fc.constantFrom('short', '16', '64'),
  })
  .map(({ b0, masked, mask, payload, lengthForm }) => {
    const n = payload.length;
    const form = n >= 126 && lengthForm === 'short' ? '16' : lengthForm;
    const len =
      form === 'short'
        ? [n]
        : form === '16'
          ? [126, n >> 8, n & 0xff]
          : [127, 0, 0, 0, 0, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    len[0] |= masked ? 0x80 : 0;
    const body = masked ? payload.map((b, i) => b ^ mask[i % 4]) : payload;
    return Uint8Array.from([b0, ...len, ...(masked ? mask : []), ...body]);
  });

/** Random edits: overwrite, insert, delete, truncate. */
const mutationsArb = fc.array(
  fc.record({
    kind: fc.constantFrom('set', 'insert', 'delete', 'truncate'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  { maxLength: 6 },
);

function mutate(bytes: Uint8Array, mutations: Array<{ kind: string; at: number; byte: number }>): Uint8Array {
  const out = [...bytes];
  for (const m of mutations) {
    const at = out.length ? m.at % out.length : 0;
    if (m.kind === 'set' && out.length) out[at] = m.byte;
    else if (m.kind === 'insert') out.splice(at, 0, m.byte);
    else if (m.kind === 'delete') out.splice(at, 1);
    else if (m.kind === 'truncate') out.length = at;
  }
  return Uint8Array.from(out);
}

function checkFrameStream(bytes: Uint8Array, cuts: number[], keep: number): void {
  const whole = parseFrames([bytes], keep);
  const pieces = parseFrames(chunked(bytes, cuts), keep);
  assert.deepEqual(pieces, whole, 'the chunking changes nothing');
  assert.ok(
    whole.errors.every((e) => !/failure/i.test(e)),
    `only stream errors, no internal failure: ${whole.errors.join(' | ')}`,
  );
  assert.ok(whole.errors.length <= 1, 'parsing stops at the first error');
  let consumed = 0;
  for (const f of whole.frames) {
    assert.ok(f.payload.length / 2 <= Math.max(keep, f.opcode >= 8 ? 125 : 0), 'kept bytes within the bound');
    assert.ok(f.payload.length / 2 <= f.payloadLength);
    assert.ok(f.headerLength >= 2 && f.headerLength <= 14);
    consumed += f.headerLength + f.payloadLength;
    assert.doesNotThrow(() => incomingFrameFault({ ...f, payload: Buffer.from(f.payload, 'hex') }));
  }
  assert.ok(consumed <= bytes.length, 'no frame is reported before its last byte arrived');
}

describe('websocket decoders are total (fuzz)', () => {
  describe('frameParser', () => {
    it('random bytes in random chunkings: frames or one error, never an exception', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 2048 }),
          fc.array(fc.nat(), { maxLength: 20 }),
          fc.constantFrom(0, 1, 16, 1 << 20),
          (bytes, cuts, keep) => {
            checkFrameStream(bytes, cuts, keep);
          },
        ),
        RUNS,
      );
    });

    it('mutated valid frame sequences in random chunkings', () => {
      fc.assert(
        fc.property(
          fc.array(frameArb, { minLength: 1, maxLength: 6 }),
          mutationsArb,
          fc.array(fc.nat(), { maxLength: 20 }),
          fc.constantFrom(0, 8, 1 << 20),
          (frames, mutations, cuts, keep) => {
            const valid = Uint8Array.from(frames.flatMap((f) => [...f]));
            checkFrameStream(valid, cuts, keep);
            assert.equal(parseFrames([valid], keep).frames.length, frames.length, 'every unmutated frame parses');
            checkFrameStream(mutate(valid, mutations), cuts, keep);
          },
        ),
        RUNS,
      );
    });

    it('any keepPayloadBytes (negative, fractional, NaN, Infinity) is a bound, not a crash', () => {
      fc.assert(
        fc.property(frameArb, fc.oneof(fc.double(), fc.integer()), (frame, keep) => {
          const result = parseFrames([frame], keep);
          assert.deepEqual(result.errors, []);
          assert.equal(result.frames.length, 1);
        }),
        RUNS,
      );
    });

    it('a header announcing 2^53 − 1 bytes allocates nothing ahead of the bytes', () => {
      const result = parseFrames(
        [Uint8Array.of(0x82, 0x7f, 0x00, 0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1, 2, 3)],
        Number.MAX_SAFE_INTEGER,
      );
      assert.deepEqual(result, { frames: [], errors: [] });
    });

    it('parseClosePayload and incomingFrameFault take any bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 0, max: 15 }), (payload, opcode) => {
          parseClosePayload(payload);
          incomingFrameFault({
            fin: true,
            rsv1: false,
            rsv2: false,
            rsv3: false,
            opcode,
            masked: false,
            payloadLength: payload.length,
            headerLength: 2,
            payload,
          });
        }),
        RUNS,
      );
    });
  });

  describe('httpHead', () => {
    const RESPONSE =
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';

    function split(chunks: Uint8Array[]): { head?: ReturnType<typeof parseHead>; rest?: string; overflowed: boolean } {
      const splitter = createHeadSplitter();
      let rest: Uint8Array | undefined;
      const after: Uint8Array[] = [];
      for (const c of chunks) {
        if (rest !== undefined) after.push(c);
        else rest = splitter.feed(c);
      }
      const tail = rest === undefined ? undefined : Buffer.concat([rest, ...after]).toString('hex');
      return { head: splitter.head, rest: tail, overflowed: splitter.overflowed };
    }

    function checkHeadStream(bytes: Uint8Array, cuts: number[]): void {
      const whole = split([bytes]);
      assert.deepEqual(split(chunked(bytes, cuts)), whole, 'the chunking changes nothing');
      if (whole.head) {
        assert.ok(whole.head.byteLength <= MAX_HEAD_BYTES);
        assert.equal(whole.head.byteLength + whole.rest!.length / 2, bytes.length, 'head and rest cover the stream');
      }
    }

    it(
      'random bytes and mutated 101 heads in random chunkings: ' +
        'a head, more to read, or overflow; never an exception',
      () => {
        fc.assert(
          fc.property(
            fc.uint8Array({ maxLength: 1024 }),
            mutationsArb,
            fc.array(fc.nat(), { maxLength: 20 }),
            (noise, mutations, cuts) => {
              checkHeadStream(noise, cuts);
              const head = new Uint8Array(Buffer.from(RESPONSE, 'latin1'));
              checkHeadStream(mutate(Uint8Array.from([...head, ...noise]), mutations), cuts);
            },
          ),
          RUNS,
        );
      },
    );

    it('a head past MAX_HEAD_BYTES overflows whatever the chunking', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 10 }), (cuts) => {
          const big = new Uint8Array(
            Buffer.from(`HTTP/1.1 101 X\r\nX-Pad: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`, 'latin1'),
          );
          assert.equal(split(chunked(big, cuts)).overflowed, true);
        }),
        { numRuns: 20 },
      );
    });

    it('line parsers take any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
          parseHead(text, text.length);
          parseStatusLine(text);
          parseRequestLine(text);
          switchingProtocolsFault(parseHead(text, text.length).headers);
        }),
        RUNS,
      );
    });
  });

  describe('other pure functions of src/core/websocket', () => {
    it('decodeBody and hintForStatus take any bytes, encoding and status', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 512 }),
          fc.constantFrom(undefined, 'gzip', 'x-gzip', 'deflate', 'br', 'identity', ' GZIP '),
          fc.integer(),
          (bytes, encoding, status) => {
            assert.ok(decodeBody(bytes, encoding) instanceof Uint8Array);
            assert.equal(typeof hintForStatus(status, [['Location', 'x']]), 'string');
          },
        ),
        RUNS,
      );
    });

    it('prepareSend answers ok or an error for any value, never throws', () => {
      const requestArb = fc.oneof(
        fc.anything({ withNullPrototype: true, withBigInt: true, withBoxedValues: true }),
        fc.record(
          {
            kind: fc.constantFrom('text', 'json', 'binary', 'ping', 'close', 'other'),
            text: fc.anything(),
            data: fc.anything(),
            encoding: fc.anything(),
            code: fc.anything({ withNullPrototype: true }),
            reason: fc.anything(),
          },
          { requiredKeys: [] },
        ),
      );
      fc.assert(
        fc.property(requestArb, (request) => {
          const prepared = prepareSend(request as never);
          assert.equal(typeof prepared.ok, 'boolean');
        }),
        {
          ...RUNS,
          examples: [[{ kind: 'close', code: Object.create(null) }], [{ kind: 10n }], [{ kind: Object.create(null) }]],
        },
      );
    });
  });
});
