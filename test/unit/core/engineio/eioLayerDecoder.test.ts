/**
 * The Engine.IO layer decoder is pure (issue #8): stored carrier events in, child events out, with the
 * carrier's seq as parent and its time stamps; no socket, no clock.
 */
import assert from 'node:assert/strict';
import { carrierInput, EioLayerDecoder } from '../../../../src/core/engineio/eioLayerDecoder';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { openPacket } from '../../../fixtures/servers/scriptedEngineIoServer';

const MAX = 1024 * 1024;

function pollResponse(seq: number, body: string, answers?: 'GET' | 'POST'): LogEvent {
  return {
    seq,
    time: 1000 + seq,
    mono: 10 + seq,
    direction: 'in',
    layer: 'http',
    type: 'poll-response',
    size: Buffer.byteLength(body),
    payload: { kind: 'text', text: body, byteLength: Buffer.byteLength(body) },
    meta: { eio: answers ? { transport: 'polling', answers } : { transport: 'polling' } },
  };
}

function wsMessage(seq: number, data: string | Uint8Array): LogEvent {
  const payload =
    typeof data === 'string'
      ? { kind: 'text' as const, text: data, byteLength: data.length }
      : { kind: 'binary' as const, bytes: data, byteLength: data.length };
  return { seq, time: 2000, mono: 20, direction: 'in', layer: 'ws', type: 'message', size: data.length, payload };
}

describe('EioLayerDecoder (pure)', () => {
  it('turns a poll response into its packets as children: parent, time stamps, open facts', () => {
    const decoder = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX });
    const children = decoder.decode(pollResponse(7, `${openPacket()}\x1e4hello`));
    assert.deepEqual(
      children.map((c) => [c.type, c.parent, c.time, c.mono]),
      [
        ['eio-open', 7, 1007, 17],
        ['eio-message', 7, 1007, 17],
      ],
    );
    assert.equal(children[0].meta?.eio?.sid, 'abc123');
    assert.deepEqual(children[0].meta?.eio?.upgrades, ['websocket']);
    assert.equal(children[1].payload?.kind === 'text' && children[1].payload.text, 'hello');
  });

  it('collapses a run of identical control packets into one row with a count and a warning', () => {
    const decoder = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX });
    const [run, message] = decoder.decode(pollResponse(3, '6\x1e6\x1e6\x1e4x'));
    assert.equal(run.type, 'eio-noop');
    assert.equal(run.meta?.eio?.repeat, 3);
    assert.match(run.meta?.warning ?? '', /3 identical noop packets/);
    assert.equal(message.type, 'eio-message');
  });

  it('stops a body at the first record that is not Engine.IO, keeping its raw text', () => {
    const decoder = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX });
    const children = decoder.decode(pollResponse(4, '4ok\x1e9bad\x1e4never'));
    assert.deepEqual(
      children.map((c) => c.type),
      ['eio-message', 'eio-decode-error'],
    );
    assert.equal(children[1].meta?.error?.code, 'RI_PARSE_ERROR');
    assert.equal(children[1].payload?.kind === 'text' && children[1].payload.text, '9bad');
  });

  it('flags a second open packet; decodes v3 payloads when told the version', () => {
    const decoder = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX });
    decoder.decode(pollResponse(1, openPacket()));
    const [second] = decoder.decode(pollResponse(2, openPacket({ sid: 'other' })));
    assert.equal(second.meta?.eio?.decodeError, 'second open packet');
    decoder.version = 3;
    assert.deepEqual(
      decoder.decode(pollResponse(3, '2:4a1:6')).map((c) => c.type),
      ['eio-message', 'eio-noop'],
    );
  });

  it('decodes WebSocket messages (the probe answer flagged), and skips what carries no packets', () => {
    const decoder = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX });
    const [pong] = decoder.decode(wsMessage(9, '3probe'));
    assert.deepEqual(
      [pong.type, pong.parent, pong.meta?.eio?.probe, pong.meta?.eio?.transport],
      ['eio-pong', 9, true, 'websocket'],
    );
    const [binary] = decoder.decode(wsMessage(10, new Uint8Array([1, 2])));
    assert.equal(binary.payload?.kind, 'binary');
    assert.deepEqual(decoder.decode(pollResponse(11, 'ok', 'POST')), [], "a POST's answer carries no packets");
    assert.equal(carrierInput({ ...wsMessage(12, 'x'), direction: 'out' }), undefined);
  });
});
