/**
 * Book entries become the requests a session of each kind accepts, with placeholders filled in and files
 * read through the host; everything else is refused with the entry's name and the reason.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { MAX_BOOK_FILE_BYTES } from '../../../../src/core/messageBook/bookLimits';
import type { BookFiles } from '../../../../src/core/messageBook/bookFiles';
import { bookValues } from '../../../../src/core/messageBook/bookVariables';
import { entryToSendRequest, type EntryRequest } from '../../../../src/core/messageBook/entryToSendRequest';
import { parseMessageBook } from '../../../../src/core/messageBook/parseMessageBook';
import type { SessionKind } from '../../../../src/core/session/sendRequest';

/** The request of the only entry of `text`, on a session of `kind`. */
async function requestOf(text: string, kind: SessionKind, host = {}, files?: BookFiles): Promise<EntryRequest> {
  const book = parseMessageBook(text);
  assert.equal(book.entries.length, 1);
  return entryToSendRequest(book.entries[0], bookValues(book.variables, host), kind, files);
}

async function refusal(text: string, kind: SessionKind, host = {}, files?: BookFiles): Promise<string> {
  const result = await requestOf(text, kind, host, files);
  assert.ok(!result.ok, `expected a refusal, got ${JSON.stringify(result)}`);
  return result.error.message;
}

