import assert from 'node:assert/strict';
import type { LogEvent } from '../../../src/core/events/logEvent';
import { projectDetails } from '../../../src/core/view/eventProjection';

function facts(event: Partial<LogEvent>): Map<string, string> {
  const full: LogEvent = { seq: 7, time: 0, mono: 0, direction: 'in', layer: 'sio', type: 'sio-ack', size: 0, ...event };
  return new Map(projectDetails(full, 0).facts);
}

describe('details facts of the Engine.IO and Socket.IO layers', () => {
  it('shows an ack with the emit it answers and its attachments', () => {
    const f = facts({ meta: { durationMs: 4.2, sio: { packetType: 'BINARY_ACK', namespace: '/chat', ackId: 3, ackOf: 5, attachments: 1, attachmentSeqs: [9], protocol: 5 } } });
    assert.equal(f.get('Socket.IO packet'), 'BINARY_ACK');
    assert.equal(f.get('Namespace'), '/chat');
    assert.equal(f.get('Ack id'), '3');
    assert.equal(f.get('Answers'), '#5');
    assert.equal(f.get('Attachments'), '1: #9');
    assert.equal(f.get('Duration'), '4.2 ms');
  });

  it('flags a reserved event name', () => {
    assert.match(facts({ type: 'sio-event', meta: { sio: { packetType: 'EVENT', namespace: '/', event: 'connect', reservedName: true } } }).get('Event')!, /reserved name/);
  });

  it('shows the open packet values and the probe', () => {
    const open = facts({ layer: 'eio', type: 'eio-open', meta: { eio: { packetType: 'open', transport: 'polling', sid: 'abc', upgrades: ['websocket'], pingInterval: 25000, pingTimeout: 20000 } } });
    assert.equal(open.get('sid'), 'abc');
    assert.equal(open.get('Upgrades'), 'websocket');
    assert.equal(open.get('Ping interval'), '25000 ms');
    assert.equal(facts({ layer: 'eio', meta: { eio: { packetType: 'pong', probe: true } } }).get('Engine.IO packet'), 'pong (upgrade probe)');
  });

  it('links a polling response to its request and a POST to the packets it carried', () => {
    assert.equal(facts({ layer: 'http', type: 'poll-response', meta: { requestSeq: 4 } }).get('Request'), '#4');
    assert.equal(facts({ layer: 'http', type: 'poll-request', meta: { eio: { carries: [5, 6] } } }).get('Carries'), '#5, #6');
  });
});
