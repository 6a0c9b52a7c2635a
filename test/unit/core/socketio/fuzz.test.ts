/**
 * Issue #7, defect 3: the Socket.IO decoders promise never to throw. Random and mutated valid inputs,
 * bounded in size, must each end in a packet or an error value. Seeds are fixed, so a failure replays.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSioArguments, restoreAttachments } from '../../../../src/core/socketio/sioArguments';
import {
  decodeSioPacket,
  encodeSioPacket,
  extractAttachments,
  type SioDecodeResult,
} from '../../../../src/core/socketio/sioCodec';
import { decodeMsgpackPacket, displayJson, encodeMsgpackPacket } from '../../../../src/core/socketio/sioMsgpack';
import { SIO_TYPES } from '../../../../src/core/socketio/sioPacket';

const RUNS = { numRuns: 400, seed: 7 };

/** A packet or an error, never anything else. */
function assertResult(result: SioDecodeResult): void {
  if (result.ok) assert.ok(SIO_TYPES.includes(result.packet.type) && typeof result.packet.nsp === 'string');
  else assert.equal(typeof result.error, 'string');
}

/** Inserts, deletes or replaces a few characters of a valid input. */
const edits = fc.array(
  fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.string({ maxLength: 4 })),
  { maxLength: 6 },
);
function mutate(text: string, changes: Array<[number, string, string]>): string {
  let out = text;
  for (const [at, kind, piece] of changes) {
    const i = out.length ? at % (out.length + 1) : 0;
    out =
      kind === 'insert'
        ? out.slice(0, i) + piece + out.slice(i)
        : kind === 'delete'
          ? out.slice(0, i) + out.slice(i + piece.length + 1)
          : out.slice(0, i) + piece + out.slice(i + piece.length);
  }
  return out;
}

/** The same on bytes: flip, drop or insert a few bytes, or cut the tail. */
const byteEdits = fc.array(
  fc.tuple(fc.nat(), fc.constantFrom('flip', 'drop', 'insert', 'cut'), fc.integer({ min: 0, max: 255 })),
  { maxLength: 6 },
);
function mutateBytes(bytes: Uint8Array, changes: Array<[number, string, number]>): Uint8Array {
  let out = [...bytes];
  for (const [at, kind, value] of changes) {
    const i = out.length ? at % out.length : 0;
    if (kind === 'flip' && out.length) out[i] ^= value;
    else if (kind === 'drop') out.splice(i, 1);
    else if (kind === 'insert') out.splice(i, 0, value);
    else out = out.slice(0, i);
  }
  return Uint8Array.from(out);
}

const packetType = fc.constantFrom(...SIO_TYPES);
const namespace = fc.oneof(
  fc.constant('/'),
  fc.string({ maxLength: 8 }).map((s) => `/${s.replace(/,/g, '')}`),
);
const ackId = fc.option(fc.nat({ max: 1e6 }), { nil: undefined });
const data = fc.jsonValue({ maxDepth: 4 });
/** A placeholder with a num that may or may not be a valid index. */
const placeholder = fc.record({
  _placeholder: fc.constant(true),
  num: fc.oneof(fc.integer({ min: -3, max: 5 }), fc.double(), fc.string({ maxLength: 3 }), fc.constant(null)),
});
const sioText = fc
  .tuple(packetType, namespace, ackId, fc.array(fc.oneof(data, placeholder), { maxLength: 4 }), fc.nat({ max: 1200 }))
  .map(([type, nsp, id, args, count]) =>
    encodeSioPacket({
      type,
      nsp,
      id,
      data: type.includes('EVENT') ? ['ev', ...args] : args,
      attachments: type.startsWith('BINARY') ? count % 6 : undefined,
    }),
  );
/** Brackets and strings piled up to a hostile depth, some left open. */
const deepText = fc
  .tuple(
    fc.constantFrom('2', '3', '51-', '0', '4'),
    fc.integer({ min: 0, max: 5000 }),
    fc.integer({ min: 0, max: 5000 }),
    fc.constantFrom('[', '{"a":', '["x",'),
  )
  .map(
    ([head, open, close, opener]) =>
      `${head}${opener.repeat(open)}1${(opener === '[' || opener === '["x",' ? ']' : '}').repeat(close)}`,
  );

