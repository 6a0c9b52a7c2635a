/**
 * The spec's edge cases (WHATWG "Server-sent events", interpreting an event stream) through the whole engine:
 * a real server writes each stream in the chunks given, each its own write 15 ms apart (so each arrives as its
 * own read), and the session's rows must be what the spec makes of the bytes.
 */
import assert from 'node:assert/strict';
import type { SseSession } from '../../../../src/core/sse/sseSession';
import { eventData, ofType, only, payloadText, useSse, waitForState } from './sseFixture';

interface EdgeCase {
  name: string;
  chunks: Array<string | Uint8Array>;
  events: string[];
  /** The `id` of each event row (absent: none). */
  ids?: Array<string | undefined>;
}

const utf8 = Buffer.from('data: é😀\n\n', 'utf8');

const CASES: EdgeCase[] = [
  { name: 'LF line ends', chunks: ['data: a\n\ndata: b\n\n'], events: ['a', 'b'] },
  { name: 'CRLF line ends', chunks: ['data: a\r\n\r\ndata: b\r\n\r\n'], events: ['a', 'b'] },
  { name: 'CR line ends', chunks: ['data: a\r\rdata: b\r\r'], events: ['a', 'b'] },
  { name: 'one leading BOM, in a read of its own', chunks: ['\uFEFF', 'data: after BOM\n\n'], events: ['after BOM'] },
  { name: 'a BOM later in the stream is data', chunks: ['data: a\n\n', 'data: \uFEFFb\n\n'], events: ['a', '\uFEFFb'] },
  { name: 'an event split inside its field name', chunks: ['da', 'ta: hel', 'lo\n', '\n'], events: ['hello'] },
  {
    name: 'a CRLF split across reads is one line end',
    chunks: ['data: a\r', '\ndata: b\r', '\n\r', '\n'],
    events: ['a\nb'],
  },
  { name: 'a UTF-8 character split across reads', chunks: [utf8.subarray(0, 8), utf8.subarray(8)], events: ['é😀'] },
  { name: 'empty data lines', chunks: ['data\n\n', 'data:\ndata:\n\n', 'data:\n\n'], events: ['', '\n', ''] },
  {
    name: 'multi-line data joined with LF',
    chunks: ['data: one\ndata: two\ndata: three\n\n'],
    events: ['one\ntwo\nthree'],
  },
  {
    name: 'an id with NUL is ignored',
    chunks: ['id: ok\ndata: a\n\n', 'id: b\0d\ndata: b\n\n'],
    events: ['a', 'b'],
    ids: ['ok', undefined],
  },
  {
    name: 'the unfinished last event is dropped at EOF',
    chunks: ['data: kept\n\n', 'data: dropped'],
    events: ['kept'],
  },
];

describe('SSE spec edge cases through the engine', function () {
  this.timeout(10_000);
  const fx = useSse();

  /** Runs `chunks` through a session that does not reconnect; resolves once the stream ended. */
  async function run(chunks: Array<string | Uint8Array>): Promise<SseSession> {
    const server = await fx.server();
    server.route('/edge', async (x) => {
      x.open();
      await x.write(chunks);
      x.end();
    });
    const session = fx.session({ url: `${server.url}/edge`, reconnect: false });
    await session.start();
    await waitForState(session, 'closed');
    return session;
  }

  for (const edge of CASES) {
    it(edge.name, async () => {
      const session = await run(edge.chunks);
      assert.deepEqual(eventData(session), edge.events);
      if (edge.ids)
        assert.deepEqual(
          ofType(session, 'sse-event').map((e) => e.meta?.sse?.id),
          edge.ids,
        );
      assert.deepEqual(ofType(session, 'error'), [], 'no error');
    });
  }

  it('keeps how a split event arrived: its reads and its bytes', async () => {
    const session = await run(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    const event = only(session, 'sse-event');
    // The CR that ends the read dispatches the event; the LF of its CRLF comes a read later (and counts there).
    assert.equal(event.meta?.sse?.bytes, 'data: a\r\ndata: b\r\n\r'.length);
    assert.ok((event.meta?.sse?.chunks ?? 0) >= 2, `came in ${event.meta?.sse?.chunks} reads`);
  });

  it('logs comments and retry lines as rows of their own, and warns about lines the spec ignores', async () => {
    const session = await run([': hello\n', 'retry: 1500\n', 'retry: later\n', 'Event: wrong case\n', 'data: x\n\n']);
    assert.equal(payloadText(only(session, 'sse-comment')), 'hello');
    assert.equal(only(session, 'sse-comment').meta?.sse?.comment, 'hello');
    assert.equal(only(session, 'sse-retry').meta?.sse?.retryMs, 1500);
    const ignored = ofType(session, 'sse-ignored');
    assert.deepEqual(ignored.map(payloadText), ['retry: later', 'Event: wrong case']);
    assert.match(ignored[0].meta?.warning ?? '', /Invalid `retry` value.*ignored/);
    assert.match(ignored[1].meta?.warning ?? '', /Unknown field "Event".*ignored/);
    assert.deepEqual(eventData(session), ['x']);
  });
});
