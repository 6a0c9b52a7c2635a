/**
 * LogEvent → rows and details: previews bounded to one line, headlines per RFC 6455 close codes and
 * HTTP status, payload views (UTF-8, JSON, hex dump) limited to 64 KiB, replayable outgoing messages.
 */
import assert from 'node:assert/strict';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { PREVIEW_FROM_META } from '../../../../src/core/view/eventPreview';
import { createHash } from 'node:crypto';
import type { LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { binaryPayload, textPayload } from '../../../../src/core/payload/storedPayload';
import { closeCodeName } from '../../../../src/core/view/closeCodes';
import {
  PREVIEW_MAX_CHARS,
  isReplayable,
  previewOf,
  projectDetails,
  projectRow,
} from '../../../../src/core/view/eventProjection';
import { DISPLAY_LIMIT_BYTES, hexDump } from '../../../../src/core/view/payloadView';

let nextSeq = 1;
function event(fields: Partial<NewLogEvent> & Pick<NewLogEvent, 'type'>): LogEvent {
  return {
    time: Date.UTC(2026, 0, 1),
    mono: 1000,
    direction: 'local',
    layer: 'ws',
    size: 0,
    seq: nextSeq++,
    ...fields,
  };
}

function textMessage(text: string, direction: 'in' | 'out' = 'in', max = 1024 * 1024): LogEvent {
  const payload = textPayload(text, max);
  return event({ type: 'message', direction, size: payload.byteLength, payload });
}

function binaryMessage(bytes: number[] | Uint8Array, max = 1024 * 1024): LogEvent {
  const payload = binaryPayload(Uint8Array.from(bytes), max);
  return event({ type: 'message', direction: 'in', size: payload.byteLength, payload });
}

function fact(details: ReturnType<typeof projectDetails>, label: string): string | undefined {
  return details.facts.find(([l]) => l === label)?.[1];
}

describe('projectRow', () => {
  it('copies the identity fields and computes elapsed from the origin', () => {
    const row = projectRow(event({ type: 'open', mono: 1250.5, parent: 3 }), 1000, NO_REDACTION);
    assert.equal(row.elapsed, 250.5);
    assert.equal(row.type, 'open');
    assert.equal(row.direction, 'local');
    assert.equal(row.parent, 3);
    assert.equal(row.isError, false);
    assert.equal(row.binary, false);
  });

  it('marks error rows and binary rows', () => {
    assert.equal(
      projectRow(
        event({ type: 'error', meta: { error: { code: 'RI_CONNECTION_REFUSED', message: 'refused' } } }),
        0,
        NO_REDACTION,
      ).isError,
      true,
    );
    assert.equal(projectRow(event({ type: 'heartbeat-timeout' }), 0, NO_REDACTION).isError, true);
    assert.equal(projectRow(binaryMessage([1, 2]), 0, NO_REDACTION).binary, true);
  });
});

describe('previewOf', () => {
  // Issue #7: replacing controls with spaces made `a\0b` and `a b` one row; the webview escapes them visibly.
  it('keeps line breaks, tabs, NUL and zero-width characters as they are, so different payloads stay different', () => {
    assert.equal(previewOf(textMessage('first\nsecond\r\nthird')), 'first\nsecond\r\nthird');
    assert.equal(previewOf(textMessage('tab\there\u0000')), 'tab\there\u0000');
    assert.notEqual(previewOf(textMessage('a\u0000b')), previewOf(textMessage('a b')));
    assert.notEqual(previewOf(textMessage('a\u200bb')), previewOf(textMessage('ab')));
  });

  it('cuts long text to PREVIEW_MAX_CHARS with an ellipsis', () => {
    const preview = previewOf(textMessage('x'.repeat(10_000)));
    assert.equal(preview.length, PREVIEW_MAX_CHARS);
    assert.ok(preview.endsWith('…'));
  });

  it('marks a truncated stored payload with an ellipsis even when the kept text is short', () => {
    const preview = previewOf(textMessage('y'.repeat(2000), 'in', 100));
    assert.ok(preview.endsWith('…'));
    assert.ok(preview.length <= PREVIEW_MAX_CHARS);
  });

  it('does not split a surrogate pair at the cut', () => {
    const preview = previewOf(textMessage('a' + '😀'.repeat(300)));
    assert.ok(!/[\ud800-\udbff]…$/.test(preview));
  });

  it('shows binary payloads as hex of the first bytes', () => {
    assert.equal(previewOf(binaryMessage([0x01, 0xff, 0x00, 0x7f])), '01 ff 00 7f');
    const long = previewOf(binaryMessage(new Uint8Array(1000).fill(0xab)));
    assert.ok(long.startsWith('ab ab ab'));
    assert.ok(long.endsWith('…'));
    assert.ok(long.length <= PREVIEW_MAX_CHARS);
  });

  it('shows the request line and the status line of the handshake', () => {
    assert.equal(
      previewOf(
        event({
          type: 'handshake-request',
          direction: 'out',
          layer: 'http',
          meta: { request: { method: 'GET', url: '/chat?room=1', httpVersion: '1.1' } },
        }),
      ),
      'GET /chat?room=1 HTTP/1.1',
    );
    assert.equal(
      previewOf(
        event({
          type: 'handshake-response',
          direction: 'in',
          layer: 'http',
          meta: { response: { status: 101, statusText: 'Switching Protocols', httpVersion: '1.1' } },
        }),
      ),
      'HTTP/1.1 101 Switching Protocols',
    );
  });

  it('shows close codes with their registry names', () => {
    assert.equal(
      previewOf(
        event({ type: 'close-frame', direction: 'in', meta: { close: { wireCode: 1000, wireReason: 'bye' } } }),
      ),
      '1000 Normal Closure: bye',
    );
    assert.equal(
      previewOf(event({ type: 'close-frame', direction: 'in', meta: { close: {} } })),
      'Close frame without a status code',
    );
    assert.equal(
      previewOf(event({ type: 'closed', meta: { close: { localCode: 1006, initiator: 'none' } } })),
      '1006 Abnormal Closure',
    );
    assert.equal(
      previewOf(event({ type: 'closed', meta: { close: { wireCode: 1001, initiator: 'server' } } })),
      '1001 Going Away (closed by server)',
    );
  });

  it('shows error code and message', () => {
    assert.equal(
      previewOf(
        event({
          type: 'error',
          meta: { error: { code: 'RI_HOST_NOT_FOUND', message: 'The host name could not be resolved.' } },
        }),
      ),
      'RI_HOST_NOT_FOUND: The host name could not be resolved.',
    );
  });

  it('keeps hostile reasons as they are (escaped by the webview) and bounded', () => {
    const preview = previewOf(
      event({
        type: 'close-frame',
        direction: 'in',
        meta: { close: { wireCode: 4000, wireReason: 'a\nb\u001b[31m' } },
      }),
    );
    assert.equal(preview, '4000 Application code (private use): a\nb\u001b[31m');
  });
});

describe('close code names', () => {
  it('follows the IANA registry', () => {
    assert.equal(closeCodeName(1000), 'Normal Closure');
    assert.equal(closeCodeName(1005), 'No Status Received');
    assert.equal(closeCodeName(1009), 'Message Too Big');
    assert.equal(closeCodeName(1011), 'Internal Error');
    assert.equal(closeCodeName(1015), 'TLS Handshake');
    assert.equal(closeCodeName(3008), 'Timeout');
    assert.equal(closeCodeName(3500), 'Library/framework code');
    assert.equal(closeCodeName(4999), 'Application code (private use)');
    assert.equal(closeCodeName(999), 'Invalid close code');
  });
});

describe('projectDetails', () => {
  it('headlines a 101 response and lists its headers in wire order', () => {
    const details = projectDetails(
      event({
        type: 'handshake-response',
        direction: 'in',
        layer: 'http',
        meta: {
          response: {
            status: 101,
            httpVersion: '1.1',
            headers: [
              ['Upgrade', 'websocket'],
              ['Connection', 'Upgrade'],
              ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
            ],
          },
          durationMs: 12.34,
        },
      }),
      1000,
      NO_REDACTION,
    );
    assert.equal(details.summary, '101 Switching Protocols', 'the standard reason phrase fills in for a missing one');
    assert.deepEqual(
      details.responseHeaders?.map(([n]) => n),
      ['Upgrade', 'Connection', 'Sec-WebSocket-Accept'],
    );
    assert.equal(fact(details, 'Status'), '101 Switching Protocols');
    assert.equal(fact(details, 'Duration'), '12.3 ms');
    assert.equal(details.replayable, false);
  });

  it('explains close codes', () => {
    const details = projectDetails(
      event({
        type: 'close-frame',
        direction: 'in',
        meta: { close: { wireCode: 1008, wireReason: 'no token', initiator: 'server' } },
      }),
      0,
      NO_REDACTION,
    );
    assert.equal(details.summary, '1008 Policy Violation: no token');
    assert.equal(fact(details, 'Close code'), '1008 Policy Violation');
    assert.equal(fact(details, 'Closed by'), 'server');
    assert.match(details.explanation ?? '', /^Policy Violation: /);
  });

  it('shows error facts and the hint as the explanation', () => {
    const details = projectDetails(
      event({
        type: 'error',
        meta: {
          error: {
            code: 'RI_CONNECTION_REFUSED',
            message: 'The connection was refused.',
            hint: 'Check the port.',
            detail: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
          },
        },
      }),
      0,
      NO_REDACTION,
    );
    assert.equal(details.summary, 'The connection was refused.');
    assert.equal(fact(details, 'Error code'), 'RI_CONNECTION_REFUSED');
    assert.equal(details.explanation, 'The connection was refused. Check the port.');
  });

  it('keeps stack traces out of the details pane', () => {
    const details = projectDetails(
      event({
        type: 'error',
        meta: {
          error: {
            code: 'RI_INTERNAL',
            message: 'Internal error while recording',
            detail: 'TypeError: x is undefined\n    at append (webSocketSession.ts:1:1)',
          },
        },
      }),
      0,
      NO_REDACTION,
    );
    assert.equal(fact(details, 'Detail'), 'TypeError: x is undefined');
  });

  it('names the frame opcode and compression', () => {
    const details = projectDetails(
      { ...textMessage('hi'), meta: { frame: { opcode: 1, compressed: true, frames: 2, wireBytes: 10 } } },
      0,
      NO_REDACTION,
    );
    assert.equal(fact(details, 'Opcode'), '1 (text)');
    assert.equal(fact(details, 'Compressed'), 'yes (permessage-deflate)');
    assert.equal(details.summary, 'Text message, 2 B');
  });

  describe('payload views', () => {
    it('text that is JSON gets a pretty view', () => {
      const payload = projectDetails(textMessage('{"a":[1,2],"b":"x"}'), 0, NO_REDACTION).payload;
      assert.ok(payload);
      assert.equal(payload.binary, false);
      assert.equal(payload.text, '{"a":[1,2],"b":"x"}');
      assert.equal(payload.json, '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "x"\n}');
      assert.equal(payload.truncated, false);
      assert.equal(payload.shownBytes, 19);
    });

    it('text that is not JSON (or only a JSON scalar) gets no JSON view', () => {
      assert.equal(projectDetails(textMessage('{not json'), 0, NO_REDACTION).payload?.json, undefined);
      assert.equal(projectDetails(textMessage('42'), 0, NO_REDACTION).payload?.json, undefined);
    });

    it('binary that is valid UTF-8 text is shown as text too', () => {
      const payload = projectDetails(binaryMessage([...Buffer.from('héllo {"k":1}', 'utf8')]), 0, NO_REDACTION).payload;
      assert.equal(payload?.binary, true);
      assert.equal(payload?.text, 'héllo {"k":1}');
    });

    it('binary that is not valid UTF-8, or full of control bytes, has no text view', () => {
      assert.equal(
        projectDetails(binaryMessage([0xc3, 0x28]), 0, NO_REDACTION).payload?.text,
        undefined,
        'invalid continuation byte',
      );
      assert.equal(projectDetails(binaryMessage([0xff, 0xfe]), 0, NO_REDACTION).payload?.text, undefined);
      assert.equal(
        projectDetails(binaryMessage([0x00, 0x01, 0x02]), 0, NO_REDACTION).payload?.text,
        undefined,
        'NULs are valid UTF-8 but not text',
      );
    });

    it('hex dump: offset, 16 bytes per line in two groups, ASCII column', () => {
      const bytes = Uint8Array.from(Buffer.from('Hello, WebSocket world!\n', 'utf8'));
      assert.equal(
        hexDump(bytes),
        [
          '00000000  48 65 6c 6c 6f 2c 20 57  65 62 53 6f 63 6b 65 74  |Hello, WebSocket|',
          '00000010  20 77 6f 72 6c 64 21 0a                           | world!.|',
        ].join('\n'),
      );
      assert.equal(hexDump(new Uint8Array(0)), '');
    });

    it('shows at most 64 KiB and says it was cut', () => {
      const big = new Uint8Array(DISPLAY_LIMIT_BYTES + 100).fill(0x41);
      const payload = projectDetails(binaryMessage(big), 0, NO_REDACTION).payload;
      assert.ok(payload);
      assert.equal(payload.byteLength, DISPLAY_LIMIT_BYTES + 100);
      assert.equal(payload.shownBytes, DISPLAY_LIMIT_BYTES);
      assert.equal(payload.truncated, true);
      assert.equal(payload.hex.split('\n').length, DISPLAY_LIMIT_BYTES / 16);
      assert.equal(payload.text?.length, DISPLAY_LIMIT_BYTES);
    });

    it('cuts long text on a character boundary and skips the JSON view', () => {
      const text = `[${'"€",'.repeat(30_000)}"€"]`;
      const payload = projectDetails(textMessage(text), 0, NO_REDACTION).payload;
      assert.ok(payload);
      assert.equal(payload.truncated, true);
      assert.equal(payload.json, undefined);
      assert.ok(payload.text && !payload.text.includes('\ufffd'), 'no replacement character from a split €');
      assert.ok(Buffer.byteLength(payload.text, 'utf8') <= DISPLAY_LIMIT_BYTES);
    });

    it('a payload truncated in the log carries its full length and SHA-256', () => {
      const full = 'z'.repeat(5000);
      const payload = projectDetails(textMessage(full, 'in', 1024), 0, NO_REDACTION).payload;
      assert.ok(payload);
      assert.equal(payload.byteLength, 5000);
      assert.equal(payload.shownBytes, 1024);
      assert.equal(payload.truncated, true);
      assert.equal(payload.sha256, createHash('sha256').update(full).digest('hex'));
    });
  });

  describe('replayable', () => {
    it('outgoing messages and pings with the request they were sent from', () => {
      const sent = { ...textMessage('hi', 'out'), meta: { send: { kind: 'text', text: 'hi' } as const } };
      assert.equal(isReplayable(sent), true);
      assert.equal(projectDetails(sent, 0, NO_REDACTION).replayable, true);
      const ping = event({ type: 'ping', direction: 'out', meta: { send: { kind: 'ping' } } });
      assert.equal(isReplayable(ping), true);
    });

    it('not incoming messages, close frames, or messages without a request', () => {
      assert.equal(isReplayable({ ...textMessage('hi', 'in'), meta: { send: { kind: 'text', text: 'hi' } } }), false);
      assert.equal(isReplayable(textMessage('hi', 'out')), false);
      assert.equal(
        isReplayable(event({ type: 'close-frame', direction: 'out', meta: { send: { kind: 'close', code: 1000 } } })),
        false,
      );
    });

    // Issue #8: replay was offered only on WebSocket message/ping rows.
    it(
      'is decided by the request kept on the event: ' + 'Engine.IO messages and Socket.IO emits, acks and joins too',
      () => {
        const emit = { kind: 'sio-emit' as const, namespace: '/', event: 'chat', args: '["hi"]', ack: true };
        assert.equal(
          isReplayable(event({ type: 'sio-event', layer: 'sio', direction: 'out', meta: { send: emit } })),
          true,
        );
        const eio = { kind: 'text' as const, text: 'hello' };
        assert.equal(
          isReplayable(event({ type: 'eio-message', layer: 'eio', direction: 'out', meta: { send: eio } })),
          true,
        );
        const ack = { kind: 'sio-ack' as const, namespace: '/', id: 3, args: '[]' };
        assert.equal(
          isReplayable(event({ type: 'sio-ack', layer: 'sio', direction: 'out', meta: { send: ack } })),
          true,
        );
        assert.equal(
          isReplayable(event({ type: 'sio-event', layer: 'sio', direction: 'out' })),
          false,
          'no request kept',
        );
        assert.equal(
          isReplayable(event({ type: 'eio-close', layer: 'eio', direction: 'out', meta: { send: { kind: 'close' } } })),
          false,
        );
      },
    );
  });
});

// The query engine skips building previews for the other types (issue #9): the set must name every special case.
describe('PREVIEW_FROM_META', () => {
  it('names every type whose preview may not be the start of its text payload', () => {
    const types = [
      'handshake-request',
      'handshake-response',
      'close-frame',
      'closed',
      'error',
      'heartbeat-timeout',
      'open',
      'message',
      'sio-event',
      'eio-message',
      'poll-response',
      'ping',
    ];
    for (const type of types) {
      const e = event({ type, payload: { kind: 'text', text: 'payload-start', byteLength: 13 } });
      // Safe direction: a type left out must preview its payload, or a query would search the wrong text.
      if (!PREVIEW_FROM_META.has(type)) assert.equal(previewOf(e), 'payload-start', type);
    }
  });
});
