/**
 * Rows of Server-Sent Events and generic polling sessions (issue 11): `[tick] id 42 · {"n":42}`,
 * `200 · held 1.2 s · 3 messages · cursor 4→7`, `reconnect #2 in 1.5 s · why`, their details (facts, headline,
 * the data as a JSON tree), bounded whatever the server sent; Engine.IO's polling rows keep their preview.
 */
import assert from 'node:assert/strict';
import type { EventMeta, LogEvent, NewLogEvent } from '../../../../src/core/events/logEvent';
import { binaryPayload, textPayload } from '../../../../src/core/payload/storedPayload';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { PREVIEW_FROM_META } from '../../../../src/core/view/eventPreview';
import { PREVIEW_MAX_CHARS, previewOf, projectDetails } from '../../../../src/core/view/eventProjection';
import { formatWait, itemCount } from '../../../../src/core/view/streamPreview';

let nextSeq = 1;
function event(fields: Partial<NewLogEvent> & Pick<NewLogEvent, 'type' | 'layer'>): LogEvent {
  return { time: Date.UTC(2026, 0, 1), mono: 1000, direction: 'in', size: 0, seq: nextSeq++, ...fields };
}

function sseEvent(data: string, sse: NonNullable<EventMeta['sse']>): LogEvent {
  const payload = textPayload(data, 1024 * 1024);
  return event({ layer: 'sse', type: 'sse-event', payload, size: payload.byteLength, meta: { sse } });
}

function pollResponse(body: string, meta: EventMeta, status = 200): LogEvent {
  const payload = body === '' ? undefined : textPayload(body, 1024 * 1024);
  const response = { status, statusText: status === 200 ? 'OK' : 'Service Unavailable', headers: [] };
  return event({ layer: 'poll', type: 'poll-response', payload, size: body.length, meta: { response, ...meta } });
}

describe('SSE rows', () => {
  it('an event shows its type, its id and the start of its data', () => {
    const e = sseEvent('{"n":42}', { id: '42', event: 'tick', chunks: 1, bytes: 40 });
    assert.equal(previewOf(e), '[tick] id 42 · {"n":42}');
    assert.equal(previewOf(sseEvent('hello', {})), '[message] · hello', 'no event field: the default type');
    assert.equal(previewOf(sseEvent('', { event: 'ping' })), '[ping] · (empty data)');
  });

  it('stays one bounded line whatever the server sent', () => {
    const long = sseEvent('x'.repeat(10_000), { id: 'i'.repeat(256), event: 'e'.repeat(256) });
    const preview = previewOf(long);
    assert.ok(preview.length <= PREVIEW_MAX_CHARS, String(preview.length));
    assert.ok(preview.endsWith('…'));
    assert.match(preview, /^\[e{39}…\] id i{39}… · x+…$/);
    // A cut name never ends in half of a surrogate pair.
    const emoji = previewOf(sseEvent('d', { event: `${'a'.repeat(38)}😀😀` }));
    assert.ok(!/[\ud800-\udbff]…/.test(emoji), emoji);
  });

  it('the details give the type, id and arrival, and the data as a JSON tree when it parses', () => {
    const e = sseEvent('{"n":42,"list":[1,2]}', { id: '42', event: 'tick', chunks: 2, bytes: 60 });
    const details = projectDetails(e, 0, NO_REDACTION);
    assert.equal(details.summary, 'Event "tick", id "42", 21 B of data');
    const facts = Object.fromEntries(details.facts);
    assert.equal(facts['Event type'], 'tick');
    assert.equal(facts['Event id'], '42');
    assert.equal(facts['Arrived in'], '2 network reads');
    assert.equal(facts['Block bytes'], '60 B');
    assert.equal(details.payload?.json, JSON.stringify({ n: 42, list: [1, 2] }, null, 2));
    assert.equal(projectDetails(sseEvent('plain text', {}), 0, NO_REDACTION).payload?.json, undefined);
  });

  it('retry, id-only and reconnecting rows say what they mean', () => {
    const retry = event({
      layer: 'sse',
      type: 'sse-retry',
      meta: { sse: { retryMs: 2000 }, note: 'Reconnects wait.' },
    });
    assert.equal(previewOf(retry), 'retry 2000 ms · Reconnects wait.');
    const id = event({ layer: 'sse', type: 'sse-id', meta: { sse: { id: '7' }, note: 'An id and no data.' } });
    assert.equal(previewOf(id), 'id 7 · An id and no data.');
    const note = 'The server ended the stream. Reconnecting (attempt 2) in 1523 ms (retry 1000 ms, with jitter).';
    const reconnect = event({
      layer: 'sse',
      type: 'reconnecting',
      direction: 'local',
      meta: { sse: { attempt: 2, delayMs: 1523, retryMs: 1000 }, note },
    });
    assert.equal(previewOf(reconnect), 'reconnect #2 in 1.5 s · The server ended the stream.');
    const facts = Object.fromEntries(projectDetails(reconnect, 0, NO_REDACTION).facts);
    assert.equal(facts['Attempt'], '2');
    assert.equal(facts['Reconnect in'], '1.5 s');
    assert.equal(facts['Note'], note, 'the whole note stays in the details');
  });

  it('comments show their text', () => {
    const payload = textPayload('keep-alive', 1024);
    const comment = event({ layer: 'sse', type: 'sse-comment', payload, meta: { sse: { comment: 'keep-alive' } } });
    assert.equal(previewOf(comment), 'keep-alive');
  });
});

