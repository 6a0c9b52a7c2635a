/**
 * RFC 6455 §5.2 frame parser (the socket tap's view of the wire), driven by hex fixtures in the style
 * of the `ws` library's receiver tests. §5.7 examples first, then lengths, chunking, limits, errors.
 */
import assert from 'node:assert/strict';
import {
  createFrameParser,
  OPCODE,
  parseClosePayload,
  type WireFrame,
} from '../../../../src/core/websocket/frameParser';

/** `"81 05 48 65"` → bytes (whitespace ignored). */
const hex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
const utf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

interface Collected {
  frames: WireFrame[];
  errors: string[];
  parser: ReturnType<typeof createFrameParser>;
}

function collect(keepPayloadBytes?: number): Collected {
  const frames: WireFrame[] = [];
  const errors: string[] = [];
  const parser = createFrameParser(
    { onFrame: (f) => frames.push(f), onError: (m) => errors.push(m) },
    keepPayloadBytes,
  );
  return { frames, errors, parser };
}

/** Parses `bytes` fed as the given chunks (whole stream by default). */
function parse(bytes: Uint8Array, keepPayloadBytes = 1 << 20, chunkSizes?: number[]): Collected {
  const c = collect(keepPayloadBytes);
  if (!chunkSizes) c.parser.feed(bytes);
  else {
    let at = 0;
    for (const size of chunkSizes) {
      c.parser.feed(bytes.subarray(at, at + size));
      at += size;
    }
    assert.equal(at, bytes.length, 'test bug: chunk sizes must cover the stream');
  }
  return c;
}

/** Comparable view of a frame (payload as hex). */
const shape = (f: WireFrame) => ({ ...f, payload: Buffer.from(f.payload).toString('hex') });

