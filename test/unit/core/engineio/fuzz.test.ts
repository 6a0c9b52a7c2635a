/**
 * Issue #7: decoders that promise never to throw must not throw. Every pure parser in
 * src/core/engineio gets random strings and bytes, and mutations of valid encodings, each of bounded
 * size; each run must end in packets or an error value. fast-check reports the smallest input that
 * throws, and any throw fails the property.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deliverInSlices, pollingBodyRecords } from '../../../../src/core/engineio/bodySlicer';
import { CookieJar } from '../../../../src/core/engineio/cookieJar';
import {
  decodeV3BinaryPayload,
  decodeV3Frame,
  decodeV3Record,
  decodeV3TextPayload,
  encodeV3Frame,
  encodeV3Payload,
} from '../../../../src/core/engineio/eioCodecV3';
import {
  decodeV4Frame,
  decodeV4Payload,
  decodeV4Record,
  encodeV4Packet,
  encodeV4Payload,
} from '../../../../src/core/engineio/eioCodecV4';
import {
  EIO_TYPES,
  decodeStrictBase64,
  typeDigit,
  type EioDecoded,
  type EioPacket,
} from '../../../../src/core/engineio/eioPacket';
import { engineIoUrl } from '../../../../src/core/engineio/eioUrls';
import { parseOpenPacket } from '../../../../src/core/engineio/openPacket';
import { collapseRuns } from '../../../../src/core/engineio/packetRuns';
import { pollingError, pollResponseEvent } from '../../../../src/core/engineio/pollingEvents';
import { EMPTY_POLL_MIN_GAP_MS, emptyPollWaitMs } from '../../../../src/core/engineio/pollPacing';
import { explainHandshakeFailure, looksLikeV3Payload } from '../../../../src/core/engineio/versionHints';

/** Inputs stay small so the suite stays fast; the parsers are linear, so size finds nothing new. */
const MAX = 400;
const RUNS = { numRuns: 300 };

/** Any UTF-16 code unit (lone surrogates included), with the characters the framings care about made likely. */
const unit = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('\x1e', ':', 'b', '0', '1', '2', '3', '4', '5', '6', '9', '{', '}', '"', '=', '/', '+'),
  },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);
