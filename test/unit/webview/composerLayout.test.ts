import * as assert from 'node:assert/strict';
import { fieldsShownFor, focusFieldFor } from '../../../src/webview/composerLayout';
import { COMPOSER_KINDS } from '../../../src/webview/composerRequest';

/** The names of the fields a kind shows, for short assertions. */
const shown = (kind: Parameters<typeof fieldsShownFor>[0], sessionKind = 'websocket'): string[] =>
  Object.entries(fieldsShownFor(kind, sessionKind))
    .filter(([, on]) => on)
    .map(([name]) => name);

describe('webview composerLayout', () => {
  it('shows the text area for message kinds, and the encoding only for binary', () => {
    assert.deepEqual(shown('text'), ['message']);
    assert.deepEqual(shown('json'), ['message']);
    assert.deepEqual(shown('ping'), ['message']);
    assert.deepEqual(shown('binary'), ['encoding', 'message']);
  });

  it('shows close code and reason only for a WebSocket close frame', () => {
    assert.deepEqual(shown('close', 'websocket'), ['close']);
    assert.deepEqual(shown('close', 'engineio'), [], 'an Engine.IO close packet has no code or reason');
    assert.deepEqual(shown('close', 'socketio'), []);
  });

  it('shows the Socket.IO fields each kind uses', () => {
    assert.deepEqual(shown('sio-emit', 'socketio'), ['namespace', 'event', 'ack', 'message']);
    assert.deepEqual(shown('sio-connect', 'socketio'), ['namespace', 'auth']);
    assert.deepEqual(shown('sio-disconnect', 'socketio'), ['namespace']);
  });

  it('focuses the field each kind types into first', () => {
    const focus = Object.fromEntries(COMPOSER_KINDS.map((kind) => [kind, focusFieldFor(kind)]));
    assert.deepEqual(focus, {
      text: 'message',
      json: 'message',
      binary: 'message',
      ping: 'message',
      close: 'closeCode',
      'sio-emit': 'event',
      'sio-connect': 'namespace',
      'sio-disconnect': 'namespace',
    });
  });
});
