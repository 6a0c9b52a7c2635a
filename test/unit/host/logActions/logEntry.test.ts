/**
 * Edit and send / Save to message book (issue 10): an outgoing row becomes a book entry that reads back as the
 * request it was sent from; a secret a book filled in goes back to its `${secret:NAME}`, and a row holding any
 * other credential is never copied into an editor or a file.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { bookValues, entryToSendRequest, parseMessageBook } from '../../../../src/core/messageBook';
import { createRedactor, NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import type { SendRequest } from '../../../../src/core/session/sendRequest';
import { clockTime, logEntryText } from '../../../../src/host/logActions/logEntry';

const SECRET = 'BkCanary-7f3a9c1e';

function sent(seq: number, send: SendRequest | undefined, text = ''): LogEvent {
  return {
    seq,
    time: Date.UTC(2024, 0, 2, 3, 4, 5),
    mono: 0,
    direction: 'out',
    layer: 'ws',
    type: 'message',
    size: text.length,
    payload: { kind: 'text', text, byteLength: text.length },
    ...(send && { meta: { send } }),
  };
}

async function readBack(text: string, secrets: Record<string, string> = {}): Promise<SendRequest> {
  const book = parseMessageBook(text);
  assert.deepEqual(book.diagnostics, []);
  const built = await entryToSendRequest(book.entries[0], bookValues(book.variables, { secrets }), 'websocket');
  assert.ok(built.ok, built.ok ? '' : built.error.message);
  return built.request;
}

describe('an outgoing row as a book entry', () => {
  it('writes the request it was sent from under a title saying when', async () => {
    const request: SendRequest = { kind: 'json', text: '{"a": [1, 2]}' };
    const entry = logEntryText(12, sent(12, request), NO_REDACTION, new Map());
    assert.ok(entry.ok);
    assert.equal(entry.text, `### Sent at ${clockTime(Date.UTC(2024, 0, 2, 3, 4, 5))} (#12)\njson\n{"a": [1, 2]}\n`);
    assert.deepEqual(await readBack(entry.text), request);
  });

  it('rebuilds the request of a row that kept none from its payload', async () => {
    const entry = logEntryText(3, sent(3, undefined, 'from a HAR'), NO_REDACTION, new Map());
    assert.ok(entry.ok);
    assert.deepEqual(await readBack(entry.text), { kind: 'text', text: 'from a HAR' });
  });

  it('puts a book secret back as ${secret:NAME}', async () => {
    const text = `{"token": "${SECRET}"}`;
    const redactor = createRedactor({ url: 'ws://127.0.0.1/echo' }, [SECRET]);
    const entry = logEntryText(4, sent(4, { kind: 'json', text }, text), redactor, new Map([['apiToken', SECRET]]));
    assert.ok(entry.ok, entry.ok ? '' : entry.reason);
    assert.ok(!entry.text.includes(SECRET));
    assert.ok(entry.text.includes('${secret:apiToken}'));
    assert.deepEqual(await readBack(entry.text, { apiToken: SECRET }), { kind: 'json', text });
  });

  it('keeps a row holding another credential out of editors and files', () => {
    const redactor = createRedactor({ url: 'ws://127.0.0.1/echo' }, [SECRET]);
    const entry = logEntryText(5, sent(5, { kind: 'text', text: `t=${SECRET}` }), redactor, new Map());
    assert.equal(entry.ok, false);
    assert.match(entry.ok ? '' : entry.reason, /^Event #5 holds a credential/);
    assert.ok(!JSON.stringify(entry).includes(SECRET));
  });

  it('says why a row cannot be an entry', () => {
    const gone = logEntryText(9, undefined, NO_REDACTION, new Map());
    assert.deepEqual(gone, { ok: false, reason: 'Event #9 is no longer in the log.' });
    const incoming = { ...sent(6, undefined, 'x'), direction: 'in' as const };
    assert.match((logEntryText(6, incoming, NO_REDACTION, new Map()) as { reason: string }).reason, /^Event #6 cannot/);
    const ack: SendRequest = { kind: 'sio-ack', namespace: '/', id: 1, args: '[]' };
    const acked = logEntryText(7, sent(7, ack), NO_REDACTION, new Map());
    assert.match((acked as { reason: string }).reason, /cannot be written as an entry: An ack answers/);
  });
});
