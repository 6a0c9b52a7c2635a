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

describe('Connect… kind inference for plain HTTP (issue 11)', () => {
  it('infers Server-Sent Events when the path names an event stream', () => {
    for (const url of [
      'http://127.0.0.1:8769/sse/ticker',
      'https://api.example.com/v1/events',
      'http://localhost:3000/stream',
      'http://localhost:3000/api/Stream?token=abc',
      'http://localhost:3000/feed.sse',
      'http://localhost:3000/notifications/eventsource/',
    ])
      assert.equal(inferKind(url), 'sse', url);
  });

  it('infers long-polling when the path names a poll', () => {
    assert.equal(inferKind('http://127.0.0.1:8769/chat/poll'), 'longpoll');
    assert.equal(inferKind('https://example.com/api/longpoll?since=4'), 'longpoll');
  });

  it('keeps Socket.IO as the default, and the Socket.IO and Engine.IO paths first', () => {
    for (const url of [
      'http://localhost:3000',
      'http://localhost:3000/chat',
      'http://localhost:3000/streams/list',
      'http://localhost:3000/?path=/sse',
      'http://localhost:3000/#/events',
      'http://localhost:3000/socket.io/?room=events',
    ])
      assert.equal(inferKind(url), 'socketio', url);
    assert.equal(inferKind('http://localhost:3000/engine.io/events'), 'engineio');
    assert.equal(inferKind('http://localhost:3000/socket.io/poll'), 'socketio');
  });

  it('a ws:// URL stays a WebSocket whatever its path says', () => {
    assert.equal(inferKind('ws://localhost:3000/events'), 'websocket');
    assert.equal(inferKind('wss://localhost:3000/stream'), 'websocket');
  });

  it('text that is not a URL falls back to Socket.IO without throwing', () => {
    assert.equal(inferKind('not a url /sse'), 'socketio');
    assert.equal(inferKind(''), 'socketio');
  });
});