describe('Polling rows', () => {
  it('an answer shows status, hold time, how many items it carried and the cursor', () => {
    const body = JSON.stringify({ messages: [{ id: 5 }, { id: 6 }, { id: 7 }], cursor: 7 });
    const e = pollResponse(body, { poll: { holdMs: 1234, cursor: { before: '4', after: '7' } } });
    assert.equal(previewOf(e), '200 · held 1.2 s · 3 messages · cursor 4→7');
    const one = pollResponse('{"messages":[{"id":8}],"cursor":8}', { poll: { holdMs: 12, cursor: { before: '7' } } });
    assert.equal(previewOf(one), '200 · held 12 ms · 1 message · cursor 7');
    assert.equal(previewOf(pollResponse('[1,2]', { poll: { holdMs: 5 } })), '200 · held 5 ms · 2 items');
  });

  it('an empty answer says so; a failed one its status; a retry its number', () => {
    assert.equal(
      previewOf(pollResponse('', { poll: { holdMs: 25_000, empty: true } }, 204)),
      '204 · held 25 s · empty',
    );
    const failed = pollResponse('{"error":"busy"}', { poll: { holdMs: 3, attempt: 1 } }, 503);
    assert.equal(previewOf(failed), '503 Service Unavailable · held 3 ms · 16 B · retry 1');
    const retry = event({
      layer: 'poll',
      type: 'poll-retry',
      direction: 'local',
      meta: { poll: { attempt: 2, retryInMs: 2100 }, warning: '503: retry 2 of 5' },
    });
    assert.equal(previewOf(retry), 'retry 2 in 2.1 s');
  });

  it('a request shows its line and, for a POST, the start of its body', () => {
    const get = event({ layer: 'poll', type: 'poll-request', direction: 'out', meta: { note: 'GET /chat?cursor=4' } });
    assert.equal(previewOf(get), 'GET /chat?cursor=4');
    const payload = textPayload('{"cursor":4}', 1024);
    const post = event({
      layer: 'poll',
      type: 'poll-request',
      direction: 'out',
      payload,
      meta: { note: 'POST /chat' },
    });
    assert.equal(previewOf(post), 'POST /chat · {"cursor":4}');
  });

  it('the details list hold, gap, cursor, bytes and timing', () => {
    const poll = { holdMs: 1234, gapMs: 2, empty: false, cursor: { before: '4', after: '7' }, requestBytes: 90 };
    const e = pollResponse('[]', { poll: { ...poll, responseBytes: 200, firstByteMs: 1200, reusedConnection: true } });
    const facts = Object.fromEntries(projectDetails(e, 0, NO_REDACTION).facts);
    assert.equal(facts['Cursor sent'], '4');
    assert.equal(facts['Cursor after'], '7');
    assert.equal(facts['Gap'], '2 ms since the previous answer');
    assert.equal(facts['Response bytes'], '200 B (approx.)');
    assert.equal(facts['Connection'], 'reused (keep-alive)');
  });

  it('counts items only in JSON it can afford to parse', () => {
    assert.equal(itemCount(textPayload('{"a":1}', 1024)), undefined, 'no array in it');
    assert.equal(itemCount(textPayload('not json', 1024)), undefined);
    assert.equal(itemCount(textPayload('[1,', 1024)), undefined);
    assert.equal(itemCount(binaryPayload(Uint8Array.of(0x5b, 0x5d), 1024)), undefined);
    assert.equal(itemCount(textPayload(`[${'1,'.repeat(40_000)}1]`, 1024 * 1024)), undefined, 'past 64 KiB');
    assert.equal(itemCount(textPayload('{"news":[]}', 1024)), '0 news');
  });

  it('Engine.IO polling rows keep the start of their payload', () => {
    const payload = textPayload('0{"sid":"abc"}', 1024);
    const eio = event({ layer: 'http', type: 'poll-response', payload, meta: { response: { status: 200 } } });
    assert.equal(previewOf(eio), '0{"sid":"abc"}');
  });
});

describe('Stream previews and the query engine', () => {
  it('PREVIEW_FROM_META names every SSE and polling type whose preview is not its payload start', () => {
    for (const type of ['sse-event', 'sse-retry', 'sse-id', 'reconnecting', 'poll-request', 'poll-response']) {
      assert.ok(PREVIEW_FROM_META.has(type), type);
    }
    assert.ok(!PREVIEW_FROM_META.has('sse-comment'), 'a comment previews its text');
  });

  it('formats waits the way a person reads them', () => {
    assert.equal(formatWait(850), '850 ms');
    assert.equal(formatWait(1500), '1.5 s');
    assert.equal(formatWait(2000), '2 s');
    assert.equal(formatWait(65_000), '1 min 5 s');
    assert.equal(formatWait(120_000), '2 min');
    assert.equal(formatWait(Number.NaN), '?');
  });
});
