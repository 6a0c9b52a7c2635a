/**
 * Connection options: the URL and header checks the connect form runs as the user types, and the one
 * validator every engine's options go through (defaults filled, never throws).
 */
import assert from 'node:assert/strict';
import {
  checkHeader,
  checkWebSocketUrl,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_MAX_STORED_PAYLOAD_BYTES,
  formatIssues,
  parseHeaderLines,
  validateConnectionOptions,
  type ResolvedConnectionOptions,
  type ResolvedWebSocketOptions,
  type ValidationIssue,
  type ValidationResult,
} from '../../../../src/core/connection/connectionOptions';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../../../src/core/connection/commonOptions';
import { DEFAULT_MAX_POLL_BODY, type ResolvedEngineIoOptions } from '../../../../src/core/connection/engineIoOptions';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUY2E=\n-----END CERTIFICATE-----\n';

function valid<T>(result: ValidationResult<T>): T {
  assert.ok(result.ok, `expected ok, got: ${result.ok ? '' : JSON.stringify(result.issues)}`);
  return result.value;
}

function issues<T>(result: ValidationResult<T>): ValidationIssue[] {
  assert.equal(result.ok, false, 'expected issues');
  return (result as { ok: false; issues: ValidationIssue[] }).issues;
}

/** Validates WebSocket options that must pass, and narrows the result to the WebSocket kind. */
function validWs(input: unknown): ResolvedWebSocketOptions {
  const value = valid(validateConnectionOptions(input));
  assert.equal(value.kind, 'websocket');
  return value as ResolvedWebSocketOptions;
}

/** The fields with issues, for `validateConnectionOptions({ kind, url, ...extra })`. */
function fieldsWith(extra: Record<string, unknown>): string[] {
  return issues(validateConnectionOptions({ kind: 'websocket', url: 'ws://localhost:8080/', ...extra })).map(
    (i) => i.field,
  );
}

