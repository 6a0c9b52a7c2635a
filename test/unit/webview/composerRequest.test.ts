import { SEND_KINDS_BY_SESSION } from '../../../src/core/session/sendRequest';
import { parseSendRequest } from '../../../src/core/session/sendRequestValidation';
import * as assert from 'node:assert/strict';
import {
  buildSendRequest,
  COMPOSER_KINDS,
  isComposerKind,
  isSendableCloseCode,
  composerKindsOf,
  type ComposerFields,
} from '../../../src/webview/composerRequest';

const fields = (over: Partial<ComposerFields>): ComposerFields => ({
  kind: 'text',
  text: '',
  encoding: 'hex',
  closeCode: '',
  closeReason: '',
  namespace: '/',
  event: '',
  ack: false,
  auth: '',
  ...over,
});

describe('webview composerRequest', () => {
  it('text is sent as typed, even empty', () => {
    assert.deepEqual(buildSendRequest(fields({ text: ' hi\n' })), {
      ok: true,
      request: { kind: 'text', text: ' hi\n' },
    });
    assert.deepEqual(buildSendRequest(fields({ text: '' })), { ok: true, request: { kind: 'text', text: '' } });
  });

  it('json must parse and is not re-serialised', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'json', text: '{ "b":1, "a":2 }' })), {
      ok: true,
      request: { kind: 'json', text: '{ "b":1, "a":2 }' },
    });
    const bad = buildSendRequest(fields({ kind: 'json', text: '{"a": }' }));
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /^Invalid JSON/);
    assert.equal(buildSendRequest(fields({ kind: 'json', text: '  ' })).ok, false);
    const echoed = buildSendRequest(fields({ kind: 'json', text: '[1,\n 2,,]' }));
    assert.doesNotMatch(!echoed.ok ? echoed.error : '', /not valid JSON/);
  });

  it('binary hex accepts spaces and 0x, rejects odd or non-hex', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'binary', text: '0x01 ff\n7A' })), {
      ok: true,
      request: { kind: 'binary', encoding: 'hex', data: '0x01 ff\n7A' },
    });
    assert.equal(buildSendRequest(fields({ kind: 'binary', text: '0 1 f' })).ok, false);
    const bad = buildSendRequest(fields({ kind: 'binary', text: '0g' }));
    assert.match(!bad.ok ? bad.error : '', /"g"/);
  });

  it('binary base64 is checked loosely', () => {
    assert.equal(buildSendRequest(fields({ kind: 'binary', encoding: 'base64', text: 'AQID/w==' })).ok, true);
    assert.equal(buildSendRequest(fields({ kind: 'binary', encoding: 'base64', text: 'not base64!' })).ok, false);
  });

  it('ping payload is optional and at most 125 bytes', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'ping' })), { ok: true, request: { kind: 'ping' } });
    assert.deepEqual(buildSendRequest(fields({ kind: 'ping', text: 'x' })), {
      ok: true,
      request: { kind: 'ping', text: 'x' },
    });
    assert.equal(buildSendRequest(fields({ kind: 'ping', text: 'é'.repeat(63) })).ok, false);
  });

  it('close takes an optional code and a reason only with a code', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'close' })), { ok: true, request: { kind: 'close' } });
    assert.deepEqual(buildSendRequest(fields({ kind: 'close', closeCode: ' 4000 ', closeReason: 'bye' })), {
      ok: true,
      request: { kind: 'close', code: 4000, reason: 'bye' },
    });
    assert.deepEqual(buildSendRequest(fields({ kind: 'close', closeCode: '1000' })), {
      ok: true,
      request: { kind: 'close', code: 1000 },
    });
    assert.equal(buildSendRequest(fields({ kind: 'close', closeReason: 'bye' })).ok, false);
    assert.equal(buildSendRequest(fields({ kind: 'close', closeCode: '1006' })).ok, false);
    const longReason = 'x'.repeat(124);
    assert.equal(buildSendRequest(fields({ kind: 'close', closeCode: '1000', closeReason: longReason })).ok, false);
  });

  it('knows every send kind, and nothing else', () => {
    assert.deepEqual(
      [...COMPOSER_KINDS],
      ['text', 'json', 'binary', 'ping', 'close', 'sio-emit', 'sio-connect', 'sio-disconnect'],
    );
    assert.equal(isComposerKind('ping'), true);
    assert.equal(isComposerKind('sio-emit'), true);
    assert.equal(isComposerKind('rot13'), false);
    assert.equal(isComposerKind(undefined), false);
  });

  it('isSendableCloseCode follows RFC 6455 §7.4', () => {
    for (const ok of [1000, 1001, 1003, 1007, 1014, 3000, 4999]) {
      assert.equal(isSendableCloseCode(ok), true, String(ok));
    }
    for (const bad of [999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5]) {
      assert.equal(isSendableCloseCode(bad), false, String(bad));
    }
  });

  describe('Socket.IO kinds', () => {
    // Issue #8: the kinds each session accepts are declared once in core; the host sends them.
    it('offers what core says each session accepts: events to Socket.IO, frames to WebSocket', () => {
      assert.deepEqual(composerKindsOf(SEND_KINDS_BY_SESSION.socketio), [
        'sio-emit',
        'sio-connect',
        'sio-disconnect',
        'close',
      ]);
      assert.deepEqual(composerKindsOf(SEND_KINDS_BY_SESSION.websocket), ['text', 'json', 'binary', 'ping', 'close']);
      assert.ok(
        !composerKindsOf(SEND_KINDS_BY_SESSION.engineio).includes('ping'),
        'Engine.IO v4 clients must not ping',
      );
      assert.deepEqual(composerKindsOf(SEND_KINDS_BY_SESSION.engineio), ['text', 'binary', 'close']);
      assert.deepEqual(composerKindsOf(['something-new']), ['text']);
    });

    it('builds an emit with its namespace, event, JSON arguments and ack', () => {
      const args = '["hi", {"$binary":"AQ=="}]';
      assert.deepEqual(
        buildSendRequest(fields({ kind: 'sio-emit', namespace: ' /chat ', event: ' message ', text: args, ack: true })),
        { ok: true, request: { kind: 'sio-emit', namespace: '/chat', event: 'message', args, ack: true } },
      );
      assert.deepEqual(
        buildSendRequest(fields({ kind: 'sio-emit', namespace: '', event: 'ping', text: '' })),
        { ok: true, request: { kind: 'sio-emit', namespace: '/', event: 'ping', args: '[]', ack: false } },
        'no arguments and no namespace mean [] on /',
      );
    });

    it('leaves the namespace rule to the host (one rule, in core), which answers at once', () => {
      for (const namespace of ['chat', '/a b']) {
        const result = buildSendRequest(fields({ kind: 'sio-emit', event: 'e', namespace, text: '[]' }));
        assert.equal(result.ok, true);
        assert.equal(parseSendRequest(result.ok ? result.request : {}).ok, false, `${namespace} refused by the host`);
      }
    });

    it('refuses an emit without an event, or with arguments that are not a JSON array', () => {
      const cases: Array<[Partial<ComposerFields>, RegExp]> = [
        [{ event: '', text: '[]' }, /event name/],
        [{ event: 'e', text: '{"a":1}' }, /JSON array/],
        [{ event: 'e', text: '[1,' }, /Invalid JSON/],
      ];
      for (const [over, message] of cases) {
        const result = buildSendRequest(fields({ kind: 'sio-emit', ...over }));
        assert.equal(result.ok, false, JSON.stringify(over));
        assert.match((result as { error: string }).error, message);
      }
    });

    it('joins with an optional auth object and leaves a namespace', () => {
      const join = (auth: string) => buildSendRequest(fields({ kind: 'sio-connect', namespace: '/admin', auth }));
      assert.deepEqual(join('{"token":"x"}'), {
        ok: true,
        request: { kind: 'sio-connect', namespace: '/admin', auth: '{"token":"x"}' },
      });
      assert.deepEqual(join(' '), { ok: true, request: { kind: 'sio-connect', namespace: '/admin' } });
      assert.equal(join('[1]').ok, false);
      assert.deepEqual(buildSendRequest(fields({ kind: 'sio-disconnect', namespace: '/admin' })), {
        ok: true,
        request: { kind: 'sio-disconnect', namespace: '/admin' },
      });
    });
  });
});
