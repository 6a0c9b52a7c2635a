import assert from 'node:assert/strict';
import { inferKind } from '../../../src/host/connectKinds';

describe('Connect… kind inference', () => {
  it('ws:// and wss:// are WebSocket', () => {
    assert.equal(inferKind('ws://localhost:8080/'), 'websocket');
    assert.equal(inferKind('wss://example.com/chat'), 'websocket');
  });

  it('http(s):// is Socket.IO by default, Engine.IO when the path says /engine.io/', () => {
    assert.equal(inferKind('http://localhost:3000'), 'socketio');
    assert.equal(inferKind(' https://example.com/socket.io/ '), 'socketio');
    assert.equal(inferKind('http://localhost:3000/engine.io/'), 'engineio');
  });

  it('a ws:// URL to an Engine.IO path keeps its protocol', () => {
    assert.equal(inferKind('ws://localhost:3000/socket.io/'), 'socketio');
    assert.equal(inferKind('ws://localhost:3000/engine.io/'), 'engineio');
  });
});