describe('fuzzing the Socket.IO decoders (fast-check)', function () {
  this.timeout(60000);

  it('decodeSioPacket: random text ends in a packet or an error', () => {
    const alphabet = fc.constantFrom(...'0123456789-/,[]{}":_placeholdernum\\ \x00😀'.split(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: alphabet, maxLength: 80 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        (text) => {
          assertResult(decodeSioPacket(text));
        },
      ),
      RUNS,
    );
  });

  it('decodeSioPacket: mutated valid packets, and hostile nesting, end in a packet or an error', () => {
    fc.assert(
      fc.property(fc.oneof(sioText, deepText), edits, (text, changes) => {
        assertResult(decodeSioPacket(text));
        assertResult(decodeSioPacket(mutate(text, changes)));
      }),
      RUNS,
    );
  });

  it('decodeMsgpackPacket: random bytes end in a packet or an error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        assertResult(decodeMsgpackPacket(bytes));
      }),
      RUNS,
    );
  });

  it('decodeMsgpackPacket: mutated valid packets and deep container headers end in a packet or an error', () => {
    const valid = fc
      .tuple(
        fc.constantFrom(...SIO_TYPES.slice(0, 5)),
        namespace,
        ackId,
        fc.oneof(data, fc.uint8Array({ maxLength: 8 })),
      )
      .map(([type, nsp, id, value]) =>
        encodeMsgpackPacket({ type, nsp, id, data: type === 'EVENT' || type === 'ACK' ? ['ev', value] : value }),
      );
    const deep = fc
      .tuple(fc.constantFrom(0x91, 0x81, 0xdc, 0xde), fc.integer({ min: 0, max: 20000 }))
      .map(([header, depth]) =>
        Uint8Array.from([
          0x83,
          0xa4,
          0x74,
          0x79,
          0x70,
          0x65,
          0x02,
          0xa3,
          0x6e,
          0x73,
          0x70,
          0xa1,
          0x2f,
          0xa4,
          0x64,
          0x61,
          0x74,
          0x61,
          ...new Array<number>(depth).fill(header),
          0xc0,
        ]),
      );
    fc.assert(
      fc.property(fc.oneof(valid, deep), byteEdits, (bytes, changes) => {
        assertResult(decodeMsgpackPacket(bytes));
        assertResult(decodeMsgpackPacket(mutateBytes(bytes, changes)));
      }),
      RUNS,
    );
  });

  it('parseSioArguments: random and mutated argument text ends in arguments or an error', () => {
    const marker = fc.string({ maxLength: 8 }).map((s) => ({ $binary: s }));
    const valid = fc
      .array(fc.oneof(data, marker, fc.record({ nested: marker })), { maxLength: 4 })
      .map((args) => JSON.stringify(args));
    const deep = fc
      .integer({ min: 0, max: 20000 })
      .map((depth) => `[${'[{"$binary":'.repeat(depth)}"AA=="${'}]'.repeat(depth)}]`);
    fc.assert(
      fc.property(fc.oneof(valid, deep, fc.string({ maxLength: 100 })), edits, (text, changes) => {
        for (const input of [text, mutate(text, changes)]) {
          const parsed = parseSioArguments(input);
          if (parsed.ok) assert.ok(Array.isArray(parsed.value));
          else assert.equal(typeof parsed.error, 'string');
        }
      }),
      RUNS,
    );
  });

  it('the data walks (describe, extract, restore) are total on anything a decoder returns', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 5 }),
          fc.jsonValue({ maxDepth: 5 }),
          fc.integer({ min: 1, max: 20000 }).map((d) => JSON.parse(`${'['.repeat(d)}${']'.repeat(d)}`) as unknown),
        ),
        (value) => {
          assert.equal(typeof displayJson(value), 'string');
          const { data: withPlaceholders, buffers } = extractAttachments([value, new Uint8Array([1])]);
          assert.equal(buffers.length >= 1, true);
          restoreAttachments(withPlaceholders, buffers);
        },
      ),
      RUNS,
    );
  });
});
