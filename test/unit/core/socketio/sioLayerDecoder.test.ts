/**
 * The Socket.IO layer decoder is stateful but pure (issue #8): `eio-message` events in, Socket.IO rows
 * out; it learns the other direction from outgoing rows (`noteOutgoing`); times come from the events.
 */
import assert from 'node:assert/strict';
import type { LogEvent, SioMeta } from '../../../../src/core/events/logEvent';
import { MAX_SERVER_ACK_REQUESTS } from '../../../../src/core/socketio/serverAckRequests';
import { SioLayerDecoder } from '../../../../src/core/socketio/sioLayerDecoder';

let seq = 0;

function message(data: string | Uint8Array, mono = 100): LogEvent {
  seq++;
  const payload =
    typeof data === 'string'
      ? { kind: 'text' as const, text: data, byteLength: data.length }
      : { kind: 'binary' as const, bytes: data, byteLength: data.length };
  return { seq, time: mono, mono, direction: 'in', layer: 'eio', type: 'eio-message', size: data.length, payload };
}

function outgoing(sio: SioMeta, mono: number): LogEvent {
  seq++;
  return { seq, time: mono, mono, direction: 'out', layer: 'sio', type: 'sio-event', size: 0, meta: { sio } };
}

function decoder(): SioLayerDecoder {
  return new SioLayerDecoder({ parser: 'default', protocol: 5, maxStoredPayloadBytes: 1024 * 1024 });
}

describe('SioLayerDecoder (pure)', () => {
  it('regroups attachments that come in later messages under the packet that announced them', () => {
    const d = decoder();
    const announce = message('51-["up",{"_placeholder":true,"num":0}]');
    assert.deepEqual(d.push(announce), []);
    const attachment = message(new Uint8Array([1, 2]), 150);
    const [row] = d.push(attachment);
    assert.equal(row.type, 'sio-binary-event');
    assert.equal(row.parent, announce.seq);
    assert.deepEqual(row.meta?.sio?.attachmentSeqs, [attachment.seq]);
    assert.equal(row.mono, 150, 'stamped with the message that completed it');
  });

  it('matches an ack to the emit it answers, timed from the two rows', () => {
    const d = decoder();
    d.noteOutgoing(outgoing({ packetType: 'CONNECT', namespace: '/' }, 0));
    d.push(message('0{"sid":"s1"}'));
    const emit = outgoing({ packetType: 'EVENT', namespace: '/', ackId: 0, event: 'echo' }, 1000);
    d.noteOutgoing(emit);
    const [ack] = d.push(message('30["x"]', 1250));
    assert.equal(ack.meta?.sio?.ackOf, emit.seq);
    assert.equal(ack.meta?.durationMs, 250);
    assert.equal(d.namespaces.get('/')?.state, 'connected');
  });

  it('warns on a namespace nobody asked for, and on reserved names', () => {
    const d = decoder();
    const [connect] = d.push(message('0/ghost,{"sid":"g"}'));
    assert.match(connect.meta?.warning ?? '', /did not ask for/);
    const [reserved] = d.push(message('2["disconnect"]'));
    assert.equal(reserved.meta?.sio?.reservedName, true);
  });

  it(`keeps at most ${MAX_SERVER_ACK_REQUESTS} unanswered server ack requests; the row that drops one says so`, () => {
    const d = decoder();
    for (let id = 0; id < MAX_SERVER_ACK_REQUESTS; id++) {
      const [row] = d.push(message(`2${id}["ask"]`));
      assert.equal(row.meta?.warning, undefined);
    }
    const [overflow] = d.push(message(`2${MAX_SERVER_ACK_REQUESTS}["ask"]`));
    assert.match(overflow.meta?.warning ?? '', /the oldest \(id 0 on \/\) can no longer be answered/);
    assert.equal(d.serverAcks.size, MAX_SERVER_ACK_REQUESTS);
    assert.equal(d.serverAcks.has('/', 0), false);
    assert.equal(d.serverAcks.has('/', MAX_SERVER_ACK_REQUESTS), true);
    d.noteOutgoing({ ...outgoing({ packetType: 'ACK', namespace: '/', ackId: 5 }, 0), type: 'sio-ack' });
    assert.equal(d.serverAcks.has('/', 5), false, 'an answered request is gone');
  });
});
