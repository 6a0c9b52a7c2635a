/**
 * The Engine.IO codecs, pure: v3 (length-prefixed text payloads counting UTF-16 code units, `b4<base64>`,
 * the binary payload format) and v4 (`\x1e` separator, `b<base64>`). Bad input becomes a decode error
 * carrying the raw record, never a throw or a silent skip. Valid input round-trips against the reference
 * parsers: `engine.io-parser` 5.2.3 (v4) and 2.2.1 (v3, the one engine.io 3.6.2 ships).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as parserV4 from 'engine.io-parser';
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
import { decodeStrictBase64, type EioDecoded, type EioPacket } from '../../../../src/core/engineio/eioPacket';

/** engine.io-parser 2.x (protocol v3), untyped: the copy installed under the `eio3` alias. */
interface ParserV3 {
  encodePayload(packets: unknown[], supportsBinary: boolean, cb: (encoded: string | Buffer) => void): void;
  encodePayloadAsBinary(packets: unknown[], cb: (encoded: Buffer) => void): void;
  decodePayload(
    data: string,
    cb: (packet: { type: string; data?: unknown }, index: number, total: number) => void,
  ): void;
  decodePayloadAsBinary(
    data: Buffer,
    cb: (packet: { type: string; data?: unknown }, index: number, total: number) => void,
  ): void;
  encodePacket(
    packet: unknown,
    supportsBinary: boolean,
    utf8encode: boolean,
    cb: (encoded: string | Buffer) => void,
  ): void;
  decodePacket(data: string | Buffer, binaryType?: string, utf8decode?: boolean): { type: string; data?: unknown };
}
const parserV3 = createRequire(__filename)('eio3/node_modules/engine.io-parser') as ParserV3;

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

/** Packets as plain comparable values (Uint8Array/Buffer → number arrays). */
function plain(packets: Array<{ type: string; data?: unknown }>): Array<{ type: string; data?: unknown }> {
  return packets.map((p) => {
    const out: { type: string; data?: unknown } = { type: p.type };
    if (p.data instanceof Uint8Array) out.data = [...p.data];
    else if (p.data !== undefined) out.data = p.data;
    return out;
  });
}

function ok(decoded: EioDecoded): Array<{ type: string; data?: unknown }> {
  assert.deepEqual(decoded.errors, [], 'no decode errors');
  return plain(decoded.packets);
}

function v3Encode(packets: unknown[]): string {
  let out = '';
  parserV3.encodePayload(packets, false, (s) => {
    out = String(s);
  });
  return out;
}

function v3Decode(text: string): Array<{ type: string; data?: unknown }> {
  const out: Array<{ type: string; data?: unknown }> = [];
  parserV3.decodePayload(text, (p) => {
    out.push(p);
  });
  return plain(out);
}

function v4Encode(packets: parserV4.Packet[]): string {
  let out = '';
  parserV4.encodePayload(packets, (s) => {
    out = s;
  });
  return out;
}

