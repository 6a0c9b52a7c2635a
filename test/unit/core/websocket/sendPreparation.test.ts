/**
 * SendRequest → wire action, with the RFC 6455 limits checked before anything is sent:
 * control payloads ≤ 125 bytes (§5.5), close reason ≤ 123 UTF-8 bytes, sendable close codes (§7.4).
 */
import assert from 'node:assert/strict';
import type { SendRequest } from '../../../../src/core/session/sendRequest';
import { ErrorCode } from '../../../../src/core/errors';
import {
  isSendableCloseCode,
  prepareSend,
  type PreparedSend,
  type WireAction,
} from '../../../../src/core/websocket/sendPreparation';

function action(result: PreparedSend): WireAction {
  assert.ok(result.ok, `expected ok, got: ${result.ok ? '' : result.error.message}`);
  return result.action;
}

function refusal(result: PreparedSend): { code: string; message: string; hint?: string } {
  assert.equal(result.ok, false, 'expected a refusal');
  const { error } = result as { ok: false; error: { code: string; message: string; hint?: string } };
  assert.equal(error.code, ErrorCode.InvalidMessage);
  assert.equal(typeof error.message, 'string');
  return error;
}

/** Bypasses the SendRequest type: callers receive untyped data from the webview. */
const loose = (value: unknown): PreparedSend => prepareSend(value as SendRequest);

