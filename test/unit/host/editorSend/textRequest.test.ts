/**
 * Send Selection / Send File (issue 10): on Socket.IO the text is an event name with JSON arguments, or a JSON
 * array; elsewhere text, or JSON for a JSON document (checked first: nothing leaves on a syntax error). Problems
 * name the line and column, never the text.
 */
import assert from 'node:assert/strict';
import { socketIoTextRequest, where } from '../../../../src/host/editorSend/socketIoText';
import { editorTextRequest, isJsonDocument } from '../../../../src/host/editorSend/textRequest';

function emitOf(text: string) {
  const result = socketIoTextRequest(text);
  assert.ok(result.ok, `expected "${text}" to parse: ${result.ok ? '' : result.problem}`);
  assert.equal(result.request.kind, 'sio-emit');
  return result.request as Extract<typeof result.request, { kind: 'sio-emit' }>;
}

function problemOf(text: string): string {
  const result = socketIoTextRequest(text);
  assert.equal(result.ok, false, `expected "${text}" to be refused`);
  return result.ok ? '' : result.problem;
}

describe('Send Selection on a Socket.IO session', () => {
  it('reads an event name followed by JSON arguments', () => {
    assert.deepEqual(emitOf('chat {"a":1}'), {
      kind: 'sio-emit',
      namespace: '/',
      event: 'chat',
      args: '[ {"a":1}]',
      ack: false,
    });
    assert.equal(JSON.parse(emitOf('chat {"a":1}, 2, "x"').args).length, 3);
    assert.deepEqual(JSON.parse(emitOf('  move\n  {"x": 1,\n   "y": 2}\n').args), [{ x: 1, y: 2 }]);
  });

  it('sends an array after the name as one argument', () => {
    assert.deepEqual(JSON.parse(emitOf('list [1, 2]').args), [[1, 2]]);
  });

  it('reads an event without arguments, glued arguments, a quoted name and a namespace', () => {
    assert.equal(emitOf('ping').args, '[]');
    assert.deepEqual(JSON.parse(emitOf('chat{"a":1}').args), [{ a: 1 }]);
    const quoted = emitOf('"chat message" "hi"');
    assert.equal(quoted.event, 'chat message');
    assert.deepEqual(JSON.parse(quoted.args), ['hi']);
    const admin = emitOf('/admin kick {"user": 7}');
    assert.deepEqual([admin.namespace, admin.event], ['/admin', 'kick']);
  });

  it('reads a JSON array: the event name, then the arguments', () => {
    const request = emitOf(' ["chat", {"a": 1}, [2], {"$binary": "AQID"}] ');
    assert.equal(request.event, 'chat');
    assert.deepEqual(JSON.parse(request.args), [{ a: 1 }, [2], { $binary: 'AQID' }]);
    assert.equal(emitOf('["bare"]').args, '[]');
  });

  it('refuses what is not an event, saying where, without quoting the text', () => {
    assert.match(problemOf('   \n '), /nothing to send/);
    assert.match(problemOf('chat {"token": "s3cr3t-value",}'), /not JSON at line 1, column 30: /);
    assert.match(problemOf('chat\n{"a": }'), /line 2, column 7/);
    assert.match(problemOf('[1, 2]'), /must start with the event name as a string/);
    assert.match(problemOf('[]'), /must start with the event name/);
    assert.match(problemOf('["chat", '), /JSON array is not valid at line 1, column 10/);
    assert.match(problemOf('"chat'), /no closing quote/);
    assert.match(problemOf('"" 1'), /is empty/);
    assert.match(problemOf('/ad,min chat'), /namespace at line 1, column 1 is not valid/);
    assert.match(problemOf('/admin   '), /An event name is expected after the namespace/);
    for (const text of ['chat {"token": "s3cr3t-value",}', '["s3cr3t-value", ']) {
      assert.ok(!problemOf(text).includes('s3cr3t'), 'the text is never quoted');
    }
  });

  it('names positions as the editor does (1-based)', () => {
    assert.equal(where('ab\ncd', 0), 'line 1, column 1');
    assert.equal(where('ab\ncd', 4), 'line 2, column 2');
  });
});

describe('Send Selection / Send File on other sessions', () => {
  it('sends text as it is', () => {
    assert.deepEqual(editorTextRequest(' hi \n', 'websocket', false, 'The selection'), {
      ok: true,
      request: { kind: 'text', text: ' hi \n' },
    });
    assert.deepEqual(editorTextRequest('', 'engineio', false, 'The file'), {
      ok: false,
      problem: 'The file is empty: there is nothing to send.',
    });
  });

  it('checks a JSON document and sends it as JSON (Engine.IO: as text)', () => {
    const text = '{\n  "a": [1, 2]\n}\n';
    assert.deepEqual(editorTextRequest(text, 'websocket', true, 'The file'), {
      ok: true,
      request: { kind: 'json', text },
    });
    assert.deepEqual(editorTextRequest(text, 'engineio', true, 'The file'), {
      ok: true,
      request: { kind: 'text', text },
    });
    const bad = editorTextRequest('{\n  "a": 1,\n}', 'websocket', true, 'The file');
    assert.equal(bad.ok, false);
    assert.match(
      bad.ok ? '' : bad.problem,
      /^The file is not valid JSON at line 2, column 10: JSON allows no comma before a closing bracket/,
    );
  });

  it('reads a Socket.IO session text as an event whatever the document', () => {
    const result = editorTextRequest('["chat", 1]', 'socketio', true, 'The file');
    assert.ok(result.ok && result.request.kind === 'sio-emit' && result.request.event === 'chat');
  });

  it('knows JSON documents by language or file name', () => {
    assert.equal(isJsonDocument('json', 'Untitled-1'), true);
    assert.equal(isJsonDocument('plaintext', '/w/msg.JSON'), true);
    assert.equal(isJsonDocument('jsonc', '/w/settings.jsonc'), false);
    assert.equal(isJsonDocument('plaintext', '/w/notes.txt'), false);
  });
});
