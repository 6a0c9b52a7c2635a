import * as assert from 'node:assert/strict';
import { buildSendRequest, COMPOSER_KINDS, isComposerKind, isSendableCloseCode, type ComposerFields } from '../../../src/webview/composerRequest';

const fields = (over: Partial<ComposerFields>): ComposerFields => ({ kind: 'text', text: '', encoding: 'hex', closeCode: '', closeReason: '', ...over });

describe('webview composerRequest', () => {
  it('text is sent as typed, even empty', () => {
    assert.deepEqual(buildSendRequest(fields({ text: ' hi\n' })), { ok: true, request: { kind: 'text', text: ' hi\n' } });
    assert.deepEqual(buildSendRequest(fields({ text: '' })), { ok: true, request: { kind: 'text', text: '' } });
  });

  it('json must parse and is not re-serialised', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'json', text: '{ "b":1, "a":2 }' })), { ok: true, request: { kind: 'json', text: '{ "b":1, "a":2 }' } });
    const bad = buildSendRequest(fields({ kind: 'json', text: '{"a": }' }));
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /^Invalid JSON/);
    assert.equal(buildSendRequest(fields({ kind: 'json', text: '  ' })).ok, false);
    const echoed = buildSendRequest(fields({ kind: 'json', text: '[1,\n 2,,]' }));
    assert.doesNotMatch(!echoed.ok ? echoed.error : '', /not valid JSON/);
  });

  it('binary hex accepts spaces and 0x, rejects odd or non-hex', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'binary', text: '0x01 ff\n7A' })), { ok: true, request: { kind: 'binary', encoding: 'hex', data: '0x01 ff\n7A' } });
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
    assert.deepEqual(buildSendRequest(fields({ kind: 'ping', text: 'x' })), { ok: true, request: { kind: 'ping', text: 'x' } });
    assert.equal(buildSendRequest(fields({ kind: 'ping', text: 'é'.repeat(63) })).ok, false);
  });

  it('close takes an optional code and a reason only with a code', () => {
    assert.deepEqual(buildSendRequest(fields({ kind: 'close' })), { ok: true, request: { kind: 'close' } });
    assert.deepEqual(buildSendRequest(fields({ kind: 'close', closeCode: ' 4000 ', closeReason: 'bye' })), { ok: true, request: { kind: 'close', code: 4000, reason: 'bye' } });
    assert.deepEqual(buildSendRequest(fields({ kind: 'close', closeCode: '1000' })), { ok: true, request: { kind: 'close', code: 1000 } });
    assert.equal(buildSendRequest(fields({ kind: 'close', closeReason: 'bye' })).ok, false);
    assert.equal(buildSendRequest(fields({ kind: 'close', closeCode: '1006' })).ok, false);
    assert.equal(buildSendRequest(fields({ kind: 'close', closeCode: '1000', closeReason: 'x'.repeat(124) })).ok, false);
  });

  it('offers exactly the raw WebSocket kinds', () => {
    assert.deepEqual([...COMPOSER_KINDS], ['text', 'json', 'binary', 'ping', 'close']);
    assert.equal(isComposerKind('ping'), true);
    assert.equal(isComposerKind('sio-emit'), false);
    assert.equal(isComposerKind(undefined), false);
  });

  it('isSendableCloseCode follows RFC 6455 §7.4', () => {
    for (const ok of [1000, 1001, 1003, 1007, 1014, 3000, 4999]) assert.equal(isSendableCloseCode(ok), true, String(ok));
    for (const bad of [999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5]) assert.equal(isSendableCloseCode(bad), false, String(bad));
  });
});
