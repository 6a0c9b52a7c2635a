/**
 * The lenient Socket.IO codec, pure. Inputs are written as they travel on the wire (inside an Engine.IO
 * message, hence the leading `4`); the Engine.IO record is decoded first, then the Socket.IO packet.
 * `socket.io-parser` 4.2.7 is the oracle for valid input, except where ours deliberately differs: it keeps
 * BINARY_EVENT/BINARY_ACK as the wire type, keeps reserved event names as data, accepts up to 1000
 * attachments, and returns an error instead of throwing.
 */
import assert from 'node:assert/strict';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { decodeV4Record } from '../../../../src/core/engineio/eioCodecV4';
import {
  MAX_ATTACHMENTS,
  decodeSioPacket,
  encodeSioPacket,
  extractAttachments,
} from '../../../../src/core/socketio/sioCodec';
import { SIO_TYPES, type SioPacket } from '../../../../src/core/socketio/sioPacket';

/** The Socket.IO text inside a wire record such as `42["foo"]`. */
function sioText(wire: string): string {
  const record = decodeV4Record(wire);
  assert.ok(!('error' in record) && record.type === 'message' && !record.binary, `${wire} is an Engine.IO message`);
  return record.data ?? '';
}

function decodeWire(wire: string): SioPacket {
  const result = decodeSioPacket(sioText(wire));
  assert.ok(result.ok, `${wire} should decode: ${result.ok ? '' : result.error}`);
  return result.packet;
}

/** What socket.io-parser makes of a string (and attachments); throws like it does. */
function oracle(text: string, attachments: Buffer[] = []): Packet {
  const decoder = new Decoder();
  let out: Packet | undefined;
  decoder.on('decoded', (p: Packet) => {
    out = p;
  });
  decoder.add(text);
  for (const a of attachments) decoder.add(a);
  decoder.destroy();
  assert.ok(out, 'the oracle decoded a packet');
  return out;
}

/** Our packet in the oracle's shape (numeric type, no dataText/attachments). */
function asOracle(p: SioPacket, wireTypeKept = false): Record<string, unknown> {
  let type = SIO_TYPES.indexOf(p.type);
  if (!wireTypeKept && p.type === 'BINARY_EVENT') type = PacketType.EVENT;
  if (!wireTypeKept && p.type === 'BINARY_ACK') type = PacketType.ACK;
  const out: Record<string, unknown> = { type, nsp: p.nsp };
  if (p.id !== undefined) out.id = p.id;
  if (p.data !== undefined) out.data = p.data;
  return out;
}

function plainOracle(p: Packet): Record<string, unknown> {
  const out: Record<string, unknown> = { type: p.type, nsp: p.nsp };
  if (p.id !== undefined) out.id = p.id;
  if (p.data !== undefined) out.data = p.data;
  return out;
}