describe('entryToSendRequest', () => {
  describe('by kind of entry and of session', () => {
    const accepted: Array<[string, SessionKind, unknown]> = [
      ['text\nhi', 'websocket', { kind: 'text', text: 'hi' }],
      ['text\nhi', 'engineio', { kind: 'text', text: 'hi' }],
      ['json\n{"a": 1}', 'websocket', { kind: 'json', text: '{"a": 1}' }],
      ['binary hex\n01 02', 'websocket', { kind: 'binary', encoding: 'hex', data: '01 02' }],
      ['binary base64 AQID', 'engineio', { kind: 'binary', encoding: 'base64', data: 'AQID' }],
      ['eio 4hello', 'engineio', { kind: 'text', text: '4hello' }],
      ['ping', 'websocket', { kind: 'ping' }],
      ['close 4001 bye', 'websocket', { kind: 'close', code: 4001, reason: 'bye' }],
      ['close', 'socketio', { kind: 'close' }],
      ['close', 'engineio', { kind: 'close' }],
      [
        'emit chat ack in /room\n"hi"',
        'socketio',
        { kind: 'sio-emit', namespace: '/room', event: 'chat', args: '["hi"]', ack: true },
      ],
      [
        'connect /admin {"token": "t"}',
        'socketio',
        { kind: 'sio-connect', namespace: '/admin', auth: '{"token": "t"}' },
      ],
      ['disconnect /admin', 'socketio', { kind: 'sio-disconnect', namespace: '/admin' }],
    ];
    for (const [text, kind, expected] of accepted) {
      it(`${JSON.stringify(text.split('\n')[0])} on ${kind}`, async () => {
        assert.deepEqual(await requestOf(text, kind), { ok: true, request: expected });
      });
    }

    const refused: Array<[string, SessionKind, RegExp]> = [
      ['emit chat', 'websocket', /A WebSocket session cannot send a request of kind "sio-emit": it sends text, json/],
      ['text\nhi', 'socketio', /A Socket.IO session cannot send a request of kind "text"/],
      ['json\n{}', 'engineio', /An Engine.IO session cannot send a request of kind "json"/],
      ['ping', 'engineio', /cannot send a request of kind "ping"/],
      ['eio 4x', 'websocket', /raw Engine.IO message: it needs an Engine.IO session/],
      ['close', 'sse', /An SSE session cannot send .* it sends nothing/],
      ['delay 1s', 'websocket', /is a delay, not a message/],
      ['wait for /x/', 'websocket', /is a wait, not a message/],
      ['json\n{', 'websocket', /has errors: fix them first/],
    ];
    for (const [text, kind, message] of refused) {
      it(`refuses ${JSON.stringify(text.split('\n')[0])} on ${kind}`, async () => {
        const words = await refusal(`### My entry\n${text}`, kind);
        assert.match(words, /^Entry 1 "My entry" \(line 2\)/);
        assert.match(words, message);
      });
    }

    it('says what to use instead of eio', async () => {
      const result = await requestOf('eio x', 'socketio');
      assert.ok(!result.ok);
      assert.equal(result.error.hint, 'On a Socket.IO session, emit an event.');
    });
  });

  describe('placeholders', () => {
    it('fills in variables, environment variables and secrets everywhere a message has text', async () => {
      const book =
        '@who = {{first}} ${env:LAST}\n@first = Ada\n###\n' +
        'emit "greet {{first}}" ack\n"{{who}}"\n{"token": "${secret:T}"}';
      const result = await requestOf(book, 'socketio', { env: { LAST: 'Lovelace' }, secrets: { T: 's3cr3t' } });
      assert.deepEqual(result, {
        ok: true,
        request: {
          kind: 'sio-emit',
          namespace: '/',
          event: 'greet Ada',
          args: '["Ada Lovelace",{"token": "s3cr3t"}]',
          ack: true,
        },
      });
    });

    it('refuses a missing secret by its name', async () => {
      const result = await requestOf('text ${secret:API_KEY}', 'websocket', { secrets: {} });
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'RI_BOOK_VARIABLE');
      assert.match(result.error.message, /The secret "API_KEY" \(\$\{secret:API_KEY\}\) has no value/);
    });

    it('refuses JSON that a value breaks, without quoting the value', async () => {
      const secret = 'ab"cd';
      const words = await refusal('json\n{"token": "${secret:T}"}', 'websocket', { secrets: { T: secret } });
      assert.match(words, /its JSON is not valid once filled in: check the values of the variables it uses/);
      assert.ok(!words.includes(secret));
      const args = await refusal('emit x\n{{v}}', 'socketio', { secrets: {} });
      assert.match(args, /No variable "v"|has errors/);
    });

    it('refuses hex that a value breaks', async () => {
      const words = await refusal('@b = zz\nbinary hex 01 {{b}}', 'websocket');
      assert.match(words, /its hex is not valid once filled in/);
    });
  });

  describe('binary file', () => {
    const folder = path.resolve('/books/demo');
    const read: string[] = [];
    const files = (contents: Record<string, Uint8Array>, extra: Partial<BookFiles> = {}): BookFiles => ({
      folder,
      readFile: async (p) => {
        read.push(p);
        const bytes = contents[p];
        if (!bytes) throw Object.assign(new Error(`ENOENT: no such file, open '${p}'`), { code: 'ENOENT' });
        return bytes;
      },
      ...extra,
    });
    beforeEach(() => {
      read.length = 0;
    });

    it('reads the file relative to the book, through the host, as base64', async () => {
      const logo = path.join(folder, 'img', 'logo.bin');
      const result = await requestOf(
        '@dir = img\nbinary file {{dir}}/logo.bin',
        'websocket',
        {},
        files({ [logo]: Uint8Array.of(1, 2, 3) }),
      );
      assert.deepEqual(result, { ok: true, request: { kind: 'binary', encoding: 'base64', data: 'AQID' } });
      assert.deepEqual(read, [logo]);
    });

    it('refuses a path outside the book folder (or the root the host allows) without reading it', async () => {
      const words = await refusal('binary file ../../etc/passwd', 'websocket', {}, files({}));
      assert.match(words, /"..\/..\/etc\/passwd" is outside the book's folder/);
      assert.match(await refusal('binary file /etc/passwd', 'websocket', {}, files({})), /is outside/);
      assert.deepEqual(read, []);
      const sibling = path.resolve('/books/shared/x.bin');
      const allowed = files({ [sibling]: Uint8Array.of(9) }, { root: path.resolve('/books') });
      assert.deepEqual(await requestOf('binary file ../shared/x.bin', 'websocket', {}, allowed), {
        ok: true,
        request: { kind: 'binary', encoding: 'base64', data: 'CQ==' },
      });
    });

    it(`refuses a file over ${MAX_BOOK_FILE_BYTES / 2 ** 20} MiB, by its size when the host can tell it`, async () => {
      const big = path.join(folder, 'big.bin');
      const sized = files({}, { fileSize: async () => MAX_BOOK_FILE_BYTES + 1 });
      assert.match(await refusal('binary file big.bin', 'websocket', {}, sized), /larger than 12 MiB/);
      assert.deepEqual(read, []);
      const huge = files({ [big]: new Uint8Array(MAX_BOOK_FILE_BYTES + 1) });
      const result = await requestOf('binary file big.bin', 'websocket', {}, huge);
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'RI_BOOK_FILE');
    });

    it('says a file is missing, and that there is no file access at all', async () => {
      assert.match(await refusal('binary file nope.bin', 'websocket', {}, files({})), /"nope.bin" was not found/);
      assert.match(await refusal('binary file x.bin', 'websocket'), /this editor gave no access to files/);
    });

    it('checks the kind before reading', async () => {
      await refusal('binary file x.bin', 'socketio', {}, files({}));
      assert.deepEqual(read, []);
    });
  });
});