describe('connectionOptions', () => {
  describe('checkWebSocketUrl', () => {
    for (const url of [
      'ws://localhost:8080/',
      'wss://example.com/socket',
      'ws://127.0.0.1:1/a?b=c',
      'wss://example.com:443/',
      'ws://[::1]:8080/',
      'WS://EXAMPLE.COM/',
      '  ws://localhost/  ',
    ]) {
      it(`accepts ${JSON.stringify(url)}`, () => {
        assert.equal(checkWebSocketUrl(url), undefined);
      });
    }

    it('asks for a URL when empty or blank', () => {
      assert.match(checkWebSocketUrl('') ?? '', /Enter a URL/);
      assert.match(checkWebSocketUrl('   ') ?? '', /Enter a URL/);
    });

    it('refuses spaces and line breaks inside the URL', () => {
      assert.match(checkWebSocketUrl('ws://local host/') ?? '', /must not contain spaces or line breaks/);
      assert.match(checkWebSocketUrl('ws://localhost/\nGET') ?? '', /line breaks/);
      assert.match(checkWebSocketUrl('ws://localhost/a\tb') ?? '', /spaces/);
    });

    it('refuses http:// with a hint to use ws://', () => {
      const message = checkWebSocketUrl('http://localhost:8080/') ?? '';
      assert.match(message, /Unsupported scheme "http"/);
      assert.match(message, /Use ws:\/\//);
    });

    it('refuses https:// with a hint to use wss://', () => {
      assert.match(checkWebSocketUrl('https://example.com/') ?? '', /Use wss:\/\//);
    });

    it('refuses ftp:// without an http hint', () => {
      const message = checkWebSocketUrl('ftp://example.com/') ?? '';
      assert.match(message, /Unsupported scheme "ftp"/);
      assert.doesNotMatch(message, /Use/);
    });

    it('refuses malformed URLs', () => {
      assert.match(checkWebSocketUrl('localhost:8080') ?? '', /scheme|not a valid URL/);
      assert.match(checkWebSocketUrl('ws://') ?? '', /not a valid URL/);
      assert.match(checkWebSocketUrl('ws://[::1/') ?? '', /not a valid URL/);
      assert.match(checkWebSocketUrl('ws://host:99999/') ?? '', /not a valid URL/);
    });

    it('truncates a long malformed URL in the message', () => {
      const message = checkWebSocketUrl(`ws://${'x'.repeat(200)}:bad/`) ?? '';
      assert.match(message, /…"/);
      assert.ok(message.length < 160, message);
    });

    it('refuses a fragment (RFC 6455 §3)', () => {
      assert.match(checkWebSocketUrl('ws://localhost/chat#room') ?? '', /must not contain a fragment/);
    });
  });

  describe('checkHeader', () => {
    it('accepts an ordinary header', () => {
      assert.equal(checkHeader('Authorization', 'Bearer abc'), undefined);
      assert.equal(checkHeader('X-Trace-Id', ''), undefined);
    });

    it('refuses CR/LF injection: X-A: b\\r\\nEvil: 1', () => {
      assert.match(checkHeader('X-A', 'b\r\nEvil: 1') ?? '', /line break or NUL/);
      assert.match(checkHeader('X-A', 'b\nEvil: 1') ?? '', /inject another header/);
      assert.match(checkHeader('X-A', 'b\rc') ?? '', /line break/);
    });

    it('refuses NUL in a value', () => {
      assert.match(checkHeader('X-A', 'a\0b') ?? '', /NUL/);
    });

    it('refuses invalid names: with a space, a colon, empty, non-ASCII', () => {
      for (const name of ['X A', 'X:A', '', 'Ünicode', 'X-A\r\n']) {
        assert.match(checkHeader(name, 'v') ?? '', /is not a valid HTTP token/, JSON.stringify(name));
      }
    });

    it('refuses the headers the handshake owns, case-insensitively', () => {
      for (const name of [
        'Sec-WebSocket-Key',
        'sec-websocket-version',
        'Sec-WebSocket-Extensions',
        'Upgrade',
        'CONNECTION',
        'Host',
        'Content-Length',
        'Transfer-Encoding',
      ]) {
        assert.match(checkHeader(name, 'x') ?? '', /set by the WebSocket handshake itself/, name);
      }
    });

    it('points Sec-WebSocket-Protocol to the subprotocols option', () => {
      assert.match(checkHeader('Sec-WebSocket-Protocol', 'chat') ?? '', /subprotocols option/);
    });
  });

  describe('parseHeaderLines', () => {
    it('parses Name: value lines in order, trims, ignores blank lines, keeps duplicates', () => {
      assert.deepEqual(valid(parseHeaderLines('Authorization: Bearer x\n\n  X-A :  1 \r\nX-A: 2\n')), [
        ['Authorization', 'Bearer x'],
        ['X-A', '1'],
        ['X-A', '2'],
      ]);
    });

    it('keeps colons inside values', () => {
      assert.deepEqual(valid(parseHeaderLines('Origin: http://localhost:3000')), [['Origin', 'http://localhost:3000']]);
    });

    it('empty text is no headers', () => {
      assert.deepEqual(valid(parseHeaderLines('')), []);
    });

    it('reports lines that are not "Name: value", numbered from 1', () => {
      const found = issues(parseHeaderLines('X-A: 1\nnot a header\n: empty name'));
      assert.deepEqual(
        found.map((i) => i.field),
        ['headers[1]', 'headers[2]'],
      );
      assert.equal(found[0].message, 'Line 2 is not "Name: value".');
      assert.equal(found[1].message, 'Line 3 is not "Name: value".');
    });

    it("reports handshake headers and invalid names with checkHeader's message", () => {
      const found = issues(parseHeaderLines('Upgrade: h2c\nBad Name: x\nX-Ok: y'));
      assert.deepEqual(
        found.map((i) => i.field),
        ['headers[0]', 'headers[1]'],
      );
      assert.match(found[0].message, /handshake/);
      assert.match(found[1].message, /valid HTTP token/);
    });
  });

  describe('validateConnectionOptions', () => {
    it('fills in the defaults', () => {
      const value = validWs({ kind: 'websocket', url: 'ws://localhost:8080/' });
      assert.deepEqual(value, {
        kind: 'websocket',
        url: 'ws://localhost:8080/',
        headers: [],
        subprotocols: [],
        origin: undefined,
        perMessageDeflate: true,
        tls: { rejectUnauthorized: true },
        handshakeTimeoutMs: 10_000,
        heartbeatIntervalMs: 0,
        heartbeatTimeoutMs: 10_000,
        maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
        maxStoredPayloadBytes: DEFAULT_MAX_STORED_PAYLOAD_BYTES,
        followRedirects: false,
        maxRedirects: 5,
        maxFragmentsPerMessage: 10_000,
        maxBufferedSendBytes: 16 * 1024 * 1024,
      });
      assert.equal(DEFAULT_HANDSHAKE_TIMEOUT_MS, 10_000);
    });

    it('keeps every valid option given, and trims the URL', () => {
      const value = validWs({
        kind: 'websocket',
        url: ' wss://example.com/ws ',
        headers: [
          ['Authorization', 'Bearer x'],
          ['X-A', '1'],
        ],
        subprotocols: ['chat', 'superchat'],
        origin: 'https://example.com',
        perMessageDeflate: false,
        tls: { rejectUnauthorized: false, ca: PEM, servername: 'example.test' },
        handshakeTimeoutMs: 2500.9,
        heartbeatIntervalMs: 100,
        maxPayloadBytes: 1,
        maxStoredPayloadBytes: 1024,
      });
      assert.equal(value.url, 'wss://example.com/ws');
      assert.deepEqual(value.headers, [
        ['Authorization', 'Bearer x'],
        ['X-A', '1'],
      ]);
      assert.deepEqual(value.subprotocols, ['chat', 'superchat']);
      assert.equal(value.origin, 'https://example.com');
      assert.equal(value.perMessageDeflate, false);
      assert.deepEqual(value.tls, { rejectUnauthorized: false, ca: PEM, servername: 'example.test' });
      assert.equal(value.handshakeTimeoutMs, 2500, 'floored');
      assert.equal(value.heartbeatIntervalMs, 100);
      assert.equal(value.maxPayloadBytes, 1);
      assert.equal(value.maxStoredPayloadBytes, 1024);
    });

    it('refuses non-object input without throwing', () => {
      for (const input of [undefined, null, 'ws://localhost/', 42, true]) {
        let result: ValidationResult<ResolvedConnectionOptions> | undefined;
        assert.doesNotThrow(() => {
          result = validateConnectionOptions(input);
        });
        assert.deepEqual(issues(result!), [{ field: '', message: 'Connection options must be an object.' }]);
      }
    });

    it('refuses a wrong or missing kind and names the supported ones', () => {
      const found = issues(validateConnectionOptions({ kind: 'mqtt', url: 'ws://localhost/' }));
      assert.deepEqual(
        found.map((i) => i.field),
        ['kind'],
      );
      assert.match(found[0].message, /^Unsupported connection kind "mqtt"; supported: .*"websocket"/);
      assert.deepEqual(
        issues(validateConnectionOptions({ url: 'ws://localhost/' })).map((i) => i.field),
        ['kind'],
      );
      assert.deepEqual(
        issues(validateConnectionOptions({ kind: 'WebSocket', url: 'ws://localhost/' })).map((i) => i.field),
        ['kind'],
        'kind is case-sensitive',
      );
    });

    it('reports a missing or invalid URL on the url field', () => {
      assert.deepEqual(issues(validateConnectionOptions({ kind: 'websocket' })), [
        { field: 'url', message: 'The URL is missing.' },
      ]);
      assert.match(
        issues(validateConnectionOptions({ kind: 'websocket', url: 'http://x/' }))[0].message,
        /Use ws:\/\//,
      );
    });

    it('reports every WebSocket problem at once', () => {
      const found = issues(
        validateConnectionOptions({
          kind: 'websocket',
          url: 'http://h/',
          subprotocols: ['a', 'a'],
          handshakeTimeoutMs: 1,
          perMessageDeflate: 'no',
        }),
      );
      assert.deepEqual(
        found.map((i) => i.field),
        ['url', 'subprotocols[1]', 'handshakeTimeoutMs', 'perMessageDeflate'],
      );
      assert.match(
        formatIssues(found),
        /^url: Unsupported scheme "http".* perMessageDeflate: Must be true or false\.$/,
      );
    });

    for (const [field, bad] of [
      ['handshakeTimeoutMs', [99, 600_001, NaN, Infinity, '5000', null]],
      ['heartbeatIntervalMs', [-1, 3_600_001, NaN, '1000']],
      ['maxPayloadBytes', [0, 2 ** 31, NaN, '1']],
      ['maxStoredPayloadBytes', [1023, 2 ** 31, NaN, '2048']],
    ] as const) {
      it(`refuses ${field} out of range, NaN, Infinity or as a string`, () => {
        for (const value of bad) {
          const found = issues(
            validateConnectionOptions({ kind: 'websocket', url: 'ws://localhost/', [field]: value }),
          );
          assert.deepEqual(
            found.map((i) => i.field),
            [field],
            `${field} = ${String(value)}`,
          );
          assert.match(found[0].message, new RegExp(`^${field} must be a number from \\d+ to \\d+\\.$`));
        }
      });
    }

    it('accepts the range limits: handshakeTimeoutMs 100 and 600000', () => {
      assert.equal(validWs({ kind: 'websocket', url: 'ws://h/', handshakeTimeoutMs: 100 }).handshakeTimeoutMs, 100);
      assert.equal(
        validWs({ kind: 'websocket', url: 'ws://h/', handshakeTimeoutMs: 600_000 }).handshakeTimeoutMs,
        600_000,
      );
    });

    it('heartbeat: 0 is off and accepted, 50 is refused, 100 accepted', () => {
      assert.equal(validWs({ kind: 'websocket', url: 'ws://h/', heartbeatIntervalMs: 0 }).heartbeatIntervalMs, 0);
      const found = issues(validateConnectionOptions({ kind: 'websocket', url: 'ws://h/', heartbeatIntervalMs: 50 }));
      assert.deepEqual(found, [
        { field: 'heartbeatIntervalMs', message: 'A heartbeat interval must be 0 (off) or at least 100 ms.' },
      ]);
      assert.equal(validWs({ kind: 'websocket', url: 'ws://h/', heartbeatIntervalMs: 100 }).heartbeatIntervalMs, 100);
    });

    it('refuses a subprotocol listed twice', () => {
      const found = issues(
        validateConnectionOptions({ kind: 'websocket', url: 'ws://h/', subprotocols: ['chat', 'mqtt', 'chat'] }),
      );
      assert.deepEqual(found, [{ field: 'subprotocols[2]', message: 'Subprotocol "chat" is listed twice.' }]);
    });

    it('refuses subprotocols that are not tokens, and a non-list', () => {
      assert.deepEqual(fieldsWith({ subprotocols: ['chat', 'has space', 7, ''] }), [
        'subprotocols[1]',
        'subprotocols[2]',
        'subprotocols[3]',
      ]);
      assert.deepEqual(fieldsWith({ subprotocols: 'chat' }), ['subprotocols']);
    });

    it('refuses malformed header pairs and bad headers, by index', () => {
      assert.deepEqual(
        fieldsWith({
          headers: [['X-A', '1'], ['X-B'], 'X-C: 1', ['X-D', 2], ['X-E', 'a\r\nEvil: 1'], ['Upgrade', 'x']],
        }),
        ['headers[1]', 'headers[2]', 'headers[3]', 'headers[4]', 'headers[5]'],
      );
      assert.deepEqual(fieldsWith({ headers: { 'X-A': '1' } }), ['headers']);
    });

    it('refuses an origin with a line break or that is not a string; an empty origin is no origin', () => {
      assert.deepEqual(fieldsWith({ origin: 'http://a\r\nX: y' }), ['origin']);
      assert.deepEqual(fieldsWith({ origin: 5 }), ['origin']);
      assert.equal(validWs({ kind: 'websocket', url: 'ws://h/', origin: '' }).origin, undefined);
    });

    it('refuses CA text that is not PEM', () => {
      const found = issues(
        validateConnectionOptions({ kind: 'websocket', url: 'wss://h/', tls: { ca: 'MIIBszCCAVmgAwIBAgIU' } }),
      );
      assert.deepEqual(found, [{ field: 'tls.ca', message: 'The CA must be PEM text (-----BEGIN CERTIFICATE-----).' }]);
      assert.deepEqual(fieldsWith({ tls: { ca: 42 } }), ['tls.ca']);
    });

    it('refuses bad TLS option types', () => {
      assert.deepEqual(fieldsWith({ tls: 'insecure' }), ['tls']);
      assert.deepEqual(fieldsWith({ tls: null }), ['tls']);
      assert.deepEqual(fieldsWith({ tls: { rejectUnauthorized: 'false' } }), ['tls.rejectUnauthorized']);
      assert.deepEqual(fieldsWith({ tls: { servername: 3 } }), ['tls.servername']);
    });

    it('keeps tls.rejectUnauthorized true when tls is given without it', () => {
      assert.deepEqual(validWs({ kind: 'websocket', url: 'wss://h/', tls: { servername: 'x' } }).tls, {
        rejectUnauthorized: true,
        servername: 'x',
      });
    });

    it('refuses a non-boolean perMessageDeflate', () => {
      assert.deepEqual(fieldsWith({ perMessageDeflate: 'yes' }), ['perMessageDeflate']);
      assert.deepEqual(fieldsWith({ perMessageDeflate: 0 }), ['perMessageDeflate']);
    });

    describe('Engine.IO limits (issue #7)', () => {
      const eio = (extra: Record<string, unknown>) =>
        validateConnectionOptions({ kind: 'engineio', url: 'http://localhost:3000/', ...extra });

      it('defaults maxPayloadBytes to DEFAULT_MAX_MESSAGE_BYTES (16 MiB) and maxPollBodyBytes to 4 MiB', () => {
        const value = valid(eio({})) as ResolvedEngineIoOptions;
        assert.equal(value.maxPayloadBytes, DEFAULT_MAX_MESSAGE_BYTES);
        assert.equal(DEFAULT_MAX_MESSAGE_BYTES, 16 * 1024 * 1024);
        assert.equal(value.maxPollBodyBytes, 4 * 1024 * 1024);
        assert.equal(DEFAULT_MAX_POLL_BODY, 4 * 1024 * 1024);
      });

      it('keeps maxPayloadBytes from 1 to 2^31 − 1, floored', () => {
        assert.equal((valid(eio({ maxPayloadBytes: 1 })) as ResolvedEngineIoOptions).maxPayloadBytes, 1);
        assert.equal(
          (valid(eio({ maxPayloadBytes: 2 ** 31 - 1 })) as ResolvedEngineIoOptions).maxPayloadBytes,
          2 ** 31 - 1,
        );
        assert.equal(
          (valid(eio({ kind: 'socketio', maxPayloadBytes: 2048.7 })) as ResolvedEngineIoOptions).maxPayloadBytes,
          2048,
        );
      });

      it('refuses maxPayloadBytes out of range, NaN, Infinity or as a string', () => {
        for (const value of [0, -1, 2 ** 31, NaN, Infinity, '1', null]) {
          const found = issues(eio({ maxPayloadBytes: value }));
          assert.deepEqual(
            found.map((i) => i.field),
            ['maxPayloadBytes'],
            `maxPayloadBytes = ${String(value)}`,
          );
          assert.match(found[0].message, /^maxPayloadBytes must be a number from 1 to 2147483647\.$/);
        }
      });
    });
  });

  describe('formatIssues', () => {
    it('joins issues as "field: message", without a prefix for an empty field', () => {
      assert.equal(
        formatIssues([
          { field: '', message: 'A.' },
          { field: 'url', message: 'B.' },
        ]),
        'A. url: B.',
      );
    });
  });
});