describe('Socket.IO codec', () => {
  describe('decodeSioPacket on valid wire strings', () => {
    const cases: Array<[string, Partial<SioPacket>]> = [
      ['42["foo"]', { type: 'EVENT', nsp: '/', data: ['foo'], dataText: '["foo"]' }],
      ['42/admin,12["x"]', { type: 'EVENT', nsp: '/admin', id: 12, data: ['x'] }],
      ['43/admin,13["bar"]', { type: 'ACK', nsp: '/admin', id: 13, data: ['bar'] }],
      [
        '44/admin,{"message":"not authorized","data":{"a":1}}',
        { type: 'CONNECT_ERROR', nsp: '/admin', data: { message: 'not authorized', data: { a: 1 } } },
      ],
      ['44/admin,"not authorized"', { type: 'CONNECT_ERROR', nsp: '/admin', data: 'not authorized' }],
      ['40/admin?token=abc,', { type: 'CONNECT', nsp: '/admin?token=abc' }],
      ['40{"sid":"Yk2x"}', { type: 'CONNECT', nsp: '/', data: { sid: 'Yk2x' } }],
      ['40', { type: 'CONNECT', nsp: '/' }],
      ['41/admin,', { type: 'DISCONNECT', nsp: '/admin' }],
      ['42[1,"numeric event name"]', { type: 'EVENT', nsp: '/', data: [1, 'numeric event name'] }],
      [
        '42/chat,["msg",{"text":"a,b","n":[1,2]}]',
        { type: 'EVENT', nsp: '/chat', data: ['msg', { text: 'a,b', n: [1, 2] }] },
      ],
      ['42["héllo 😀"]', { type: 'EVENT', nsp: '/', data: ['héllo 😀'] }],
    ];
    for (const [wire, expected] of cases) {
      it(`decodes ${wire}, as socket.io-parser does`, () => {
        const packet = decodeWire(wire);
        for (const [k, v] of Object.entries(expected)) assert.deepEqual(packet[k as keyof SioPacket], v, k);
        assert.deepEqual(asOracle(packet), plainOracle(oracle(sioText(wire))));
      });
    }

    it('keeps BINARY_EVENT as the wire type: 451-["ev",{"_placeholder":true,"num":0}]', () => {
      const wire = '451-["ev",{"_placeholder":true,"num":0}]';
      const packet = decodeWire(wire);
      assert.equal(packet.type, 'BINARY_EVENT');
      assert.equal(packet.attachments, 1);
      assert.equal(packet.nsp, '/');
      assert.deepEqual(
        packet.data,
        ['ev', { _placeholder: true, num: 0 }],
        'the placeholder stays as data: the session regroups',
      );
      const ref = oracle(sioText(wire), [Buffer.from([1, 2])]);
      assert.equal(ref.type, PacketType.EVENT, 'the oracle rewrites the wire type (which is why ours does not use it)');
      assert.deepEqual(asOracle(packet).nsp, ref.nsp);
      assert.equal((ref.data as unknown[])[0], 'ev');
    });

    it('keeps BINARY_ACK with namespace, attachments and ack id', () => {
      const packet = decodeWire('462-/admin,7[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]');
      assert.deepEqual(
        { type: packet.type, nsp: packet.nsp, id: packet.id, attachments: packet.attachments },
        { type: 'BINARY_ACK', nsp: '/admin', id: 7, attachments: 2 },
      );
      const ref = oracle(sioText('462-/admin,7[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'), [
        Buffer.from([1]),
        Buffer.from([2]),
      ]);
      assert.deepEqual({ type: ref.type, nsp: ref.nsp, id: ref.id }, { type: PacketType.ACK, nsp: '/admin', id: 7 });
    });

    it('keeps a reserved event name as data (the oracle refuses it)', () => {
      const packet = decodeWire('42["connect","spoofed"]');
      assert.deepEqual(packet.data, ['connect', 'spoofed']);
      assert.throws(() => oracle('2["connect","spoofed"]'), /invalid payload/);
    });

    it('takes ack ids up to 2^53 − 1, 16 digits included, as the oracle does', () => {
      const packet = decodeWire('43/admin,9007199254740991["x"]');
      assert.equal(packet.id, Number.MAX_SAFE_INTEGER);
      assert.equal(oracle(sioText('43/admin,9007199254740991["x"]')).id, Number.MAX_SAFE_INTEGER);
    });

    it("accepts up to 1000 attachments, beyond socket.io-parser's cap of 10", () => {
      const packet = decodeSioPacket(`5${MAX_ATTACHMENTS}-["big"]`);
      assert.ok(packet.ok);
      assert.equal(packet.packet.attachments, 1000);
      assert.throws(() => oracle('511-["x"]'), /too many attachments/);
    });
  });

  describe('decodeSioPacket on bad input: an error, never a throw', () => {
    const bad: Array<[string, string, RegExp]> = [
      ['bad JSON', '2["foo"', /not JSON/],
      ['JSON after garbage', '2/admin,x["foo"]', /not JSON/],
      ['a non-array EVENT', '2{"a":1}', /JSON array/],
      ['an empty EVENT array', '2[]', /JSON array/],
      ['an EVENT whose first element is no name', '2[null,1]', /event name/],
      ['an EVENT without data', '2/admin,', /JSON array/],
      ['a BINARY_EVENT that is not an array', '51-{"a":1}', /JSON array/],
      ['an ACK without id', '3["x"]', /ack id/],
      ['an ACK whose data is not an array', '31{"x":1}', /ack id and a JSON array/],
      ['an attachment count over 1000', `5${MAX_ATTACHMENTS + 1}-["x"]`, /Invalid attachment count/],
      ['an attachment count of seven digits', '51000000-["x"]', /Invalid attachment count/],
      ['a BINARY_EVENT without count', '5["x"]', /Invalid attachment count/],
      ['a BINARY_EVENT with an empty count', '5-["x"]', /Invalid attachment count/],
      ['an unknown type', '7["x"]', /Unknown Socket.IO packet type "7"/],
      ['a letter as type', 'x["x"]', /Unknown Socket.IO packet type "x"/],
      ['the empty string', '', /Unknown Socket.IO packet type ""/],
      ['an ack id of 18 digits', '2123456789012345678["x"]', /ack id 123456789012345678 is invalid: too large/],
      ['an ack id of 2^53', '39007199254740992["x"]', /ack id 9007199254740992 is invalid: too large/],
      ['an ack id of 400 digits', `2${'9'.repeat(400)}[1]`, /ack id 9{20}… \(400 digits\) is invalid/],
    ];
    for (const [what, text, message] of bad) {
      it(`refuses ${what}: ${JSON.stringify(text)}`, () => {
        let result: ReturnType<typeof decodeSioPacket> | undefined;
        assert.doesNotThrow(() => {
          result = decodeSioPacket(text);
        });
        assert.ok(result && !result.ok, 'not decoded');
        assert.match(result.error, message);
      });
    }

    it('never throws on random junk', () => {
      let seed = 7;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed;
      };
      const alphabet = '0123456789-/,[]{}":abc\\ \x00😀';
      for (let n = 0; n < 2000; n++) {
        const text = Array.from({ length: rnd() % 24 }, () => alphabet[rnd() % alphabet.length]).join('');
        assert.doesNotThrow(() => decodeSioPacket(text), text);
      }
    });
  });

  describe('encodeSioPacket', () => {
    const encoder = new Encoder();
    const packets: Array<[SioPacket['type'], Omit<Packet, 'type'>]> = [
      ['EVENT', { nsp: '/', data: ['foo'] }],
      ['EVENT', { nsp: '/admin', id: 12, data: ['x', { a: [1, 'two'] }] }],
      ['ACK', { nsp: '/admin', id: 13, data: ['bar'] }],
      ['CONNECT', { nsp: '/' }],
      ['CONNECT', { nsp: '/', data: { token: 'abc' } }],
      ['CONNECT', { nsp: '/admin', data: { token: 'abc' } }],
      ['DISCONNECT', { nsp: '/admin' }],
      ['CONNECT_ERROR', { nsp: '/admin', data: { message: 'not authorized' } }],
    ];
    for (const [type, rest] of packets) {
      it(`encodes ${type} ${JSON.stringify(rest)} exactly as socket.io-parser`, () => {
        const ours = encodeSioPacket({ type, ...rest });
        const ref = encoder.encode({ type: SIO_TYPES.indexOf(type), ...rest } as Packet);
        assert.deepEqual([ours], ref);
        const back = decodeSioPacket(ours);
        assert.ok(back.ok);
        assert.deepEqual(asOracle(back.packet, true), { type: SIO_TYPES.indexOf(type), ...rest });
      });
    }

    it('encodes a BINARY_EVENT with attachments and namespace as socket.io-parser does', () => {
      const value = ['upload', { file: Buffer.from([1, 2]), parts: [Buffer.from([3])] }];
      const { data, buffers } = extractAttachments(value);
      const ours = encodeSioPacket({ type: 'BINARY_EVENT', nsp: '/files', id: 4, data, attachments: buffers.length });
      const [refText, ...refBuffers] = encoder.encode({ type: PacketType.EVENT, nsp: '/files', id: 4, data: value });
      assert.equal(ours, refText);
      assert.equal(
        ours,
        '52-/files,4["upload",{"file":{"_placeholder":true,"num":0},"parts":[{"_placeholder":true,"num":1}]}]',
      );
      assert.deepEqual(
        buffers.map((b) => [...b]),
        (refBuffers as Buffer[]).map((b) => [...b]),
      );
    });
  });

  describe('extractAttachments', () => {
    it('replaces nested buffers with numbered placeholders, depth first in order', () => {
      const a = new Uint8Array([1]);
      const b = Buffer.from([2]);
      const c = new Uint8Array([3, 3]);
      const { data, buffers } = extractAttachments(['ev', { x: a, y: [{ z: b }, 'text', 5, null] }, c]);
      assert.deepEqual(data, [
        'ev',
        { x: { _placeholder: true, num: 0 }, y: [{ z: { _placeholder: true, num: 1 } }, 'text', 5, null] },
        { _placeholder: true, num: 2 },
      ]);
      assert.deepEqual(buffers, [a, b, c]);
      const ref = new Encoder().encode({
        type: PacketType.EVENT,
        nsp: '/',
        data: ['ev', { x: Buffer.from(a), y: [{ z: b }, 'text', 5, null] }, Buffer.from(c)],
      });
      assert.equal(encodeSioPacket({ type: 'BINARY_EVENT', nsp: '/', data, attachments: 3 }), ref[0]);
    });

    it('leaves data without buffers unchanged and the input untouched', () => {
      const input = { a: [1, { b: 'c' }], d: null, e: true };
      const { data, buffers } = extractAttachments(input);
      assert.deepEqual(data, input);
      assert.equal(buffers.length, 0);
      const withBuffer = { f: new Uint8Array([1]) };
      extractAttachments(withBuffer);
      assert.ok(withBuffer.f instanceof Uint8Array, "the caller's object is not rewritten");
    });

    it("round-trips through socket.io-parser's decoder with the attachments", () => {
      const value = ['bin', { deep: { deeper: [new Uint8Array([9, 8, 7])] } }, new Uint8Array([])];
      const { data, buffers } = extractAttachments(value);
      const text = encodeSioPacket({ type: 'BINARY_EVENT', nsp: '/', data, attachments: buffers.length });
      const ref = oracle(
        text,
        buffers.map((b) => Buffer.from(b)),
      );
      const refData = ref.data as [string, { deep: { deeper: Buffer[] } }, Buffer];
      assert.deepEqual([...refData[1].deep.deeper[0]], [9, 8, 7]);
      assert.equal(refData[2].length, 0);
    });
  });
});