const anyText = fc.string({ unit, maxLength: MAX });
const anyBytes = fc.uint8Array({ maxLength: MAX });
/** Bytes a v3 binary payload is made of, made likely. */
const v3Bytes = fc
  .array(fc.oneof(fc.constantFrom(0, 1, 4, 9, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: MAX })
  .map((a) => new Uint8Array(a));

/** A packet as the encoders accept it (v4 text data never holds the record separator). */
const packet: fc.Arbitrary<EioPacket> = fc.oneof(
  fc
    .record({
      type: fc.constantFrom(...EIO_TYPES),
      data: fc.option(
        fc.string({ unit, minLength: 1, maxLength: 40 }).filter((d) => !d.includes('\x1e')),
        { nil: undefined },
      ),
    })
    .map(({ type, data }) => (data === undefined ? { type } : { type, data })),
  fc.uint8Array({ maxLength: 40 }).map((data): EioPacket => ({ type: 'message', data, binary: true })),
);
const packets = fc.array(packet, { maxLength: 12 });

type Mutation = { at: number; op: 'insert' | 'delete' | 'replace'; text: string };
const mutations = fc.array(
  fc.record({
    at: fc.nat(),
    op: fc.constantFrom('insert', 'delete', 'replace'),
    text: fc.string({ unit, minLength: 1, maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 4 },
);

function mutate(text: string, changes: Mutation[]): string {
  let out = text;
  for (const { at, op, text: piece } of changes) {
    const i = out.length === 0 ? 0 : at % (out.length + 1);
    out =
      op === 'insert'
        ? out.slice(0, i) + piece + out.slice(i)
        : op === 'delete'
          ? out.slice(0, i) + out.slice(i + piece.length)
          : out.slice(0, i) + piece + out.slice(i + piece.length);
  }
  return out;
}

function mutateBytes(bytes: Uint8Array, changes: Mutation[]): Uint8Array {
  return Buffer.from(
    mutate(
      Buffer.from(bytes).toString('latin1'),
      changes.map((c) => ({ ...c, text: String.fromCharCode(c.text.charCodeAt(0) & 0xff) })),
    ),
    'latin1',
  );
}

/** A v3 binary payload as engine.io 3 writes it: kind byte, length digits, 0xFF, record. */
function encodeV3Binary(list: EioPacket[]): Uint8Array {
  const parts = list.map((p) => {
    const record = p.binary
      ? Buffer.concat([Buffer.from([4]), Buffer.from(p.data)])
      : Buffer.from(typeDigit(p.type) + (p.data ?? ''));
    return Buffer.concat([
      Buffer.from([p.binary ? 1 : 0]),
      Buffer.from(String(record.length).split('').map(Number)),
      Buffer.from([0xff]),
      record,
    ]);
  });
  return Buffer.concat(parts);
}

/** A decoded value is well formed: known packet types, errors with words and the raw text. */
function wellFormed(decoded: EioDecoded): void {
  for (const p of decoded.packets) assert.ok((EIO_TYPES as readonly string[]).includes(p.type), p.type);
  for (const e of decoded.errors) {
    assert.equal(typeof e.message, 'string');
    assert.ok(e.message.length > 0);
    assert.equal(typeof e.raw, 'string');
  }
}

function recordWellFormed(result: EioPacket | { error: string }): void {
  if ('error' in result) assert.equal(typeof result.error, 'string');
  else assert.ok((EIO_TYPES as readonly string[]).includes(result.type));
}

describe('Engine.IO decoders under fuzzing (issue #7)', function () {
  this.timeout(30000);

  describe('v4', () => {
    it('decodes any text as records, payloads and frames without throwing', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          recordWellFormed(decodeV4Record(text));
          wellFormed(decodeV4Payload(text));
          wellFormed(decodeV4Frame(text));
        }),
        RUNS,
      );
    });

    it('decodes any bytes as a frame without throwing', () => {
      fc.assert(
        fc.property(anyBytes, (bytes) => wellFormed(decodeV4Frame(bytes))),
        RUNS,
      );
    });

    it('decodes what it encodes, and any mutation of it without throwing', () => {
      fc.assert(
        fc.property(packets, mutations, (list, changes) => {
          const body = encodeV4Payload(list);
          if (list.length > 0) assert.deepEqual(normalise(decodeV4Payload(body).packets), normalise(list));
          wellFormed(decodeV4Payload(mutate(body, changes)));
          for (const p of list) {
            const frame = encodeV4Packet(p, true);
            wellFormed(decodeV4Frame(typeof frame === 'string' ? mutate(frame, changes) : mutateBytes(frame, changes)));
          }
        }),
        RUNS,
      );
    });
  });

  describe('v3', () => {
    it('decodes any text as records, payloads and frames without throwing', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          recordWellFormed(decodeV3Record(text));
          wellFormed(decodeV3TextPayload(text));
          wellFormed(decodeV3Frame(text));
        }),
        RUNS,
      );
    });

    it('decodes any bytes as a binary payload and a frame without throwing', () => {
      fc.assert(
        fc.property(fc.oneof(anyBytes, v3Bytes), (bytes) => {
          wellFormed(decodeV3BinaryPayload(bytes));
          wellFormed(decodeV3Frame(bytes));
        }),
        RUNS,
      );
    });

    it('decodes what it encodes (text and binary payloads), and any mutation of it without throwing', () => {
      fc.assert(
        fc.property(packets, mutations, (list, changes) => {
          const text = encodeV3Payload(list);
          const binary = encodeV3Binary(list);
          assert.deepEqual(normalise(decodeV3TextPayload(text).packets), normalise(list));
          // Binary payloads carry text records as UTF-8, which has no lone surrogates: compare with what UTF-8 keeps.
          assert.deepEqual(normalise(decodeV3BinaryPayload(binary).packets), normalise(list.map(throughUtf8)));
          wellFormed(decodeV3TextPayload(mutate(text, changes)));
          wellFormed(decodeV3BinaryPayload(mutateBytes(binary, changes)));
          for (const p of list) {
            const frame = encodeV3Frame(p);
            wellFormed(decodeV3Frame(typeof frame === 'string' ? mutate(frame, changes) : mutateBytes(frame, changes)));
          }
        }),
        RUNS,
      );
    });
  });

  describe('the open packet, version hints and the rest', () => {
    const openFields = fc.record(
      {
        sid: fc.oneof(fc.string({ unit, maxLength: 300 }), fc.integer(), fc.constant(null)),
        upgrades: fc.oneof(fc.array(fc.oneof(fc.string(), fc.integer())), fc.constant(null), fc.string()),
        pingInterval: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(2 ** 31)),
        pingTimeout: fc.oneof(fc.integer(), fc.double(), fc.string()),
        maxPayload: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(undefined)),
      },
      { requiredKeys: [] },
    );

    it('parses any text, any JSON value and any mutated open packet into a value or an error', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            anyText,
            fc.json({ maxDepth: 4 }),
            openFields.map((o) => JSON.stringify(o)),
          ),
          mutations,
          (data, changes) => {
            for (const input of [data, mutate(data, changes), undefined]) {
              const result = parseOpenPacket(input);
              if (result.ok) {
                assert.ok(result.value.sid.length > 0);
                assert.ok(result.value.pingInterval > 0 && result.value.pingTimeout > 0);
              } else assert.equal(typeof result.error, 'string');
            }
          },
        ),
        RUNS,
      );
    });

    it('survives deeply nested JSON in the open packet', () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      assert.equal(parseOpenPacket(deep).ok, false);
    });

    it('explains any status and body, and classifies any text as v3 or not', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: -1, max: 1000 }),
          fc.oneof(anyText, fc.json({ maxDepth: 3 })),
          fc.constantFrom(3 as const, 4 as const),
          fc.boolean(),
          (status, body, version, handshake) => {
            const error = explainHandshakeFailure(status, body, version, handshake);
            assert.equal(typeof error.message, 'string');
            assert.equal(typeof looksLikeV3Payload(body), 'boolean');
          },
        ),
        RUNS,
      );
    });

    it('checks any text as strict base64', () => {
      fc.assert(
        fc.property(fc.oneof(anyText, fc.base64String({ maxLength: MAX })), (text) => {
          const bytes = decodeStrictBase64(text);
          assert.ok(bytes === undefined || bytes instanceof Uint8Array);
        }),
        RUNS,
      );
    });

    it('stores any Set-Cookie headers and applies them without throwing', () => {
      const header = fc.tuple(fc.oneof(fc.constant('Set-Cookie'), fc.constant('set-cookie'), fc.string()), anyText);
      fc.assert(
        fc.property(fc.array(header, { maxLength: 8 }), fc.array(header, { maxLength: 4 }), (received, own) => {
          const jar = new CookieJar();
          jar.store(received);
          assert.ok(Array.isArray(jar.apply(own)));
        }),
        RUNS,
      );
    });

    it('builds a URL from any sid and query, and describes any polling result', () => {
      fc.assert(
        fc.property(
          anyText,
          fc.array(fc.tuple(anyText, anyText), { maxLength: 4 }),
          anyBytes,
          fc.integer({ min: 0, max: 999 }),
          (sid, query, body, status) => {
            const url = engineIoUrl(new URL('http://127.0.0.1:1/engine.io/'), {
              version: 4,
              transport: 'polling',
              sid,
              query,
              now: 0,
            });
            assert.ok(url.href.startsWith('http://127.0.0.1:1/engine.io/?'));
            const response = {
              status,
              statusText: '',
              httpVersion: '1.1',
              headers: [],
              body,
              wireBytes: body.length,
              timeToFirstByteMs: 0,
              totalMs: 0,
            };
            assert.ok(pollResponseEvent({ ok: true, response }, 1, 64, undefined));
            assert.equal(typeof pollingError(Object.assign(new Error(sid), { code: sid }), 'GET').message, 'string');
          },
        ),
        RUNS,
      );
    });

    it('never waits less than zero nor more than the floor before the next poll', () => {
      fc.assert(
        fc.property(fc.boolean(), fc.double({ noNaN: true }), fc.double({ noNaN: true }), (empty, started, now) => {
          const wait = emptyPollWaitMs(empty, started, now);
          assert.ok(wait >= 0 && wait <= EMPTY_POLL_MIN_GAP_MS, String(wait));
          if (!empty) assert.equal(wait, 0);
        }),
        RUNS,
      );
    });
  });

  describe('sliced delivery', () => {
    it('delivers any body in order, runs adding up to the packets decoded, stopping at the first error', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(anyText, packets.map(encodeV4Payload)),
          fc.integer({ min: 1, max: 5 }),
          async (body, perSlice) => {
            const expected = decodeV4Payload(body);
            const runs: Array<{ type: string; count: number }> = [];
            const errors: string[] = [];
            const summary = await deliverInSlices(
              pollingBodyRecords(4, Buffer.from(body), body, 'text/plain'),
              {
                onRun: (run) => runs.push({ type: run.packet.type, count: run.count }),
                onError: (error) => errors.push(error.raw),
                isStopped: () => false,
              },
              { recordsPerSlice: perSlice, yieldToLoop: () => Promise.resolve() },
            );
            const beforeError = firstErrorIndex(body);
            const delivered =
              beforeError === undefined
                ? expected.packets
                : decodeV4Payload(body.split('\x1e').slice(0, beforeError).join('\x1e')).packets;
            assert.deepEqual(
              runs,
              collapseRuns(beforeError === 0 ? [] : delivered).map((r) => ({ type: r.packet.type, count: r.count })),
            );
            assert.equal(
              summary.packets,
              runs.reduce((sum, r) => sum + r.count, 0),
            );
            assert.deepEqual(
              errors,
              expected.errors.slice(0, 1).map((e) => e.raw),
            );
            assert.equal(summary.empty, errors.length === 0 && runs.every((r) => r.type === 'noop'));
          },
        ),
        RUNS,
      );
    });
  });
});

/** Index of the first record of a v4 body that does not decode, if any. */
function firstErrorIndex(body: string): number | undefined {
  if (body === '') return undefined;
  const index = body.split('\x1e').findIndex((record) => 'error' in decodeV4Record(record));
  return index < 0 ? undefined : index;
}

/** A packet as it comes back from UTF-8 (lone surrogates become U+FFFD). */
function throughUtf8(p: EioPacket): EioPacket {
  return p.binary || p.data === undefined ? p : { type: p.type, data: Buffer.from(p.data).toString('utf8') };
}

/** Packets compared by value: bytes as plain arrays, whatever their buffer. */
function normalise(list: EioPacket[]): unknown[] {
  return list.map((p) =>
    p.binary
      ? { type: p.type, bytes: [...p.data] }
      : p.data === undefined
        ? { type: p.type }
        : { type: p.type, data: p.data },
  );
}
