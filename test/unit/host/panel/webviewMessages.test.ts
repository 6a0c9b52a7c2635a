/**
 * The allowlist for webview → host messages: every type of WebviewToHost passes with exact fields,
 * anything else is rejected with a reason, and extra properties never reach the host.
 */
import assert from 'node:assert/strict';
import { MAX_ROWS_PER_MESSAGE } from '../../../../src/shared/protocol';
import { MAX_STRING_BYTES, parseSendRequest } from '../../../../src/core/session/sendRequestValidation';
import { failedRequestReply, parseWebviewMessage } from '../../../../src/host/panel/webviewMessages';

function accepted(input: unknown): unknown {
  const result = parseWebviewMessage(input);
  assert.ok(
    result.ok,
    `expected ${JSON.stringify(input)?.slice(0, 200)} to be accepted: ${result.ok ? '' : result.reason}`,
  );
  return result.value;
}

function rejected(input: unknown): string {
  const result = parseWebviewMessage(input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)?.slice(0, 200)} to be rejected`);
  return result.ok ? '' : result.reason;
}

describe('parseWebviewMessage', () => {
  describe('accepts every protocol message', () => {
    it('webview/ready, session/disconnect, session/reconnect', () => {
      for (const type of ['webview/ready', 'session/disconnect', 'session/reconnect'])
        assert.deepEqual(accepted({ type }), { type });
    });

    it('events/getPage', () => {
      const page = { type: 'events/getPage', requestId: 1, view: 2, from: 0, limit: MAX_ROWS_PER_MESSAGE };
      assert.deepEqual(accepted(page), {
        type: 'events/getPage',
        requestId: 1,
        view: 2,
        from: 0,
        limit: MAX_ROWS_PER_MESSAGE,
      });
    });

    it('events/getDetails and events/replay', () => {
      assert.deepEqual(accepted({ type: 'events/getDetails', requestId: 0, seq: 7 }), {
        type: 'events/getDetails',
        requestId: 0,
        seq: 7,
      });
      assert.deepEqual(accepted({ type: 'events/replay', requestId: 3, seq: 2 }), {
        type: 'events/replay',
        requestId: 3,
        seq: 2,
      });
    });

    it('events/openPayload, with exactly its fields', () => {
      assert.deepEqual(accepted({ type: 'events/openPayload', requestId: 4, seq: 9, extra: 'x' }), {
        type: 'events/openPayload',
        requestId: 4,
        seq: 9,
      });
      assert.match(rejected({ type: 'events/openPayload', requestId: 4, seq: 0 }), /"seq"/);
      assert.match(rejected({ type: 'events/openPayload', requestId: -1, seq: 2 }), /"requestId"/);
      assert.match(rejected({ type: 'events/openPayload', requestId: 1, seq: '2' }), /"seq"/);
    });

    it('composer/send with each kind of SendRequest', () => {
      const requests = [
        { kind: 'text', text: 'hello' },
        { kind: 'json', text: '{"a":1}' },
        { kind: 'binary', encoding: 'hex', data: '01 ff' },
        { kind: 'binary', encoding: 'base64', data: 'AQI=' },
        { kind: 'ping' },
        { kind: 'ping', text: 'are you there' },
        { kind: 'close' },
        { kind: 'close', code: 4000, reason: 'bye' },
      ];
      for (const request of requests)
        assert.deepEqual(accepted({ type: 'composer/send', requestId: 9, request }), {
          type: 'composer/send',
          requestId: 9,
          request,
        });
    });

    it('drops properties the protocol does not have', () => {
      assert.deepEqual(accepted({ type: 'webview/ready', command: 'workbench.action.terminal.new' }), {
        type: 'webview/ready',
      });
      assert.deepEqual(
        accepted({
          type: 'composer/send',
          requestId: 1,
          request: { kind: 'text', text: 'x', url: 'ws://evil/' },
          extra: 1,
        }),
        { type: 'composer/send', requestId: 1, request: { kind: 'text', text: 'x' } },
      );
    });
  });

  describe('rejects', () => {
    it('non-objects', () => {
      for (const input of [undefined, null, 42, 'webview/ready', [], [{ type: 'webview/ready' }], true])
        rejected(input);
    });

    it('unknown or missing types', () => {
      assert.match(rejected({ type: 'session/delete' }), /Unknown message type "session\/delete"/);
      assert.match(rejected({}), /Unknown message type undefined/);
      rejected({ type: 'WEBVIEW/READY' });
      rejected({ type: 'events/appended', rows: [] }); // host → webview types are not accepted back
      rejected({ type: '__proto__' });
    });

    it('wrong field types', () => {
      rejected({ type: 'events/getPage', requestId: '1', view: 1, from: 1, limit: 10 });
      rejected({ type: 'events/getPage', requestId: 1, view: 1, from: '1', limit: 10 });
      rejected({ type: 'events/getPage', requestId: 1, view: 1, from: 1 });
      rejected({ type: 'events/getPage', requestId: 1, from: 1, limit: 10 });
      rejected({ type: 'events/getDetails', requestId: 1, seq: null });
      rejected({ type: 'composer/send', requestId: 1 });
      rejected({ type: 'composer/send', requestId: 1, request: 'hello' });
    });

    it('non-integer, negative, non-finite and unsafe numbers', () => {
      rejected({ type: 'events/getDetails', requestId: 1, seq: 1.5 });
      rejected({ type: 'events/getDetails', requestId: 1, seq: 0 });
      rejected({ type: 'events/getDetails', requestId: 1, seq: -3 });
      rejected({ type: 'events/getDetails', requestId: 1, seq: Number.NaN });
      rejected({ type: 'events/getDetails', requestId: 1, seq: Number.POSITIVE_INFINITY });
      rejected({ type: 'events/getDetails', requestId: 1, seq: 2 ** 60 });
      rejected({ type: 'events/replay', requestId: -1, seq: 1 });
      rejected({ type: 'events/getPage', requestId: 1, view: 1, from: 1, limit: 0.5 });
      rejected({ type: 'events/getPage', requestId: 1, view: 1, from: -1, limit: 10 });
      rejected({ type: 'events/getPage', requestId: 1, view: 1, from: 0, limit: MAX_ROWS_PER_MESSAGE + 1 });
    });

    it('invalid send requests', () => {
      const bad = [
        { kind: 'exec', text: 'rm -rf /' },
        { kind: 'text' },
        { kind: 'text', text: 42 },
        { kind: 'json', text: { a: 1 } },
        { kind: 'binary', encoding: 'utf16', data: '00' },
        { kind: 'binary', encoding: 'hex' },
        { kind: 'ping', text: 5 },
        { kind: 'close', code: '1000' },
        { kind: 'close', code: 1000.5 },
        { kind: 'close', code: 1000, reason: ['bye'] },
      ];
      for (const request of bad)
        assert.match(rejected({ type: 'composer/send', requestId: 1, request }), /^composer\/send: /);
    });

    it('strings over 16 MiB', () => {
      const huge = 'a'.repeat(MAX_STRING_BYTES + 1);
      assert.match(rejected({ type: 'composer/send', requestId: 1, request: { kind: 'text', text: huge } }), /16 MiB/);
      accepted({ type: 'composer/send', requestId: 1, request: { kind: 'text', text: huge.slice(1) } });
    });

    it('strings over 16 MiB once encoded as UTF-8, though shorter in UTF-16 code units', () => {
      const euro = '€'.repeat(Math.floor(MAX_STRING_BYTES / 3) + 1); // 3 bytes each in UTF-8
      assert.ok(euro.length < MAX_STRING_BYTES);
      rejected({ type: 'composer/send', requestId: 1, request: { kind: 'binary', encoding: 'base64', data: euro } });
      accepted({ type: 'composer/send', requestId: 1, request: { kind: 'text', text: euro.slice(1) } });
    });
  });

  it('never throws, even on objects whose getters throw', () => {
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    assert.equal(parseWebviewMessage(hostile).ok, false);
  });
});

describe('parseSendRequest', () => {
  it('rebuilds the request from its known fields', () => {
    const result = parseSendRequest({ kind: 'close', code: 1000, reason: 'done', force: true });
    assert.deepEqual(result, { ok: true, value: { kind: 'close', code: 1000, reason: 'done' } });
  });

  it('explains what is wrong', () => {
    const result = parseSendRequest({ kind: 'binary', encoding: 'hex' });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /data string/);
  });
});

// Issue #8: the default branch built a close request, so a kind added later without its own case (or a
// typo) would silently become a close.
describe('parseSendRequest refuses what it does not know', () => {
  for (const kind of ['close2', 'CLOSE', 'sio-emits', '', 'toString', '__proto__']) {
    it(`refuses kind ${JSON.stringify(kind)} instead of building a close`, () => {
      const result = parseSendRequest({ kind, code: 1000 });
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, /Unknown send kind/);
    });
  }
  it('still builds a close from a close', () => {
    assert.deepEqual(parseSendRequest({ kind: 'close' }), { ok: true, value: { kind: 'close' } });
  });
});

// Issue #8: a failed request waited out the webview's 10 s timeout because the host only logged it.
describe('failedRequestReply', () => {
  const error = { code: 'RI_INVALID_MESSAGE', message: 'composer/send: Unknown send kind "x".', hint: 'Pick a kind.' };
  it('answers a request that carries a requestId, with the code, message and hint', () => {
    assert.deepEqual(failedRequestReply({ type: 'composer/send', requestId: 7, request: { kind: 'x' } }, error), {
      type: 'request/failed',
      requestId: 7,
      error,
    });
  });
  it('answers nothing for messages that are not requests, or whose requestId is unusable', () => {
    assert.equal(failedRequestReply({ type: 'webview/ready' }, error), undefined);
    assert.equal(failedRequestReply({ type: 'x', requestId: -1 }, error), undefined);
    assert.equal(failedRequestReply({ type: 'x', requestId: 1.5 }, error), undefined);
    assert.equal(failedRequestReply('junk', error), undefined);
    assert.equal(
      failedRequestReply(
        {
          get requestId(): number {
            throw new Error('boom');
          },
        },
        error,
      ),
      undefined,
    );
  });
});