describe('Engine.IO v3 codec', () => {
  describe('text payloads', () => {
    it('counts UTF-16 code units in the length prefix: 4😀€ → 4:4😀€', () => {
      assert.equal(encodeV3Payload([{ type: 'message', data: '😀€' }]), '4:4😀€');
      assert.deepEqual(ok(decodeV3TextPayload('4:4😀€')), [{ type: 'message', data: '😀€' }]);
      assert.equal(v3Encode([{ type: 'message', data: '😀€' }]), '4:4😀€', 'the reference agrees');
    });

    it('encodes no packets as the empty payload 0: and decodes it to nothing', () => {
      assert.equal(encodeV3Payload([]), '0:');
      assert.deepEqual(decodeV3TextPayload('0:'), { packets: [], errors: [] });
      assert.equal(v3Encode([]), '0:');
    });

    it('carries binary as b4<base64>', () => {
      const encoded = encodeV3Payload([{ type: 'message', data: bytes(1, 2, 3), binary: true }]);
      assert.equal(encoded, '6:b4AQID');
      assert.equal(v3Encode([{ type: 'message', data: Buffer.from([1, 2, 3]) }]), encoded);
      assert.deepEqual(ok(decodeV3TextPayload('6:b4AQID')), [{ type: 'message', data: [1, 2, 3] }]);
    });

    it('decodes several records of every type, as the reference encodes them', () => {
      const packets = [
        { type: 'open', data: '{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":5000}' },
        { type: 'message', data: 'héllo 😀' },
        { type: 'ping', data: 'probe' },
        { type: 'pong' },
        { type: 'noop' },
        { type: 'upgrade' },
        { type: 'close' },
        { type: 'message', data: '' },
      ];
      const wire = v3Encode(packets);
      assert.deepEqual(
        ok(decodeV3TextPayload(wire)),
        plain(packets.map((p) => (p.type === 'message' && p.data === '' ? { type: 'message' } : p))),
      );
    });

    it('is decoded by the reference as it was meant', () => {
      const packets: EioPacket[] = [
        { type: 'message', data: '4😀€' },
        { type: 'ping' },
        { type: 'message', data: bytes(0, 255, 7), binary: true },
        { type: 'message', data: 'a:b:c' },
      ];
      const wire = encodeV3Payload(packets);
      assert.deepEqual(v3Decode(wire), [
        { type: 'message', data: '4😀€' },
        { type: 'ping' },
        { type: 'message', data: [0, 255, 7] },
        { type: 'message', data: 'a:b:c' },
      ]);
      assert.deepEqual(ok(decodeV3TextPayload(wire)), plain(packets));
    });

    const malformed: Array<[string, string, RegExp, string]> = [
      ['no length prefix', '0{"sid":"x"}', /expected <length>:<packet>/, '0{"sid":"x"}'],
      ['a length that is not a number', 'x:4hi', /expected <length>:<packet>/, 'x:4hi'],
      ['a length of ten digits (no huge allocation)', '1234567890:4hi', /expected <length>:<packet>/, '1234567890:4hi'],
      ['a record shorter than announced', '2:4a5:4hi', /Truncated v3 record: announced 5 characters, got 3/, '5:4hi'],
      ['a trailing length without record', '2:4a1:', /Truncated/, '1:'],
    ];
    for (const [what, wire, message, raw] of malformed) {
      it(`reports ${what} as a decode error with the raw rest`, () => {
        const decoded = decodeV3TextPayload(wire);
        assert.equal(decoded.errors.length, 1);
        assert.match(decoded.errors[0].message, message);
        assert.equal(decoded.errors[0].raw, raw);
      });
    }

    it('keeps the packets before a bad record and reports the bad one with its raw text', () => {
      const decoded = decodeV3TextPayload('2:4a6:9hello2:4b');
      assert.deepEqual(plain(decoded.packets), [
        { type: 'message', data: 'a' },
        { type: 'message', data: 'b' },
      ]);
      assert.deepEqual(decoded.errors, [{ message: 'Unknown packet type "9".', raw: '9hello' }]);
    });

    const badRecords: Array<[string, string]> = [
      ['invalid base64', 'b4%%%notbase64'],
      ['base64 with a stray character', 'b4AQ*D'],
      ['a binary record of another type', 'b2AQID'],
      ['a binary record without a type', 'b'],
      ['an unknown type digit', '9hello'],
      ['a type that is not a digit', 'xhello'],
      ['an empty record', ''],
    ];
    for (const [what, record] of badRecords) {
      it(`turns ${what} into a decode error with the raw record`, () => {
        const result = decodeV3Record(record);
        assert.ok('error' in result, `${JSON.stringify(record)} must not decode`);
        if (record !== '') {
          const decoded = decodeV3TextPayload(`${record.length}:${record}`);
          assert.equal(decoded.errors.length, 1);
          assert.equal(decoded.errors[0].raw, record);
        }
      });
    }
  });

  describe('binary payloads (00|01, length digits, FF, packet)', () => {
    it(
      'decodes what the reference encodes: ' + 'text records counted in UTF-8 bytes, binary records with the type byte',
      () => {
        let wire: Buffer = Buffer.alloc(0);
        parserV3.encodePayloadAsBinary(
          [
            { type: 'message', data: 'hé' },
            { type: 'message', data: Buffer.from([1, 2, 3]) },
            { type: 'pong', data: 'probe' },
          ],
          (b) => {
            wire = b;
          },
        );
        assert.deepEqual([...wire.subarray(0, 3)], [0x00, 0x04, 0xff], 'text record of 4 bytes (4 h é)');
        assert.deepEqual(ok(decodeV3BinaryPayload(wire)), [
          { type: 'message', data: 'hé' },
          { type: 'message', data: [1, 2, 3] },
          { type: 'pong', data: 'probe' },
        ]);
      },
    );

    it('reads multi-digit lengths one digit per byte', () => {
      const text = `4${'x'.repeat(11)}`;
      const wire = Buffer.concat([Buffer.from([0x00, 1, 2, 0xff]), Buffer.from(text)]);
      assert.deepEqual(ok(decodeV3BinaryPayload(wire)), [{ type: 'message', data: 'x'.repeat(11) }]);
    });

    it('reports a wrong record kind, a missing FF and a binary record of another type', () => {
      const kind = decodeV3BinaryPayload(bytes(0x02, 0x01, 0xff, 0x36));
      assert.match(kind.errors[0].message, /record kind must be 0 or 1/);
      assert.equal(kind.errors[0].raw, '\x02\x01\xff\x36');
      const noFf = decodeV3BinaryPayload(bytes(0x00, 0x01, 0x02));
      assert.match(noFf.errors[0].message, /missing 0xFF/);
      const notMessage = decodeV3BinaryPayload(bytes(0x01, 0x02, 0xff, 0x02, 0x09));
      assert.match(notMessage.errors[0].message, /must be a message/);
      const unknownText = decodeV3BinaryPayload(bytes(0x00, 0x02, 0xff, 0x39, 0x78));
      assert.deepEqual(unknownText.errors, [{ message: 'Unknown packet type "9".', raw: '9x' }]);
    });

    it('does not spin or allocate on a length of many digits', () => {
      const decoded = decodeV3BinaryPayload(bytes(0x00, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0xff, 0x34));
      assert.equal(decoded.errors.length, 1);
    });

    it('reports a binary-payload record shorter than announced, and a length byte that is not a digit', () => {
      const truncated = decodeV3BinaryPayload(bytes(0x00, 0x09, 0xff, 0x34, 0x68, 0x69));
      assert.equal(truncated.packets.length, 0);
      assert.match(truncated.errors[0]?.message ?? '', /Truncated|shorter|announced/);
      const notDigit = decodeV3BinaryPayload(bytes(0x00, 200, 0xff, 0x34, 0x68, 0x69));
      assert.equal(notDigit.packets.length, 0);
      assert.equal(notDigit.errors.length, 1);
    });
  });

  describe('WebSocket frames', () => {
    it('puts the type byte before binary data, as the reference does', () => {
      const ours = encodeV3Frame({ type: 'message', data: bytes(1, 2), binary: true });
      let ref: string | Buffer = '';
      parserV3.encodePacket({ type: 'message', data: Buffer.from([1, 2]) }, true, false, (e) => {
        ref = e;
      });
      assert.deepEqual([...(ours as Uint8Array)], [...(ref as unknown as Buffer)]);
      assert.deepEqual([...(ours as Uint8Array)], [4, 1, 2]);
      assert.deepEqual(ok(decodeV3Frame(bytes(4, 1, 2))), [{ type: 'message', data: [1, 2] }]);
    });

    it('encodes and decodes text frames', () => {
      assert.equal(encodeV3Frame({ type: 'ping', data: 'probe' }), '2probe');
      assert.deepEqual(ok(decodeV3Frame('3probe')), [{ type: 'pong', data: 'probe' }]);
      assert.deepEqual(parserV3.decodePacket(encodeV3Frame({ type: 'message', data: 'hé' }) as string), {
        type: 'message',
        data: 'hé',
      });
    });

    it('reports a binary frame without the message type byte, and an unknown text type', () => {
      assert.match(decodeV3Frame(bytes(2, 1)).errors[0].message, /type byte 4/);
      assert.deepEqual(decodeV3Frame('9hello').errors, [{ message: 'Unknown packet type "9".', raw: '9hello' }]);
    });
  });
});

