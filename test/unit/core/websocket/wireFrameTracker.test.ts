/**
 * The wire facts the socket tap adds to the log (issue #7): the first faulty frame from the server,
 * and no facts kept for messages `ws` will never deliver once it failed.
 */
import assert from 'node:assert/strict';
import { OPCODE, type WireFrame } from '../../../../src/core/websocket/frameParser';
import { WireFrameTracker } from '../../../../src/core/websocket/wireFrameTracker';

const frame = (opcode: number, payload: number[] = [], extra: Partial<WireFrame> = {}): WireFrame => ({
  fin: true,
  rsv1: false,
  rsv2: false,
  rsv3: false,
  opcode,
  masked: false,
  payloadLength: payload.length,
  headerLength: 2,
  payload: Uint8Array.from(payload),
  ...extra,
});

describe('WireFrameTracker', () => {
  it('remembers the first faulty incoming frame: a 1-byte close payload (§5.5.1), not "over 125 bytes"', () => {
    const tracker = new WireFrameTracker();
    tracker.observe('in', frame(OPCODE.text, [0x68]));
    assert.equal(tracker.incomingFault === undefined, true, 'a valid text frame is no fault');
    tracker.observe('in', frame(OPCODE.close, [0x03]));
    tracker.observe('in', frame(OPCODE.ping, [], { payloadLength: 200 }));
    assert.equal(tracker.incomingFault?.wsCode, 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH');
    assert.match(tracker.incomingFault!.message, /close frame with a 1-byte payload/);
  });

  it('a fragmented message in progress is no fault; a stray continuation or a message inside one is (§5.4)', () => {
    const fragmented = new WireFrameTracker();
    fragmented.observe('in', frame(OPCODE.text, [0x61], { fin: false }));
    fragmented.observe('in', frame(OPCODE.continuation, [0x62]));
    assert.equal(fragmented.incomingFault, undefined);
    const stray = new WireFrameTracker();
    stray.observe('in', frame(OPCODE.continuation, [0x63]));
    assert.match(stray.incomingFault!.message, /continuation frame with no message to continue/);
    const interleaved = new WireFrameTracker();
    interleaved.observe('in', frame(OPCODE.binary, [1], { fin: false }));
    interleaved.observe('in', frame(OPCODE.text, [2]));
    assert.match(interleaved.incomingFault!.message, /new text message before finishing the fragmented one/);
  });

  it('a close frame sent after a faulty one is noted as sent after a protocol error, with its code', () => {
    const tracker = new WireFrameTracker();
    tracker.observe('in', frame(OPCODE.close, [0x03]));
    const sent = tracker.observe('out', frame(OPCODE.close, [0x03, 0xea], { masked: true }));
    assert.equal(sent?.meta.close?.sentCode, 1002);
    assert.match(sent?.meta.note ?? '', /protocol error/);
  });

  it('after ws failed, keeps no wire facts of messages it will never deliver', () => {
    const tracker = new WireFrameTracker();
    tracker.observe('in', frame(OPCODE.text, [1]));
    tracker.observe('in', frame(OPCODE.binary, [2], { fin: false }));
    assert.equal(tracker.pendingIncoming, 2);
    tracker.dropIncomingData();
    for (let i = 0; i < 10_000; i++) tracker.observe('in', frame(OPCODE.text, [i & 0xff]));
    assert.equal(tracker.pendingIncoming, 0);
    assert.equal(tracker.nextIncoming(), undefined);
  });
});
