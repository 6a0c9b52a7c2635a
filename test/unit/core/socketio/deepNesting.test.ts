/**
 * Issue #7, defect 3: data nested far too deep (msgpack or JSON) becomes a decode error that says so;
 * it neither throws out of the decoders nor drops the rest of the poll response, and polling goes on.
 */
import assert from 'node:assert/strict';
import { decodeSioPacket } from '../../../../src/core/socketio/sioCodec';
import { MAX_DATA_DEPTH } from '../../../../src/core/socketio/sioDataDepth';
import { decodeMsgpackPacket, displayJson, encodeMsgpackPacket } from '../../../../src/core/socketio/sioMsgpack';
import { parseSioArguments, parseSioAuth, restoreAttachments } from '../../../../src/core/socketio/sioArguments';
import { extractAttachments } from '../../../../src/core/socketio/sioCodec';
import { ofType, waitForEvent } from '../../support/sessions';
import { RS, binaryRecord, startHandPlayedSio, type HandPlayedSio } from './handPlayedSioServer';

const HOSTILE_DEPTH = 10_000;

/** `{type: 2, nsp: "/", data: [[[…null…]]]}` in msgpack, `depth` arrays deep, written byte by byte. */
function deepMsgpackEvent(depth: number): Uint8Array {
  const head = Buffer.from([
    0x83,
    0xa4,
    ...Buffer.from('type'),
    0x02,
    0xa3,
    ...Buffer.from('nsp'),
    0xa1,
    0x2f,
    0xa4,
    ...Buffer.from('data'),
  ]);
  return Buffer.concat([head, Buffer.alloc(depth, 0x91), Buffer.from([0xc0])]);
}

const deepJson = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('Socket.IO data nested too deep', function () {
  this.timeout(10000);

  describe('pure decoders', () => {
    it(`msgpack: ${HOSTILE_DEPTH} levels are a decode error naming the limit`, () => {
      const decoded = decodeMsgpackPacket(deepMsgpackEvent(HOSTILE_DEPTH));
      assert.ok(!decoded.ok);
      assert.match(decoded.error, new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels`));
    });

    it('msgpack: array headers that declare more elements than there are bytes are refused before decoding', () => {
      const head = deepMsgpackEvent(0).subarray(0, -1);
      // Nested array16 headers of 0xdcdc elements each: the decoder would allocate an array per header.
      const hostile = Buffer.concat([head, Buffer.from(Array.from({ length: 3000 }, () => [0xdc, 0xdc, 0xdc]).flat())]);
      const decoded = decodeMsgpackPacket(hostile);
      assert.ok(!decoded.ok);
      assert.match(decoded.error, /declares \d+ or more elements in \d+ bytes/);
    });

    it(`JSON text: ${HOSTILE_DEPTH} levels are a decode error naming the limit`, () => {
      const decoded = decodeSioPacket(`2["ev",${deepJson(HOSTILE_DEPTH)}]`);
      assert.ok(!decoded.ok);
      assert.match(decoded.error, new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels`));
    });

    it('accepts data exactly at the limit, in both parsers', () => {
      const atLimit = `["ev",${deepJson(MAX_DATA_DEPTH - 1)}]`;
      assert.ok(decodeSioPacket(`2${atLimit}`).ok);
      assert.ok(decodeMsgpackPacket(encodeMsgpackPacket({ type: 'EVENT', nsp: '/', data: JSON.parse(atLimit) })).ok);
      assert.ok(!decodeSioPacket(`2["ev",${deepJson(MAX_DATA_DEPTH)}]`).ok);
    });

    it('arguments and auth a user types: too deep is an error, not a stack overflow', () => {
      const parsed = parseSioArguments(`["a",${deepJson(HOSTILE_DEPTH)}]`);
      assert.ok(!parsed.ok);
      assert.match(parsed.error, new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels; it is not sent`));
      const auth = parseSioAuth(`{"token":${deepJson(HOSTILE_DEPTH)}}`);
      assert.ok(!auth.ok);
      assert.match(auth.error, new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels; it is not sent`));
    });

    it('the walks over data are total: describing, extracting and restoring never throw', () => {
      const deep = JSON.parse(deepJson(HOSTILE_DEPTH)) as unknown;
      assert.match(displayJson(deep), new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels`));
      const { data, buffers } = extractAttachments([deep, new Uint8Array([1])]);
      assert.equal(buffers.length, 1);
      assert.ok(Array.isArray(restoreAttachments(data, buffers)));
    });
  });

  describe('in a session', () => {
    let played: HandPlayedSio | undefined;
    afterEach(async () => {
      await played?.stop();
      played = undefined;
    });

    it('msgpack: logs the error, the rest of the same poll body, and packets of later polls', async () => {
      const connect = binaryRecord(encodeMsgpackPacket({ type: 'CONNECT', nsp: '/', data: { sid: 'root' } }));
      const event = (name: string): string =>
        binaryRecord(encodeMsgpackPacket({ type: 'EVENT', nsp: '/', data: [name] }));
      played = await startHandPlayedSio(
        [connect, `${binaryRecord(deepMsgpackEvent(HOSTILE_DEPTH))}${RS}${event('same-body')}`, event('later-poll')],
        { parser: 'msgpack' },
      );
      const { session } = played;
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'later-poll', 5000);
      assert.equal(ofType(session, 'sio-event').filter((e) => e.meta?.sio?.event === 'same-body').length, 1);
      const [error] = ofType(session, 'sio-decode-error');
      assert.match(error.meta?.error?.message ?? '', new RegExp(`nested deeper than ${MAX_DATA_DEPTH} levels`));
      assert.equal(ofType(session, 'error').length, 0, 'no internal error');
      assert.equal(session.info.state, 'open');
    });

    it('JSON text: logs the error and keeps polling', async () => {
      played = await startHandPlayedSio([
        '40{"sid":"root"}',
        `42["deep",${deepJson(HOSTILE_DEPTH)}]${RS}42["same-body"]`,
        '42["later-poll"]',
      ]);
      const { session } = played;
      await waitForEvent(session, (e) => e.meta?.sio?.event === 'later-poll', 5000);
      assert.equal(ofType(session, 'sio-event').filter((e) => e.meta?.sio?.event === 'same-body').length, 1);
      assert.equal(ofType(session, 'sio-decode-error').length, 1);
      assert.equal(ofType(session, 'error').length, 0);
    });
  });
});
