/**
 * The fragment count of issue 12 (websocket/fragmentCap.ts): frames of one message counted up to the cap, control
 * frames between fragments not counted, a new message starting over, nothing admitted once the cap was passed.
 */
import assert from 'node:assert/strict';
import { OPCODE, type WireFrame } from '../../../../src/core/websocket/frameParser';
import { FragmentCap } from '../../../../src/core/websocket/fragmentCap';

function frame(opcode: number, fin: boolean): WireFrame {
  const flags = { rsv1: false, rsv2: false, rsv3: false, masked: false };
  return { fin, opcode, ...flags, payloadLength: 1, headerLength: 2, payload: new Uint8Array(0) };
}

/** A message in `count` frames: its first frame, continuations, the last one with FIN. */
function message(count: number): WireFrame[] {
  if (count === 1) return [frame(OPCODE.text, true)];
  const middle = Array.from({ length: count - 2 }, () => frame(OPCODE.continuation, false));
  return [frame(OPCODE.binary, false), ...middle, frame(OPCODE.continuation, true)];
}

describe('FragmentCap (issue 12)', () => {
  it('admits messages of up to max frames, one after another', () => {
    const cap = new FragmentCap(3);
    for (const count of [1, 3, 2, 3]) for (const f of message(count)) assert.equal(cap.admit(f), true);
    assert.equal(cap.exceeded, false);
  });

  it('refuses the frame past max, and everything after it', () => {
    const cap = new FragmentCap(3);
    const frames = message(4);
    assert.deepEqual(
      frames.map((f) => cap.admit(f)),
      [true, true, true, false],
    );
    assert.equal(cap.exceeded, true);
    assert.equal(cap.admit(frame(OPCODE.ping, true)), false);
    assert.equal(cap.admit(frame(OPCODE.text, true)), false);
  });

  it('does not count pings, pongs and close frames between fragments', () => {
    const cap = new FragmentCap(2);
    assert.equal(cap.admit(frame(OPCODE.text, false)), true);
    for (let i = 0; i < 10; i++) assert.equal(cap.admit(frame(OPCODE.ping, true)), true);
    assert.equal(cap.admit(frame(OPCODE.pong, true)), true);
    assert.equal(cap.admit(frame(OPCODE.continuation, true)), true);
    assert.equal(cap.exceeded, false);
  });
});