/** Deterministic PRNG (mulberry32) so a failing split can be reproduced. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds an unmasked frame header for `length` (7-bit, 16-bit or 64-bit form). */
function header(b0: number, length: number): Uint8Array {
  if (length < 126) return Uint8Array.of(b0, length);
  if (length < 0x10000) return Uint8Array.of(b0, 126, length >> 8, length & 0xff);
  const h = Buffer.alloc(10);
  h[0] = b0;
  h[1] = 127;
  h.writeBigUInt64BE(BigInt(length), 2);
  return new Uint8Array(h);
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

describe('frameParser', () => {
  describe('RFC 6455 §5.7 examples', () => {
    it('a single-frame unmasked text message: 81 05 48 65 6c 6c 6f = "Hello"', () => {
      const { frames, errors } = parse(hex('81 05 48 65 6c 6c 6f'));
      assert.deepEqual(errors, []);
      assert.equal(frames.length, 1);
      const [f] = frames;
      assert.equal(f.fin, true);
      assert.equal(f.rsv1, false);
      assert.equal(f.rsv2, false);
      assert.equal(f.rsv3, false);
      assert.equal(f.opcode, OPCODE.text);
      assert.equal(f.masked, false);
      assert.equal(f.payloadLength, 5);
      assert.equal(f.headerLength, 2);
      assert.equal(utf8(f.payload), 'Hello');
    });

    it('a single-frame masked text message: 81 85 37 fa 21 3d 7f 9f 4d 51 58 = "Hello" (unmasked)', () => {
      const { frames } = parse(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'));
      assert.equal(frames.length, 1);
      const [f] = frames;
      assert.equal(f.fin, true);
      assert.equal(f.opcode, OPCODE.text);
      assert.equal(f.masked, true);
      assert.equal(f.payloadLength, 5);
      assert.equal(f.headerLength, 6, '2 bytes + 4-byte masking key');
      assert.equal(utf8(f.payload), 'Hello');
    });

    it('a fragmented unmasked text message: 01 03 48 65 6c ("Hel") + 80 02 6c 6f ("lo")', () => {
      const { frames } = parse(hex('01 03 48 65 6c 80 02 6c 6f'));
      assert.equal(frames.length, 2);
      assert.equal(frames[0].fin, false);
      assert.equal(frames[0].opcode, OPCODE.text);
      assert.equal(utf8(frames[0].payload), 'Hel');
      assert.equal(frames[1].fin, true);
      assert.equal(frames[1].opcode, OPCODE.continuation);
      assert.equal(utf8(frames[1].payload), 'lo');
    });

    it('an unmasked ping: 89 05 48 65 6c 6c 6f', () => {
      const { frames } = parse(hex('89 05 48 65 6c 6c 6f'));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].opcode, OPCODE.ping);
      assert.equal(frames[0].fin, true);
      assert.equal(utf8(frames[0].payload), 'Hello');
    });

    it('a masked pong answering it: 8a 85 37 fa 21 3d 7f 9f 4d 51 58', () => {
      const { frames } = parse(hex('8a 85 37 fa 21 3d 7f 9f 4d 51 58'));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].opcode, OPCODE.pong);
      assert.equal(frames[0].masked, true);
      assert.equal(utf8(frames[0].payload), 'Hello');
    });

    it('256 bytes of binary data in a single unmasked message: 82 7e 01 00 + payload', () => {
      const payload = new Uint8Array(256).map((_, i) => i);
      const { frames } = parse(concat(hex('82 7e 01 00'), payload));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].opcode, OPCODE.binary);
      assert.equal(frames[0].payloadLength, 256);
      assert.equal(frames[0].headerLength, 4);
      assert.deepEqual(frames[0].payload, payload);
    });

    it('64 KiB of binary data in a single unmasked message: 82 7f 00 00 00 00 00 01 00 00 + payload', () => {
      const payload = new Uint8Array(65536).map((_, i) => (i * 7) & 0xff);
      const { frames } = parse(concat(hex('82 7f 00 00 00 00 00 01 00 00'), payload));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].opcode, OPCODE.binary);
      assert.equal(frames[0].payloadLength, 65536);
      assert.equal(frames[0].headerLength, 10);
      assert.deepEqual(frames[0].payload, payload);
    });
  });

  describe('headers', () => {
    it('a masked 126-length frame has a 2 + 2 + 4 byte header and is unmasked', () => {
      const payload = new Uint8Array(300).map((_, i) => i & 0xff);
      const key = hex('01 02 03 04');
      const masked = payload.map((b, i) => b ^ key[i % 4]);
      const { frames } = parse(concat(hex('82 fe 01 2c'), key, masked));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].masked, true);
      assert.equal(frames[0].payloadLength, 300);
      assert.equal(frames[0].headerLength, 8);
      assert.deepEqual(frames[0].payload, payload);
    });

    it('a masked 127-length frame has a 2 + 8 + 4 = 14 byte header', () => {
      const payload = new Uint8Array(65536).fill(0x61);
      const key = hex('aa bb cc dd');
      const masked = payload.map((b, i) => b ^ key[i % 4]);
      const { frames } = parse(concat(hex('82 ff 00 00 00 00 00 01 00 00'), key, masked));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].headerLength, 14);
      assert.equal(frames[0].payloadLength, 65536);
      assert.deepEqual(frames[0].payload, payload);
    });

    it('reports RSV1 on the RFC 7692 §7.2.3.1 compressed "Hello": c1 07 f2 48 cd c9 c9 07 00', () => {
      const { frames } = parse(hex('c1 07 f2 48 cd c9 c9 07 00'));
      assert.equal(frames.length, 1);
      assert.equal(frames[0].rsv1, true);
      assert.equal(frames[0].rsv2, false);
      assert.equal(frames[0].rsv3, false);
      assert.equal(frames[0].opcode, OPCODE.text);
    });

    it('reports RSV2 and RSV3 independently (a1 00, 91 00)', () => {
      const { frames } = parse(hex('a1 00 91 00'));
      assert.equal(frames.length, 2);
      assert.deepEqual([frames[0].rsv1, frames[0].rsv2, frames[0].rsv3], [false, true, false]);
      assert.deepEqual([frames[1].rsv1, frames[1].rsv2, frames[1].rsv3], [false, false, true]);
    });

    it('reports reserved opcodes as they are (83 00 → opcode 3): it observes, it does not validate', () => {
      const { frames, errors } = parse(hex('83 00'));
      assert.deepEqual(errors, []);
      assert.equal(frames.length, 1);
      assert.equal(frames[0].opcode, 3);
    });

    it('emits an empty frame as soon as its header is complete (81 00, masked 81 80 + key)', () => {
      const c = collect(100);
      c.parser.feed(hex('81 00'));
      assert.equal(c.frames.length, 1);
      assert.equal(c.frames[0].payloadLength, 0);
      assert.equal(c.frames[0].payload.length, 0);
      c.parser.feed(hex('81 80 01 02 03'));
      assert.equal(c.frames.length, 1, 'masking key not complete yet');
      c.parser.feed(hex('04'));
      assert.equal(c.frames.length, 2);
      assert.equal(c.frames[1].masked, true);
      assert.equal(c.frames[1].headerLength, 6);
    });

    it('pendingHeaderBytes counts bytes of an unfinished header and is 0 inside a payload', () => {
      const c = collect(100);
      assert.equal(c.parser.pendingHeaderBytes, 0);
      c.parser.feed(hex('82'));
      assert.equal(c.parser.pendingHeaderBytes, 1);
      c.parser.feed(hex('7e'));
      assert.equal(c.parser.pendingHeaderBytes, 2);
      c.parser.feed(hex('00'));
      assert.equal(c.parser.pendingHeaderBytes, 3);
      c.parser.feed(hex('80 01'));
      assert.equal(c.parser.pendingHeaderBytes, 0, 'header done (length 128), one payload byte in');
      assert.equal(c.frames.length, 0);
      c.parser.feed(new Uint8Array(127));
      assert.equal(c.frames.length, 1);
      assert.equal(c.frames[0].payloadLength, 128);
      assert.equal(c.parser.pendingHeaderBytes, 0);
      c.parser.feed(hex('81'));
      assert.equal(c.parser.pendingHeaderBytes, 1, 'the next frame header has begun');
    });
  });

  describe('chunking', () => {
    // Mixed stream: masked text, fragmented text, ping, close, 256-byte binary, masked 127-length, empty pong.
    const bigMasked = (() => {
      const payload = new Uint8Array(70000).map((_, i) => (i * 31) & 0xff);
      const key = hex('37 fa 21 3d');
      return concat(
        hex('82 ff 00 00 00 00 00 01 11 70'),
        key,
        payload.map((b, i) => b ^ key[i % 4]),
      );
    })();
    const stream = concat(
      hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'),
      hex('01 03 48 65 6c 80 02 6c 6f'),
      hex('89 05 48 65 6c 6c 6f'),
      hex('88 07 03 e8 62 79 65 21 21'),
      header(0x82, 256),
      new Uint8Array(256).fill(0x5a),
      bigMasked,
      hex('8a 00'),
    );
    const whole = parse(stream).frames.map(shape);

    it('the whole stream parses into the 8 expected frames', () => {
      assert.deepEqual(
        whole.map((f) => f.opcode),
        [1, 1, 0, 9, 8, 2, 2, 10],
      );
      assert.deepEqual(
        whole.map((f) => f.payloadLength),
        [5, 3, 2, 5, 7, 256, 70000, 0],
      );
    });

    it('byte-by-byte feeding yields identical frames', () => {
      const c = collect(1 << 20);
      for (let i = 0; i < stream.length; i++) c.parser.feed(stream.subarray(i, i + 1));
      assert.deepEqual(c.errors, []);
      assert.deepEqual(c.frames.map(shape), whole);
    });

    it('random chunk splits (20 seeded runs) yield identical frames', () => {
      for (let seed = 1; seed <= 20; seed++) {
        const rand = prng(seed);
        const sizes: number[] = [];
        for (let left = stream.length; left > 0;) {
          const size = Math.min(left, rand() < 0.5 ? 1 + Math.floor(rand() * 16) : 1 + Math.floor(rand() * 5000));
          sizes.push(size);
          left -= size;
        }
        const { frames, errors } = parse(stream, 1 << 20, sizes);
        assert.deepEqual(errors, [], `seed ${seed}`);
        assert.deepEqual(frames.map(shape), whole, `seed ${seed}`);
      }
    });

    it('empty chunks are harmless', () => {
      const c = collect(100);
      c.parser.feed(new Uint8Array(0));
      c.parser.feed(hex('81'));
      c.parser.feed(new Uint8Array(0));
      c.parser.feed(hex('05 48 65 6c 6c 6f'));
      assert.equal(c.frames.length, 1);
      assert.equal(utf8(c.frames[0].payload), 'Hello');
    });
  });

  describe('keepPayloadBytes', () => {
    it('defaults to 0: data frames keep no bytes but report the full length', () => {
      const c = collect();
      c.parser.feed(hex('81 05 48 65 6c 6c 6f'));
      assert.equal(c.frames[0].payloadLength, 5);
      assert.equal(c.frames[0].payload.length, 0);
    });

    it('keeps only the first N bytes of an unmasked data frame', () => {
      const { frames } = parse(hex('81 05 48 65 6c 6c 6f'), 3);
      assert.equal(frames[0].payloadLength, 5);
      assert.equal(utf8(frames[0].payload), 'Hel');
    });

    it('keeps only the first N bytes of a masked data frame, unmasked', () => {
      const { frames } = parse(hex('81 85 37 fa 21 3d 7f 9f 4d 51 58'), 3);
      assert.equal(frames[0].payloadLength, 5);
      assert.equal(utf8(frames[0].payload), 'Hel');
    });

    it('keeps the frames after a truncated one aligned', () => {
      const { frames } = parse(concat(header(0x82, 256), new Uint8Array(256).fill(1), hex('81 02 68 69')), 4);
      assert.equal(frames.length, 2);
      assert.deepEqual(frames[0].payload, hex('01 01 01 01'));
      assert.equal(utf8(frames[1].payload), 'hi');
    });

    it('keeps control frames whole even with keepPayloadBytes = 0: ping data and close code/reason', () => {
      const { frames } = parse(hex('89 05 48 65 6c 6c 6f 88 82 12 34 56 78 11 dc'), 0);
      assert.equal(frames.length, 2);
      assert.equal(utf8(frames[0].payload), 'Hello');
      assert.equal(frames[1].opcode, OPCODE.close);
      assert.deepEqual(frames[1].payload, hex('03 e8'), 'masked close 1000, unmasked');
      assert.deepEqual(parseClosePayload(frames[1].payload), { code: 1000, reason: '' });
    });

    it('keeps a full 125-byte control payload with keepPayloadBytes = 1', () => {
      const payload = new Uint8Array(125).map((_, i) => i);
      const { frames } = parse(concat(hex('89 7d'), payload), 1);
      assert.equal(frames[0].payloadLength, 125);
      assert.deepEqual(frames[0].payload, payload);
    });
  });

  describe('lengths the stream cannot carry', () => {
    it('a 2^63 length (82 7f 80 00 …) reports onError and stops without throwing', () => {
      const c = collect(100);
      assert.doesNotThrow(() => c.parser.feed(hex('81 02 68 69 82 7f 80 00 00 00 00 00 00 00 01 02 03')));
      assert.equal(c.frames.length, 1, 'the frame before the bad header is still reported');
      assert.equal(utf8(c.frames[0].payload), 'hi');
      assert.equal(c.errors.length, 1);
      assert.match(c.errors[0], /2\^53/);
      assert.doesNotThrow(() => c.parser.feed(hex('81 05 48 65 6c 6c 6f')));
      assert.equal(c.frames.length, 1, 'nothing parsed after the error');
      assert.equal(c.errors.length, 1, 'the error is reported once');
    });

    it('a 2^53 length is refused, 2^53 − 1 is accepted', () => {
      const tooBig = collect(0);
      tooBig.parser.feed(hex('82 7f 00 20 00 00 00 00 00 00'));
      assert.equal(tooBig.errors.length, 1);

      const max = collect(0);
      max.parser.feed(hex('82 7f 00 1f ff ff ff ff ff ff 00 00'));
      assert.deepEqual(max.errors, []);
      assert.equal(max.frames.length, 0, 'still waiting for 2^53 − 1 bytes');
      assert.equal(max.parser.pendingHeaderBytes, 0);
    });

    it('without an onError handler a bad length is still swallowed', () => {
      const frames: WireFrame[] = [];
      const parser = createFrameParser({ onFrame: (f) => frames.push(f) });
      assert.doesNotThrow(() => parser.feed(hex('82 7f ff ff ff ff ff ff ff ff')));
      parser.feed(hex('81 00'));
      assert.equal(frames.length, 0);
    });

    it('a throwing onFrame handler is reported through onError, not thrown to the socket', () => {
      const errors: string[] = [];
      const parser = createFrameParser({
        onFrame: () => {
          throw new Error('boom');
        },
        onError: (m) => errors.push(m),
      });
      assert.doesNotThrow(() => parser.feed(hex('81 00')));
      assert.equal(errors.length, 1);
      assert.match(errors[0], /boom/);
    });

    it('says whose fault a stop is: the stream (a length beyond 2^53) or the parser (a throwing handler)', () => {
      const faults: string[] = [];
      const onError = (_m: string, fault: string): number => faults.push(fault);
      createFrameParser({ onFrame: () => undefined, onError }).feed(hex('82 7f 80 00 00 00 00 00 00 00'));
      const throwing = (): never => {
        throw new Error('boom');
      };
      createFrameParser({ onFrame: throwing, onError }).feed(hex('81 00'));
      assert.deepEqual(faults, ['stream', 'parser']);
    });
  });

  describe('named states (RFC 6455 §5.2 fields in wire order)', () => {
    /** The parser's state after each byte of `bytes`, fed one at a time. */
    function statesByByte(bytes: Uint8Array, keep = 0): string[] {
      const c = collect(keep);
      assert.equal(c.parser.state, 'FRAME_START');
      return [...bytes].map((b) => {
        c.parser.feed(Uint8Array.of(b));
        return c.parser.state;
      });
    }

    it('masked, 16-bit length: FRAME_START → LENGTH_16 → MASKING_KEY → PAYLOAD → FRAME_START', () => {
      const payload = new Uint8Array(126);
      const states = statesByByte(concat(hex('82 fe 00 7e 01 02 03 04'), payload));
      assert.deepEqual(states.slice(0, 8), [
        'FRAME_START',
        'LENGTH_16',
        'LENGTH_16',
        'MASKING_KEY',
        'MASKING_KEY',
        'MASKING_KEY',
        'MASKING_KEY',
        'PAYLOAD',
      ]);
      assert.ok(
        states.slice(8, -1).every((s) => s === 'PAYLOAD'),
        'PAYLOAD until the last byte',
      );
      assert.equal(states.at(-1), 'FRAME_START', 'the last payload byte ends the frame');
    });

    it('unmasked, 64-bit length: FRAME_START → LENGTH_64 (8 bytes) → PAYLOAD', () => {
      const states = statesByByte(hex('82 7f 00 00 00 00 00 01 00 00 aa'));
      assert.deepEqual(states, [
        'FRAME_START',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'LENGTH_64',
        'PAYLOAD',
        'PAYLOAD',
      ]);
    });

    it('an empty frame goes from its header straight back to FRAME_START', () => {
      assert.deepEqual(statesByByte(hex('89 00 8a 80 01 02 03 04')), [
        'FRAME_START',
        'FRAME_START',
        'FRAME_START',
        'MASKING_KEY',
        'MASKING_KEY',
        'MASKING_KEY',
        'MASKING_KEY',
        'FRAME_START',
      ]);
    });

    it('a length beyond 2^53 − 1 stops the parser for good: STOPPED', () => {
      const c = collect(0);
      c.parser.feed(hex('82 7f 00 20 00 00 00 00 00 00'));
      assert.equal(c.parser.state, 'STOPPED');
      c.parser.feed(hex('81 00'));
      assert.equal(c.parser.state, 'STOPPED');
      assert.equal(c.frames.length, 0);
    });
  });

  describe('parseClosePayload', () => {
    it('reads code and reason: 03 e8 62 79 65 → 1000 "bye"', () => {
      assert.deepEqual(parseClosePayload(hex('03 e8 62 79 65')), { code: 1000, reason: 'bye' });
    });

    it('reads a code without a reason: 0f a0 → 4000 ""', () => {
      assert.deepEqual(parseClosePayload(hex('0f a0')), { code: 4000, reason: '' });
    });

    it('decodes a UTF-8 reason: 03 e9 e2 82 ac → 1001 "€"', () => {
      assert.deepEqual(parseClosePayload(hex('03 e9 e2 82 ac')), { code: 1001, reason: '€' });
    });

    it('an empty payload has no code and is not malformed', () => {
      assert.deepEqual(parseClosePayload(new Uint8Array(0)), {});
    });

    it('a 1-byte payload is malformed (§5.5.1: a code is two bytes)', () => {
      assert.deepEqual(parseClosePayload(hex('03')), { malformed: true });
    });

    it('invalid UTF-8 in the reason does not throw (replacement character)', () => {
      assert.deepEqual(parseClosePayload(hex('03 ea ff')), { code: 1002, reason: '\ufffd' });
    });
  });
});
