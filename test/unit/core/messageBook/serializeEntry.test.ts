/**
 * "Save to message book": an entry written by serializeEntry reads back, through parseMessageBook and
 * entryToSendRequest, as the request it was written from — for arbitrary text (line breaks of every kind,
 * `###`, placeholders, unpaired surrogates), JSON, binary, pings, closes and Socket.IO requests.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseBase64, parseHex } from '../../../../src/core/payload/binaryInput';
import { bookValues } from '../../../../src/core/messageBook/bookVariables';
import { entryToSendRequest } from '../../../../src/core/messageBook/entryToSendRequest';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import { serializeEntry } from '../../../../src/core/messageBook/serializeEntry';
import type { SendRequest, SessionKind } from '../../../../src/core/session/sendRequest';
import { RESERVED_EVENTS } from '../../../../src/core/socketio/sioPacket';

const RUNS = { numRuns: 600, seed: 3 };

/** Text from every corner: any code unit (unpaired surrogates too), any code point, the format's own characters. */
const anyText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom('###', '\n', '\r', '\r\n', '{{x}}', '${env:A}', '\\', ' ', '\t', '"', 'a', '\u2028', '#', '//'),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join('')),
);

const utf8 = (text: string): number => Buffer.byteLength(text);

const closeCode = fc.constantFrom(1000, 1001, 1003, 1007, 1011, 1014, 3000, 4001, 4999);

const namespace = fc.oneof(fc.constant('/'), fc.stringMatching(/^\/[a-z0-9_-]{1,8}$/));

const jsonText = fc.oneof(
  fc.json(),
  fc.tuple(fc.json(), fc.constantFrom('\n', '\r\n', '  ', '\n\n  ')).map(([json, space]) => `${space}${json}${space}`),
  fc.jsonValue().map((value) => JSON.stringify(value, null, 2)),
);

const request: fc.Arbitrary<SendRequest> = fc.oneof(
  anyText.map((text): SendRequest => ({ kind: 'text', text })),
  jsonText.map((text): SendRequest => ({ kind: 'json', text })),
  fc
    .tuple(fc.uint8Array({ maxLength: 70 }), fc.constantFrom('hex' as const, 'base64' as const))
    .map(([bytes, encoding]): SendRequest => ({
      kind: 'binary',
      encoding,
      data: Buffer.from(bytes).toString(encoding),
    })),
  fc
    .option(
      anyText.filter((t) => utf8(t) <= 125),
      { nil: undefined },
    )
    .map((text): SendRequest => (text === undefined ? { kind: 'ping' } : { kind: 'ping', text })),
  fc
    .tuple(
      fc.option(closeCode, { nil: undefined }),
      fc.option(
        anyText.filter((t) => utf8(t) <= 123),
        { nil: undefined },
      ),
    )
    .map(([code, reason]): SendRequest =>
      code === undefined
        ? { kind: 'close' }
        : reason === undefined
          ? { kind: 'close', code }
          : { kind: 'close', code, reason },
    ),
  fc
    .record({
      namespace,
      event: anyText.filter((e) => e !== '' && !RESERVED_EVENTS.has(e)),
      args: fc.array(fc.jsonValue(), { maxLength: 4 }).map((a) => JSON.stringify(a)),
      ack: fc.boolean(),
    })
    .map((r): SendRequest => ({ kind: 'sio-emit', ...r })),
  fc
    .tuple(namespace, fc.option(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }), { nil: undefined }))
    .map(([ns, auth]): SendRequest =>
      auth === undefined
        ? { kind: 'sio-connect', namespace: ns }
        : { kind: 'sio-connect', namespace: ns, auth: JSON.stringify(auth) },
    ),
  namespace.map((ns): SendRequest => ({ kind: 'sio-disconnect', namespace: ns })),
);

function sessionFor(request: SendRequest): SessionKind {
  return request.kind.startsWith('sio-') ? 'socketio' : 'websocket';
}

