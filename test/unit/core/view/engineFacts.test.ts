import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { projectDetails } from '../../../../src/core/view/eventProjection';

function facts(event: Partial<LogEvent>): Map<string, string> {
  const full: LogEvent = {
    seq: 7,
    time: 0,
    mono: 0,
    direction: 'in',
    layer: 'sio',
    type: 'sio-ack',
    size: 0,
    ...event,
  };
  return new Map(projectDetails(full, 0, NO_REDACTION).facts);
}

describe('details facts of the Engine.IO and Socket.IO layers', () => {
  it('shows an ack with the emit it answers and its attachments', () => {
    const f = facts({
      meta: {
        durationMs: 4.2,
        sio: {
          packetType: 'BINARY_ACK',
          namespace: '/chat',
          ackId: 3,
          ackOf: 5,
          attachments: 1,
          attachmentSeqs: [9],
          protocol: 5,
        },
      },
    });
    assert.equal(f.get('Wire type'), 'BINARY_ACK');
    assert.equal(f.get('Namespace'), '/chat');
    assert.equal(f.get('Ack id'), '3');
    assert.equal(f.get('Ack of'), '#5 after 4.2 ms');
    assert.equal(f.get('Attachments'), '1: #9');
    assert.equal(f.get('Duration'), '4.2 ms');
  });

  it('flags a reserved event name', () => {
    const f = facts({
      type: 'sio-event',
      meta: { sio: { packetType: 'EVENT', namespace: '/', event: 'connect', reservedName: true } },
    });
    assert.equal(f.get('Event'), 'connect (reserved name)');
    assert.match(f.get('Warning')!, /"connect" is a name Socket.IO clients reserve/);
    assert.equal(
      facts({ type: 'sio-event', meta: { sio: { packetType: 'EVENT', namespace: '/', event: 'chat' } } }).has(
        'Warning',
      ),
      false,
    );
  });

  it('shows the open packet values and the probe', () => {
    const open = facts({
      layer: 'eio',
      type: 'eio-open',
      meta: {
        eio: {
          packetType: 'open',
          transport: 'polling',
          sid: 'abc',
          upgrades: ['websocket'],
          pingInterval: 25000,
          pingTimeout: 20000,
        },
      },
    });
    assert.equal(open.get('sid'), 'abc');
    assert.equal(open.get('Upgrades'), 'websocket');
    assert.equal(open.get('Ping interval'), '25000 ms');
    assert.equal(
      facts({ layer: 'eio', meta: { eio: { packetType: 'pong', probe: true } } }).get('Engine.IO packet'),
      'pong (upgrade probe)',
    );
  });

  it('links a polling response to its request and a POST to the packets it carried', () => {
    const response = facts({
      layer: 'http',
      type: 'poll-response',
      parent: undefined,
      meta: { requestSeq: 4, durationMs: 16.54, request: undefined, response: { status: 200, statusText: 'OK' } },
    });
    assert.equal(response.get('Request'), '#4');
    assert.equal(response.get('Held'), '16.5 ms', 'a long-poll shows how long the server held it');
    assert.equal(response.get('Status'), '200 OK');
    const request = facts({
      layer: 'http',
      type: 'poll-request',
      meta: { request: { method: 'GET', url: 'http://h/socket.io/?EIO=4&transport=polling' } },
    });
    assert.equal(request.get('Method'), 'GET');
    assert.equal(request.get('URL'), 'http://h/socket.io/?EIO=4&transport=polling');
    assert.equal(facts({ parent: 3 }).get('Parent'), '#3');
    assert.equal(
      facts({ layer: 'http', type: 'poll-request', meta: { eio: { carries: [5, 6] } } }).get('Carries'),
      '#5, #6',
    );
  });
});