describe('sendPreparation', () => {
  describe('text', () => {
    it('sends the text as a text message, unchanged', () => {
      assert.deepEqual(action(prepareSend({ kind: 'text', text: 'Hello €' })), {
        op: 'message',
        binary: false,
        text: 'Hello €',
      });
    });

    it('sends an empty text message', () => {
      assert.deepEqual(action(prepareSend({ kind: 'text', text: '' })), { op: 'message', binary: false, text: '' });
    });

    it('refuses a missing text', () => {
      assert.match(refusal(loose({ kind: 'text' })).message, /text message is missing/);
      assert.match(refusal(loose({ kind: 'text', text: 42 })).message, /missing/);
    });
  });

  describe('json', () => {
    it('sends valid JSON as the text given, not re-serialised', () => {
      const text = '{ "b": 1,\n  "a": [true, null] }';
      assert.deepEqual(action(prepareSend({ kind: 'json', text })), { op: 'message', binary: false, text });
    });

    it('accepts any JSON value (a bare number, a string)', () => {
      assert.equal((action(prepareSend({ kind: 'json', text: '42' })) as { text: string }).text, '42');
      assert.equal((action(prepareSend({ kind: 'json', text: '"x"' })) as { text: string }).text, '"x"');
    });

    it('refuses invalid JSON with a message that says why and a hint', () => {
      const error = refusal(prepareSend({ kind: 'json', text: '{"a": 1,}' }));
      assert.match(error.message, /^Not valid JSON: /);
      let expected = '';
      try {
        JSON.parse('{"a": 1,}');
      } catch (e) {
        expected = (e as Error).message;
      }
      assert.ok(error.message.includes(expected), `"${error.message}" should include the parser's "${expected}"`);
      assert.match(error.hint ?? '', /send it as text/);
    });

    it('refuses an empty JSON text', () => {
      assert.match(refusal(prepareSend({ kind: 'json', text: '' })).message, /Not valid JSON/);
    });

    it('refuses a missing JSON text', () => {
      assert.match(refusal(loose({ kind: 'json' })).message, /JSON message is missing/);
    });
  });

  describe('binary', () => {
    it('sends hex as bytes', () => {
      const a = action(prepareSend({ kind: 'binary', encoding: 'hex', data: '48 65 6c 6c 6f' }));
      assert.equal(a.op, 'message');
      assert.ok(a.op === 'message' && a.binary);
      assert.equal(Buffer.from(a.bytes).toString('hex'), '48656c6c6f');
    });

    it('sends base64 as bytes', () => {
      const a = action(prepareSend({ kind: 'binary', encoding: 'base64', data: 'SGVsbG8=' }));
      assert.ok(a.op === 'message' && a.binary);
      assert.equal(Buffer.from(a.bytes).toString('utf8'), 'Hello');
    });

    it('passes on the parser error for bad hex and bad base64', () => {
      assert.match(
        refusal(prepareSend({ kind: 'binary', encoding: 'hex', data: '0 1 2' })).message,
        /odd number of digits/,
      );
      assert.match(
        refusal(prepareSend({ kind: 'binary', encoding: 'base64', data: 'SG*' })).message,
        /"\*" is not a base64 character/,
      );
    });

    it('refuses an unknown encoding (rot13) without throwing', () => {
      assert.match(refusal(loose({ kind: 'binary', encoding: 'rot13', data: 'uryyb' })).message, /"hex" or "base64"/);
    });

    it('refuses missing data', () => {
      assert.match(refusal(loose({ kind: 'binary', encoding: 'rot13' })).message, /binary payload is missing/);
      assert.match(refusal(loose({ kind: 'binary', encoding: 'hex' })).message, /missing/);
    });
  });

  describe('ping', () => {
    it('sends the text as UTF-8 ping data', () => {
      const a = action(prepareSend({ kind: 'ping', text: 'Hello' }));
      assert.equal(a.op, 'ping');
      assert.equal(a.op === 'ping' && Buffer.from(a.bytes).toString('hex'), '48656c6c6f');
    });

    it('sends an empty ping when there is no text', () => {
      const a = action(prepareSend({ kind: 'ping' }));
      assert.ok(a.op === 'ping');
      assert.equal(a.bytes.length, 0);
    });

    it('accepts exactly 125 bytes (§5.5) and refuses 126', () => {
      const a = action(prepareSend({ kind: 'ping', text: 'a'.repeat(125) }));
      assert.ok(a.op === 'ping');
      assert.equal(a.bytes.length, 125);
      const error = refusal(prepareSend({ kind: 'ping', text: 'a'.repeat(126) }));
      assert.match(error.message, /at most 125 bytes \(this one has 126\)/);
    });

    it('counts UTF-8 bytes, not characters: 42 × "€" = 126 bytes is refused', () => {
      assert.match(refusal(prepareSend({ kind: 'ping', text: '€'.repeat(42) })).message, /this one has 126/);
      const a = action(prepareSend({ kind: 'ping', text: '€'.repeat(41) }));
      assert.ok(a.op === 'ping');
      assert.equal(a.bytes.length, 123);
    });
  });

  describe('close', () => {
    it('sends a close without code (empty close frame)', () => {
      assert.deepEqual(action(prepareSend({ kind: 'close' })), { op: 'close' });
    });

    it('sends 1000 with an empty reason when none is given', () => {
      assert.deepEqual(action(prepareSend({ kind: 'close', code: 1000 })), { op: 'close', code: 1000, reason: '' });
    });

    it('sends 1000 with a reason', () => {
      assert.deepEqual(action(prepareSend({ kind: 'close', code: 1000, reason: 'bye' })), {
        op: 'close',
        code: 1000,
        reason: 'bye',
      });
    });

    it('sends application codes 3000 and 4999', () => {
      assert.deepEqual(action(prepareSend({ kind: 'close', code: 3000 })), { op: 'close', code: 3000, reason: '' });
      assert.deepEqual(action(prepareSend({ kind: 'close', code: 4999, reason: 'x' })), {
        op: 'close',
        code: 4999,
        reason: 'x',
      });
    });

    for (const code of [1004, 1005, 1006, 1015, 2999, 5000, 999, 0, -1]) {
      it(`refuses ${code} with a hint listing the sendable codes`, () => {
        const error = refusal(prepareSend({ kind: 'close', code }));
        assert.equal(error.message, `${code} cannot be sent as a close code.`);
        assert.match(error.hint ?? '', /3000–4999/);
      });
    }

    it('refuses a fractional or non-numeric code', () => {
      assert.match(refusal(prepareSend({ kind: 'close', code: 1000.5 })).message, /cannot be sent/);
      assert.match(refusal(loose({ kind: 'close', code: '1000' })).message, /cannot be sent/);
      assert.match(refusal(loose({ kind: 'close', code: NaN })).message, /cannot be sent/);
    });

    it('refuses a reason without a code', () => {
      assert.match(refusal(prepareSend({ kind: 'close', reason: 'bye' })).message, /close reason needs a close code/);
    });

    it('accepts an empty reason without a code', () => {
      assert.deepEqual(action(prepareSend({ kind: 'close', reason: '' })), { op: 'close' });
    });

    it('accepts a 123-byte reason and refuses 124 bytes', () => {
      assert.equal(
        (action(prepareSend({ kind: 'close', code: 1000, reason: 'a'.repeat(123) })) as { reason: string }).reason
          .length,
        123,
      );
      assert.match(
        refusal(prepareSend({ kind: 'close', code: 1000, reason: 'a'.repeat(124) })).message,
        /at most 123 bytes \(this one has 124\)/,
      );
    });

    it('counts the reason in UTF-8 bytes: 62 × "é" (124 bytes) refused, 61 × "é" (122 bytes) sent', () => {
      assert.match(
        refusal(prepareSend({ kind: 'close', code: 1000, reason: 'é'.repeat(62) })).message,
        /this one has 124/,
      );
      assert.deepEqual(action(prepareSend({ kind: 'close', code: 1000, reason: 'é'.repeat(61) })), {
        op: 'close',
        code: 1000,
        reason: 'é'.repeat(61),
      });
    });
  });

  it('close: refuses a reason that is not a string', () => {
    refusal(loose({ kind: 'close', code: 1000, reason: 42 }));
  });

  describe('anything else', () => {
    it('refuses an unknown kind and names it', () => {
      assert.equal(refusal(loose({ kind: 'telepathy' })).message, 'Unknown message kind "telepathy".');
    });

    for (const [label, input] of [
      ['null', null],
      ['undefined', undefined],
      ['{}', {}],
      ['a string', 'text'],
      ['a number', 7],
      ['an array', []],
    ] as const) {
      it(`refuses ${label} without throwing`, () => {
        let result: PreparedSend | undefined;
        assert.doesNotThrow(() => {
          result = loose(input);
        });
        assert.match(refusal(result!).message, /^Unknown message kind/);
      });
    }
  });

  describe('isSendableCloseCode', () => {
    it('follows RFC 6455 §7.4: 1000–1003, 1007–1014 and 3000–4999', () => {
      const sendable = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999];
      const reserved = [0, 999, 1004, 1005, 1006, 1015, 1016, 2000, 2999, 5000, 65535, 1000.1, NaN, Infinity];
      for (const code of sendable) assert.equal(isSendableCloseCode(code), true, String(code));
      for (const code of reserved) assert.equal(isSendableCloseCode(code), false, String(code));
    });
  });
});