describe('Engine.IO v4 codec', () => {
  it('joins records with \\x1e and carries binary as b<base64>, like engine.io-parser', () => {
    const packets: EioPacket[] = [
      { type: 'message', data: 'hi' },
      { type: 'message', data: bytes(1, 2, 3), binary: true },
      { type: 'ping' },
    ];
    const ours = encodeV4Payload(packets);
    assert.equal(ours, '4hi\x1ebAQID\x1e2');
    assert.equal(
      v4Encode([{ type: 'message', data: 'hi' }, { type: 'message', data: Buffer.from([1, 2, 3]) }, { type: 'ping' }]),
      ours,
    );
  });

  it('decodes what engine.io-parser encodes', () => {
    const packets: parserV4.Packet[] = [
      {
        type: 'open',
        data: '{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
      },
      { type: 'message', data: 'héllo 😀 \x1f' },
      { type: 'message', data: Buffer.from([0, 255]) },
      { type: 'ping' },
      { type: 'pong', data: 'probe' },
      { type: 'noop' },
      { type: 'upgrade' },
      { type: 'close' },
    ];
    assert.deepEqual(ok(decodeV4Payload(v4Encode(packets))), plain(packets));
  });

  it('is decoded by engine.io-parser as it was meant', () => {
    const packets: EioPacket[] = [
      { type: 'message', data: '😀€' },
      { type: 'message', data: bytes(9, 8), binary: true },
      { type: 'pong' },
    ];
    const decoded = parserV4.decodePayload(encodeV4Payload(packets), 'nodebuffer');
    assert.deepEqual(plain(decoded), plain(packets));
  });

  it('encodes single packets like encodePacket, binary as bytes on WebSocket', () => {
    assert.equal(encodeV4Packet({ type: 'ping', data: 'probe' }, true), '2probe');
    assert.equal(encodeV4Packet({ type: 'message', data: bytes(1), binary: true }, false), 'bAQ==');
    assert.deepEqual(
      [...(encodeV4Packet({ type: 'message', data: bytes(1, 2), binary: true }, true) as Uint8Array)],
      [1, 2],
    );
  });

  it('decodes an empty body to nothing', () => {
    assert.deepEqual(decodeV4Payload(''), { packets: [], errors: [] });
  });

  it('decodes WebSocket frames: a binary frame is a message without type byte', () => {
    assert.deepEqual(ok(decodeV4Frame(bytes(4, 1))), [{ type: 'message', data: [4, 1] }]);
    assert.deepEqual(ok(decodeV4Frame('3probe')), [{ type: 'pong', data: 'probe' }]);
    assert.deepEqual(decodeV4Frame('b').errors, [], 'b alone is an empty binary message');
  });

  const badRecords: Array<[string, string, RegExp]> = [
    ['invalid base64', 'b%%%notbase64', /Invalid base64/],
    ['base64 of impossible length', 'bAQIDB', /Invalid base64/],
    ['base64 with a line break', 'bAQ\nID', /Invalid base64/],
    ['an unknown type digit', '9hello', /Unknown packet type "9"/],
    ['a letter as type', 'xhello', /Unknown packet type "x"/],
    ['an empty record', '', /Unknown packet type ""/],
  ];
  for (const [what, record, message] of badRecords) {
    it(`turns ${what} into a decode error with the raw record`, () => {
      const single = decodeV4Record(record);
      assert.ok('error' in single);
      assert.match(single.error, message);
      const decoded = decodeV4Payload(`4before\x1e${record}\x1e4after`);
      assert.deepEqual(plain(decoded.packets), [
        { type: 'message', data: 'before' },
        { type: 'message', data: 'after' },
      ]);
      assert.equal(decoded.errors.length, 1);
      assert.equal(decoded.errors[0].raw, record);
    });
  }

  it('is stricter than engine.io-parser about base64 (which decodes garbage to empty bytes)', () => {
    const ref = parserV4.decodePacket('b%%%', 'nodebuffer');
    assert.equal(ref.type, 'message', 'the reference accepts it');
    assert.ok('error' in decodeV4Record('b%%%'));
  });

  it('reports a v3 body as decode errors rather than throwing', () => {
    const decoded = decodeV4Payload('96:0{"sid":"x"}');
    assert.equal(decoded.packets.length, 0);
    assert.deepEqual(decoded.errors, [{ message: 'Unknown packet type "9".', raw: '96:0{"sid":"x"}' }]);
  });
});

describe('strict base64', () => {
  it('accepts padded and unpadded base64, refuses anything else', () => {
    assert.deepEqual([...decodeStrictBase64('AQID')!], [1, 2, 3]);
    assert.deepEqual([...decodeStrictBase64('AQ==')!], [1]);
    assert.deepEqual([...decodeStrictBase64('AQ')!], [1]);
    assert.deepEqual([...decodeStrictBase64('')!], []);
    for (const bad of ['A', 'AQ=x', 'AQ===', '-_-_', 'AQ ID', 'AQ%D'])
      assert.equal(decodeStrictBase64(bad), undefined, bad);
  });
});
