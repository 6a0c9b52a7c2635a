/** The panel header says what kind of session it is, in words (issue 11), and what it can send. */
import assert from 'node:assert/strict';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import type { SessionInfo } from '../../../../src/core/session/session';
import { projectSessionInfo } from '../../../../src/core/view/sessionProjection';

const info = (kind: SessionInfo['kind'], protocol?: string): SessionInfo => ({
  state: 'open',
  url: 'http://127.0.0.1:8769/sse/ticker',
  kind,
  startedAt: 0,
  messagesIn: 3,
  messagesOut: 0,
  bytesIn: 30,
  bytesOut: 0,
  ...(protocol ? { protocol } : {}),
});

describe('Session header projection', () => {
  it('names the kind in words, and SSE and polling sessions send nothing', () => {
    const sse = projectSessionInfo('s1', info('sse', 'Server-Sent Events over GET'), NO_REDACTION);
    assert.equal(sse.kind, 'sse');
    assert.equal(sse.kindLabel, 'Server-Sent Events');
    assert.equal(sse.protocol, 'Server-Sent Events over GET');
    assert.deepEqual(sse.sendKinds, []);
    assert.equal(projectSessionInfo('p', info('longpoll'), NO_REDACTION).kindLabel, 'HTTP long-polling');
    assert.equal(projectSessionInfo('p', info('shortpoll'), NO_REDACTION).kindLabel, 'HTTP short polling');
    assert.deepEqual(projectSessionInfo('p', info('longpoll'), NO_REDACTION).sendKinds, []);
    const sio = projectSessionInfo('w', info('socketio'), NO_REDACTION);
    assert.equal(sio.kindLabel, 'Socket.IO');
    assert.ok(sio.sendKinds.includes('sio-emit'));
  });
});
