/**
 * describeError: any error from Node, TLS or `ws` → a stable RI_… code, a plain-words message, a hint
 * where the user can act, and the library's words in `detail`. Never throws.
 */
import assert from 'node:assert/strict';
import { describeError, ErrorCode, messageTooBig } from '../../../src/core/errors';
import { explainWsError } from '../../../src/core/websocket/wsErrorExplanation';

/** A Node-style error: an Error with a `code`. */
function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errors', () => {
  describe('describeError: network errors', () => {
    it('ECONNREFUSED → RI_CONNECTION_REFUSED with a hint and the raw code in detail', () => {
      const meta = describeError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'));
      assert.equal(meta.code, ErrorCode.ConnectionRefused);
      assert.equal(meta.code, 'RI_CONNECTION_REFUSED');
      assert.match(meta.message, /refused/);
      assert.match(meta.hint ?? '', /port/);
      assert.equal(meta.detail, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    });

    it('ENOTFOUND → RI_HOST_NOT_FOUND (DNS)', () => {
      const meta = describeError(nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid'));
      assert.equal(meta.code, 'RI_HOST_NOT_FOUND');
      assert.match(meta.message, /DNS/);
      assert.equal(meta.detail, 'ENOTFOUND: getaddrinfo ENOTFOUND nope.invalid');
    });

    it('EAI_AGAIN → RI_HOST_NOT_FOUND (temporary DNS failure)', () => {
      const meta = describeError(nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN example.com'));
      assert.equal(meta.code, 'RI_HOST_NOT_FOUND');
      assert.match(meta.message, /temporary/);
    });

    it('ECONNRESET and EPIPE → RI_CONNECTION_RESET', () => {
      assert.equal(describeError(nodeError('ECONNRESET', 'read ECONNRESET')).code, 'RI_CONNECTION_RESET');
      assert.equal(describeError(nodeError('EPIPE', 'write EPIPE')).code, 'RI_CONNECTION_RESET');
    });

    it('ETIMEDOUT, EHOSTUNREACH, ENETUNREACH → RI_NETWORK_ERROR', () => {
      for (const code of ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']) {
        assert.equal(describeError(nodeError(code, `connect ${code}`)).code, 'RI_NETWORK_ERROR', code);
      }
    });
  });

  describe('describeError: TLS', () => {
    it("DEPTH_ZERO_SELF_SIGNED_CERT → RI_TLS_ERROR, message keeps Node's words, hint points to the CA setting", () => {
      const meta = describeError(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'));
      assert.equal(meta.code, 'RI_TLS_ERROR');
      assert.equal(meta.message, 'TLS failed: self-signed certificate');
      assert.match(meta.hint ?? '', /realtimeInspector\.tls\.caFile/);
      assert.equal(meta.detail, 'DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate');
    });

    it('ERR_TLS_CERT_ALTNAME_INVALID → RI_TLS_ERROR', () => {
      const meta = describeError(
        nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      );
      assert.equal(meta.code, 'RI_TLS_ERROR');
      assert.match(meta.message, /altnames/);
    });

    it('other certificate codes and any ERR_SSL_… / ERR_TLS_… code → RI_TLS_ERROR', () => {
      for (const code of [
        'SELF_SIGNED_CERT_IN_CHAIN',
        'CERT_HAS_EXPIRED',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'EPROTO',
        'ERR_SSL_SOMETHING_NEW',
        'ERR_TLS_HANDSHAKE_TIMEOUT',
      ]) {
        assert.equal(describeError(nodeError(code, 'tls')).code, 'RI_TLS_ERROR', code);
      }
    });
  });

  describe('describeError: ws errors', () => {
    it('WS_ERR_INVALID_UTF8 → RI_PROTOCOL_ERROR in plain words', () => {
      const meta = describeError(nodeError('WS_ERR_INVALID_UTF8', 'Invalid UTF-8 sequence'));
      assert.equal(meta.code, 'RI_PROTOCOL_ERROR');
      assert.equal(meta.message, 'The server sent a text message that is not valid UTF-8.');
      assert.equal(meta.detail, 'WS_ERR_INVALID_UTF8: Invalid UTF-8 sequence');
    });

    it('"Max payload size exceeded" (WS_ERR_UNSUPPORTED_MESSAGE_LENGTH) → RI_MESSAGE_TOO_BIG', () => {
      const meta = describeError(
        Object.assign(new RangeError('Max payload size exceeded'), { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }),
      );
      assert.equal(meta.code, 'RI_MESSAGE_TOO_BIG');
      assert.match(meta.message, /larger than the configured maximum/);
      assert.equal(meta.detail, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: Max payload size exceeded');
    });

    it('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH for another reason stays a protocol error', () => {
      const meta = describeError(
        nodeError('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'Unsupported WebSocket frame: payload length > 2^53 - 1'),
      );
      assert.equal(meta.code, 'RI_PROTOCOL_ERROR');
      assert.match(meta.message, /message length this client cannot handle/);
    });

    it('other WS_ERR_ codes → RI_PROTOCOL_ERROR', () => {
      for (const code of [
        'WS_ERR_UNEXPECTED_RSV_1',
        'WS_ERR_INVALID_OPCODE',
        'WS_ERR_INVALID_CLOSE_CODE',
        'WS_ERR_UNEXPECTED_MASK',
      ]) {
        assert.equal(describeError(nodeError(code, 'x')).code, 'RI_PROTOCOL_ERROR', code);
      }
    });

    it('"Invalid Sec-WebSocket-Accept header" → RI_INVALID_ACCEPT with a proxy hint', () => {
      const meta = describeError(new Error('Invalid Sec-WebSocket-Accept header'));
      assert.equal(meta.code, 'RI_INVALID_ACCEPT');
      assert.match(meta.message, /§4\.2\.2/);
      assert.match(meta.hint ?? '', /proxy/);
      assert.equal(meta.detail, 'Invalid Sec-WebSocket-Accept header');
    });

    it('subprotocol and extension negotiation failures get their own codes', () => {
      assert.equal(
        describeError(new Error('Server sent a subprotocol but none was requested')).code,
        'RI_SUBPROTOCOL_MISMATCH',
      );
      assert.equal(describeError(new Error('Invalid Sec-WebSocket-Protocol header')).code, 'RI_SUBPROTOCOL_MISMATCH');
      assert.equal(
        describeError(new Error('Server sent a Sec-WebSocket-Extensions header but no extension was requested')).code,
        'RI_EXTENSION_MISMATCH',
      );
    });
  });

  describe('describeError: anything else', () => {
    it('an unknown code is kept as the code, with the message as is', () => {
      assert.deepEqual(describeError(nodeError('EWHATEVER', 'odd')), {
        code: 'EWHATEVER',
        message: 'odd',
        detail: 'odd',
      });
    });

    it('an Error without a code → RI_INTERNAL', () => {
      assert.deepEqual(describeError(new Error('kaput')), { code: 'RI_INTERNAL', message: 'kaput', detail: 'kaput' });
    });

    it('a non-string code is ignored', () => {
      assert.equal(describeError(Object.assign(new Error('x'), { code: 404 })).code, 'RI_INTERNAL');
    });

    for (const [label, input, text] of [
      ['undefined', undefined, 'undefined'],
      ['null', null, 'null'],
      ['a string', 'socket hang up', 'socket hang up'],
      ['a number', 42, '42'],
      ['a plain object', { message: 'plain' }, 'plain'],
      ['a symbol', Symbol('s'), 'Symbol(s)'],
    ] as const) {
      it(`${label} never throws and becomes RI_INTERNAL with its text`, () => {
        let meta: ReturnType<typeof describeError> | undefined;
        assert.doesNotThrow(() => {
          meta = describeError(input);
        });
        assert.deepEqual(meta, { code: 'RI_INTERNAL', message: text, detail: text });
      });
    }

    it('a plain object with a known code is mapped like an Error', () => {
      assert.equal(describeError({ code: 'ECONNREFUSED' }).code, 'RI_CONNECTION_REFUSED');
    });

    it('an object without a prototype never throws', () => {
      assert.doesNotThrow(() => describeError(Object.create(null)));
    });
  });

  describe('messageTooBig and explainWsError (issue #7)', () => {
    it('names the limit in bytes, the 1009 that went out, and the setting that raises it', () => {
      const error = messageTooBig(16 * 1024 * 1024, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: Max payload size exceeded');
      assert.equal(error.code, ErrorCode.MessageTooBig);
      assert.match(error.message, /16777216 bytes \(16 MiB\)/);
      assert.match(error.message, /1009/);
      assert.match(error.hint!, /realtimeInspector\.maxMessageBytes/);
      assert.match(error.detail!, /Max payload size exceeded/);
    });

    it("turns ws's max-payload error into messageTooBig with the session's limit", () => {
      const wsError = nodeError('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 'Max payload size exceeded');
      const error = explainWsError(wsError, { maxMessageBytes: 1500 });
      assert.match(error.message, /1500 bytes \(0\.00 MiB\)|1500 bytes/);
      assert.match(error.detail!, /WS_ERR_UNSUPPORTED_MESSAGE_LENGTH/);
    });

    it('uses the frame fault our parser saw only when ws names the same fault', () => {
      const wsError = nodeError('WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH', 'Invalid payload length 1');
      const fault = { wsCode: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH', message: 'close frame with a 1-byte payload' };
      assert.equal(explainWsError(wsError, { maxMessageBytes: 1, incomingFault: fault }).message, fault.message);
      const other = { wsCode: 'WS_ERR_INVALID_OPCODE', message: 'reserved opcode' };
      assert.match(
        explainWsError(wsError, { maxMessageBytes: 1, incomingFault: other }).message,
        /invalid payload length/,
      );
      assert.equal(explainWsError(wsError, { maxMessageBytes: 1, incomingFault: fault }).code, ErrorCode.ProtocolError);
    });
  });
});
