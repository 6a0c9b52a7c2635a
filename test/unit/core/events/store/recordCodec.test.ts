/**
 * Issue #9: the record codec gives back exactly the LogEvent it was given (every field, text and bytes,
 * truncation, parent, meta of any shape), is total on its own output, and fails on damaged bytes only with
 * its own error.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { storedEvent, type LogEvent } from '../../../../../src/core/events/logEvent';
import { ByteWriter, RecordCodecError } from '../../../../../src/core/events/store/byteCursor';
import { decodeRecord, skipRecord } from '../../../../../src/core/events/store/recordCodec';
import { encodeRecord, encodeStoredEvent } from '../../../../../src/core/events/store/recordWriter';
import { binaryPayload, textPayload } from '../../../../../src/core/payload/storedPayload';

const truncation = fc.record(
  { keptBytes: fc.nat(), sha256: fc.stringMatching(/^[0-9a-f]{64}$/) },
  { noNullPrototype: true },
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  // Long enough for the writer's native path (ByteWriter.string), ASCII or not, with lone surrogates.
  fc.string({ minLength: 25, maxLength: 300 }),
  fc.string({ unit: 'binary', minLength: 25, maxLength: 300 }),
);
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 50 }).map((b) => Buffer.from(b)),
);
const payload = fc.oneof(
  fc.record(
    { kind: fc.constant('text' as const), text, byteLength: fc.nat(), truncated: truncation },
    { requiredKeys: ['kind', 'text', 'byteLength'], noNullPrototype: true },
  ),
  fc.record(
    { kind: fc.constant('binary' as const), bytes, byteLength: fc.nat(), truncated: truncation },
    { requiredKeys: ['kind', 'bytes', 'byteLength'], noNullPrototype: true },
  ),
);
const headers = fc.array(fc.tuple(fc.string(), text), { maxLength: 5 });
const meta = fc.record(
  {
    request: fc.record({ method: fc.constant('GET'), url: text, headers }, { requiredKeys: [], noNullPrototype: true }),
    response: fc.record(
      { status: fc.integer(), statusText: fc.string(), headers },
      { requiredKeys: [], noNullPrototype: true },
    ),
    close: fc.record(
      { wireCode: fc.integer(), wireReason: text, closeFrameSent: fc.boolean() },
      { requiredKeys: [], noNullPrototype: true },
    ),
    error: fc.record(
      { code: fc.string(), message: text, hint: fc.string() },
      { requiredKeys: ['code', 'message'], noNullPrototype: true },
    ),
    frame: fc.record(
      { opcode: fc.nat(15), compressed: fc.boolean(), wireBytes: fc.nat() },
      { requiredKeys: [], noNullPrototype: true },
    ),
    eio: fc.record(
      { sid: fc.string(), carries: fc.array(fc.nat()), pingInterval: fc.double() },
      { requiredKeys: [], noNullPrototype: true },
    ),
    sio: fc.record({ packetType: fc.string(), namespace: fc.string(), ackId: fc.integer() }, { noNullPrototype: true }),
    send: fc.record({ kind: fc.constant('text' as const), text }, { noNullPrototype: true }),
    durationMs: fc.double(),
    note: text,
    // Fields nobody has declared yet round-trip too: the codec is not tied to today's meta types.
    extra: fc.anything({ maxDepth: 4 }),
  },
  { requiredKeys: [], noNullPrototype: true },
);
const logEvent: fc.Arbitrary<LogEvent> = fc.record(
  {
    seq: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    time: fc.double(),
    mono: fc.double(),
    direction: fc.constantFrom('in' as const, 'out' as const, 'local' as const),
    layer: fc.constantFrom('tcp' as const, 'http' as const, 'ws' as const, 'eio' as const, 'sio' as const),
    type: fc.oneof(fc.constantFrom('message', 'ping', 'eio-open', 'sio-event'), fc.string()),
    size: fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double()),
    payload,
    parent: fc.nat(),
    meta,
  },
  { requiredKeys: ['seq', 'time', 'mono', 'direction', 'layer', 'type', 'size'], noNullPrototype: true },
) as fc.Arbitrary<LogEvent>;

const writer = new ByteWriter();
const roundTrip = (event: LogEvent): LogEvent => {
  const record = Buffer.from(encodeRecord(writer, event));
  const { event: decoded, next } = decodeRecord(record, 0);
  assert.equal(next, record.length, 'the record is read to its end');
  assert.equal(skipRecord(record, 0), record.length);
  return decoded;
};

const message: LogEvent = {
  seq: 7,
  time: 1_700_000_000_123.5,
  mono: 42.25,
  direction: 'in',
  layer: 'ws',
  type: 'message',
  size: 102,
  payload: textPayload('x'.repeat(102), 1024),
  meta: { frame: { opcode: 1, compressed: false, frames: 1, wireBytes: 104 } },
};

describe('recordCodec', () => {
  it('round-trips any LogEvent exactly (property)', () => {
    fc.assert(
      fc.property(logEvent, (event) => {
        assert.deepStrictEqual(roundTrip(event), event);
      }),
      { numRuns: 500 },
    );
  });

  it('writes an event built by storedEvent() as the generic path does, byte for byte (property)', () => {
    fc.assert(
      fc.property(logEvent, fc.boolean(), (generated, withParent) => {
        const { seq, parent, ...rest } = generated;
        const stored = storedEvent(withParent ? { ...rest, parent: parent ?? 0 } : rest, seq);
        const fast = Buffer.from(encodeStoredEvent(writer, stored));
        assert.deepStrictEqual(fast, Buffer.from(encodeRecord(writer, stored)));
        assert.deepStrictEqual(decodeRecord(fast, 0).event, stored);
      }),
      { numRuns: 500 },
    );
  });

  it('writes long text natively only when it is ASCII: accents, emoji and lone surrogates round-trip', () => {
    const ascii = 'a'.repeat(100);
    for (const tail of ['', 'é', '😀', '\uD800', '\uDC00x', '\u0000']) {
      for (const text of [ascii + tail, tail + ascii, ascii.slice(0, 50) + tail + ascii.slice(50)]) {
        const event = { ...message, payload: { kind: 'text' as const, text, byteLength: 0 } };
        assert.deepStrictEqual(roundTrip(event), event, JSON.stringify(text.slice(45, 60)));
      }
    }
  });

  it('writes integers around 2^31, 2^32 and 2^53 exactly', () => {
    for (const size of [2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, -(2 ** 32), -0, 0.5]) {
      const event = { ...message, size, time: size };
      assert.deepStrictEqual(roundTrip(event), event, String(size));
    }
  });

  it('is total on its own output: any sequence of records decodes back in order (property)', () => {
    fc.assert(
      fc.property(fc.array(logEvent, { minLength: 1, maxLength: 8 }), (events) => {
        const stream = Buffer.concat(events.map((e) => Buffer.from(encodeRecord(writer, e))));
        let at = 0;
        for (const event of events) {
          const decoded = decodeRecord(stream, at);
          assert.deepStrictEqual(decoded.event, event);
          at = decoded.next;
        }
        assert.equal(at, stream.length);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the values JSON would change: -0, NaN, ±Infinity, undefined keys, lone surrogates', () => {
    const event: LogEvent = {
      ...message,
      time: -0,
      mono: NaN,
      size: Infinity,
      parent: undefined,
      payload: { kind: 'text', text: 'a\ud800b\udfffc', byteLength: -Infinity },
      meta: { note: undefined, close: { wireReason: '\udc00', wireCode: -1 } },
    };
    const decoded = roundTrip(event);
    assert.deepStrictEqual(decoded, event);
    assert.ok('parent' in decoded && 'note' in (decoded.meta ?? {}));
    assert.ok(Object.is(decoded.time, -0));
  });

  it('gives bytes back as the same kind (Uint8Array or Buffer), copied out of the record', () => {
    const u8 = roundTrip({ ...message, payload: binaryPayload(new Uint8Array([0, 1, 254, 255]), 16) });
    assert.equal(u8.payload?.kind, 'binary');
    assert.ok(u8.payload?.kind === 'binary' && !Buffer.isBuffer(u8.payload.bytes));
    const buf = roundTrip({ ...message, payload: { kind: 'binary', bytes: Buffer.from('hi'), byteLength: 2 } });
    assert.ok(buf.payload?.kind === 'binary' && Buffer.isBuffer(buf.payload.bytes));
    assert.equal(buf.payload.bytes.buffer.byteLength, 2, 'not a view into a larger buffer');
  });

  it('keeps truncation info and parent', () => {
    const big = 'y'.repeat(5000);
    const event: LogEvent = { ...message, size: 5000, parent: 3, payload: textPayload(big, 100) };
    assert.ok(event.payload?.truncated);
    assert.deepStrictEqual(roundTrip(event), event);
  });

  it('keeps an own __proto__ key as data', () => {
    const meta = JSON.parse('{"__proto__": {"polluted": true}, "note": "n"}') as LogEvent['meta'];
    const decoded = roundTrip({ ...message, meta });
    assert.deepStrictEqual(decoded.meta, meta);
    assert.equal(Object.getPrototypeOf(decoded.meta), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('writes a small message compactly (far below the ~740 bytes of an object)', () => {
    const length = encodeRecord(writer, message).length;
    assert.ok(length < 102 + 64, `record of ${length} bytes`);
  });

  it('damaged or truncated bytes throw RecordCodecError, never another error (property)', () => {
    const record = Buffer.from(encodeRecord(writer, message));
    for (let end = 0; end < record.length; end++) {
      assert.throws(() => decodeRecord(record, 0, end), RecordCodecError, `cut at ${end}`);
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (junk) => {
        try {
          decodeRecord(Buffer.from(junk), 0);
        } catch (error) {
          assert.ok(error instanceof RecordCodecError, String(error));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