/** What must come back: the same request, with JSON compared as values and binary as bytes. */
function assertSame(back: SendRequest, sent: SendRequest): void {
  assert.equal(back.kind, sent.kind);
  if (sent.kind === 'json' && back.kind === 'json') {
    assert.deepEqual(JSON.parse(back.text), JSON.parse(sent.text));
  } else if (sent.kind === 'binary' && back.kind === 'binary') {
    const decode = sent.encoding === 'hex' ? parseHex : parseBase64;
    assert.equal(back.encoding, sent.encoding);
    assert.deepEqual(decode(back.data), decode(sent.data));
  } else if (sent.kind === 'sio-emit' && back.kind === 'sio-emit') {
    const { args: backArgs, ...backRest } = back;
    const { args: sentArgs, ...sentRest } = sent;
    assert.deepEqual(backRest, sentRest);
    assert.deepEqual(JSON.parse(backArgs), JSON.parse(sentArgs));
  } else if (sent.kind === 'sio-connect' && back.kind === 'sio-connect' && sent.auth !== undefined) {
    assert.deepEqual(JSON.parse(back.auth ?? 'null'), JSON.parse(sent.auth));
  } else {
    assert.deepEqual(back, sent);
  }
}

describe('serializeEntry', () => {
  it('round-trips every request through parseMessageBook and entryToSendRequest, with its title', async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.option(anyText, { nil: undefined }), async (sent, title) => {
        const written = serializeEntry(sent, title);
        assert.ok(written.ok, !written.ok ? written.reason : '');
        const book = parseMessageBook(written.text);
        assert.deepEqual(book.diagnostics, [], written.text);
        assert.equal(book.entries.length, 1);
        const entry = book.entries[0];
        const expectedTitle = title?.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').trim() || undefined;
        assert.equal(entry.title, expectedTitle);
        const back = await entryToSendRequest(entry, bookValues(book.variables), sessionFor(sent));
        assert.ok(back.ok, !back.ok ? back.error.message : '');
        assertSame(back.request, sent);
      }),
      RUNS,
    );
  });

  it('keeps plain text readable: a body of lines, placeholders escaped', () => {
    const written = serializeEntry({ kind: 'text', text: 'Hello {{name}},\n  indented line' }, 'Greeting');
    assert.deepEqual(written, { ok: true, text: '### Greeting\ntext\nHello \\{{name}},\n  indented line\n' });
  });

  it('quotes text a body cannot hold as it is', () => {
    for (const text of ['ends with a newline\n', '\nstarts with one', 'a\r\nb', '### looks like a separator', '  ']) {
      const written = serializeEntry({ kind: 'text', text });
      assert.ok(written.ok);
      assert.equal(written.text, `###\ntext ${JSON.stringify(text)}\n`);
    }
  });

  it('writes Socket.IO requests as a user would', () => {
    const emit = serializeEntry({
      kind: 'sio-emit',
      namespace: '/chat',
      event: 'message',
      args: '["hi", 1]',
      ack: true,
    });
    assert.deepEqual(emit, { ok: true, text: '###\nemit message ack in /chat\n["hi", 1]\n' });
    const connect = serializeEntry({ kind: 'sio-connect', namespace: '/admin', auth: '{"token":"x"}' }, 'Join');
    assert.deepEqual(connect, { ok: true, text: '### Join\nconnect /admin\n{"token":"x"}\n' });
  });

  it('refuses what a book cannot hold, saying why', () => {
    const ack = serializeEntry({ kind: 'sio-ack', namespace: '/', id: 3, args: '[]' });
    assert.deepEqual(ack, {
      ok: false,
      reason: 'An ack answers one particular event from the server: it cannot be saved and sent again.',
    });
    assert.deepEqual(serializeEntry({ kind: 'close', reason: 'x' }), {
      ok: false,
      reason: 'A close reason needs a close code.',
    });
    assert.deepEqual(serializeEntry({ kind: 'binary', encoding: 'hex', data: 'abc' }).ok, false);
  });
});
