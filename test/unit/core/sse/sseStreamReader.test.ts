/**
 * The stream reader on its own (no network): bytes in any chunking → the same events, comments, retries and ids
 * as the whole stream gives (WHATWG "interpreting an event stream", parsed by eventsource-parser), each block
 * measured to the byte and counted in reads, and the line / event caps that stop it.
 */
import assert from 'node:assert/strict';
import type { EventSourceMessage, ParseError } from 'eventsource-parser';
import { SseStreamReader, type ArrivalFacts, type SseStreamSink } from '../../../../src/core/sse/sseStreamReader';

type Seen =
  | { kind: 'event'; message: EventSourceMessage; block: ArrivalFacts }
  | { kind: 'id'; id: string; block: ArrivalFacts }
  | { kind: 'comment'; text: string; line: ArrivalFacts }
  | { kind: 'retry'; ms: number }
  | { kind: 'ignored'; type: string; line?: string }
  | { kind: 'overflow'; which: 'line' | 'event'; sample: string; lineBytes: number };

function recorder(maxLineBytes = 1024): { reader: SseStreamReader; seen: Seen[] } {
  const seen: Seen[] = [];
  const sink: SseStreamSink = {
    event: (message, block) => seen.push({ kind: 'event', message: { ...message }, block }),
    idOnly: (id, block) => seen.push({ kind: 'id', id, block }),
    comment: (text, line) => seen.push({ kind: 'comment', text, line }),
    retry: (ms) => seen.push({ kind: 'retry', ms }),
    ignored: (error: ParseError) => seen.push({ kind: 'ignored', type: error.type, line: error.line }),
    overflow: (which, sample, lineBytes) =>
      seen.push({ kind: 'overflow', which, sample: Buffer.from(sample).toString('latin1'), lineBytes }),
  };
  return { reader: new SseStreamReader(maxLineBytes, sink), seen };
}

/** What the reader reports for `chunks` fed in order, without the arrival facts (they depend on chunking). */
function parse(chunks: Array<string | Uint8Array>, maxLineBytes = 1024): unknown[] {
  const { reader, seen } = recorder(maxLineBytes);
  for (const chunk of chunks) reader.feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return seen.map((s) => {
    if (s.kind === 'event') return { event: s.message.data, id: s.message.id, type: s.message.event };
    if (s.kind === 'id') return { id: s.id };
    if (s.kind === 'comment') return { comment: s.text };
    if (s.kind === 'overflow') return { overflow: s.which };
    return s;
  });
}

const ev = (data: string, id?: string, type?: string): unknown => ({ event: data, id, type });

describe('SSE stream reader', () => {
  it('dispatches on a blank line after LF, CRLF and CR line ends, alone or mixed', () => {
    assert.deepEqual(parse(['data: lf\n\n']), [ev('lf')]);
    assert.deepEqual(parse(['data: crlf\r\n\r\n']), [ev('crlf')]);
    assert.deepEqual(parse(['data: cr\r\r']), [ev('cr')]);
    assert.deepEqual(parse(['data: a\r\ndata: b\rdata: c\n\r\n']), [ev('a\nb\nc')]);
  });

  it('gives the same result for every split of the stream into two reads, and byte by byte', () => {
    const stream = Buffer.from(
      '\uFEFFid: 1\r\nevent: greet\r\ndata: héllo 😀\r\ndata:\r\n\r\n: note\rretry: 2500\r\rdata: x\ndata: y\n\n',
      'utf8',
    );
    const whole = parse([stream]);
    assert.deepEqual(whole, [
      ev('héllo 😀\n', '1', 'greet'),
      { comment: 'note' },
      { kind: 'retry', ms: 2500 },
      ev('x\ny'),
    ]);
    for (let at = 1; at < stream.length; at++) {
      assert.deepEqual(parse([stream.subarray(0, at), stream.subarray(at)]), whole, `split at byte ${at}`);
    }
    assert.deepEqual(parse([...stream].map((b) => Uint8Array.of(b))), whole, 'byte by byte');
  });

  it('treats a CRLF split across reads as one line end, not a blank line', () => {
    assert.deepEqual(parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']), [ev('a\nb')]);
  });

  it('strips one leading BOM only; a second one makes the first line an unknown field', () => {
    assert.deepEqual(parse(['\uFEFFdata: once\n\n']), [ev('once')]);
    assert.deepEqual(parse([Uint8Array.of(0xef), Uint8Array.of(0xbb, 0xbf), 'data: split BOM\n\n']), [ev('split BOM')]);
    const twice = parse(['\uFEFF\uFEFFdata: twice\n\n']);
    assert.deepEqual(twice, [{ kind: 'ignored', type: 'unknown-field', line: '\uFEFFdata: twice' }]);
  });

  it('follows the spec on empty data lines, blocks without data, field spacing and unfinished events', () => {
    assert.deepEqual(parse(['data\n\n']), [ev('')], 'a `data` line with no value is an empty event');
    assert.deepEqual(parse(['data:\ndata:\n\n']), [ev('\n')]);
    assert.deepEqual(parse(['\n\n\n']), [], 'blank lines alone dispatch nothing');
    assert.deepEqual(parse(['event: lonely\n\n']), [], 'no data, no event');
    assert.deepEqual(parse(['data:no space\n\n', 'data:  two spaces\n\n']), [ev('no space'), ev(' two spaces')]);
    assert.deepEqual(parse(['data: done\n\ndata: never ends']), [ev('done')], 'an unfinished block waits');
  });

  it('ignores an id with NUL, reports an id-only block, and an empty id resets it', () => {
    assert.deepEqual(parse(['id: a\0b\ndata: x\n\n']), [ev('x')], 'the NUL id is ignored');
    assert.deepEqual(parse(['id: 7\n\n', 'data: y\n\n']), [{ id: '7' }, ev('y')]);
    assert.deepEqual(parse(['id\n\n']), [{ id: '' }]);
  });

  it('reports comments, retries, and the lines the spec ignores', () => {
    assert.deepEqual(parse([':\n', ': keep-alive\n', ':no space\n']), [
      { comment: '' },
      { comment: 'keep-alive' },
      { comment: 'no space' },
    ]);
    assert.deepEqual(parse(['retry: 0\n', 'retry: 1500\n', 'retry: soon\n', 'Data: wrong case\n']), [
      { kind: 'retry', ms: 0 },
      { kind: 'retry', ms: 1500 },
      { kind: 'ignored', type: 'invalid-retry', line: 'retry: soon' },
      { kind: 'ignored', type: 'unknown-field', line: 'Data: wrong case' },
    ]);
  });

  it('measures each block to the byte and counts the reads it came in', () => {
    const { reader, seen } = recorder();
    reader.feed(Buffer.from('id: 1\ndata: '));
    reader.feed(Buffer.from('hello\n'));
    reader.feed(Buffer.from('\ndata: b\n\n: c\n'));
    const [first, second, comment] = seen;
    assert.equal(first.kind, 'event');
    const raw = 'id: 1\ndata: hello\n\n';
    assert.deepEqual(first.kind === 'event' && first.block, { bytes: 19, chunks: 3, raw, chunkEnds: [12, 18] });
    assert.deepEqual(second.kind === 'event' && second.block, { bytes: 9, chunks: 1, raw: 'data: b\n\n' });
    assert.deepEqual(comment.kind === 'comment' && comment.line, { bytes: 4, chunks: 1, raw: ': c\n' });
  });

  it('stops at a line longer than the cap, even one the parser would drop unread, and holds no more', () => {
    const data = recorder(300);
    data.reader.feed(Buffer.from(`data: ${'x'.repeat(200)}`));
    data.reader.feed(Buffer.from('x'.repeat(200)));
    data.reader.feed(Buffer.from('\n\n'));
    assert.deepEqual(
      data.seen.map((s) => s.kind === 'overflow' && [s.which, s.lineBytes, s.sample.length]),
      [['line', 406, 200]],
    );
    assert.ok(data.reader.isStopped);
    const garbage = recorder(300);
    for (let i = 0; i < 20; i++) garbage.reader.feed(Buffer.from('no-colon-garbage'));
    assert.deepEqual(
      garbage.seen.map((s) => s.kind),
      ['overflow'],
      'a dripped line that is no field is capped too',
    );
  });

  it('stops at an event whose data outgrows the cap, and starts afresh after reset', () => {
    const { reader, seen } = recorder(300);
    for (let i = 0; i < 10; i++) reader.feed(Buffer.from(`data: ${'y'.repeat(40)}\n`));
    assert.deepEqual(
      seen.map((s) => s.kind === 'overflow' && s.which),
      ['event'],
    );
    reader.feed(Buffer.from('\n'));
    assert.equal(seen.length, 1, 'nothing after the stop');
    reader.reset();
    reader.feed(Buffer.from('data: again\n\n'));
    assert.deepEqual(
      seen.map((s) => s.kind),
      ['overflow', 'event'],
    );
  });

  it('decodes invalid UTF-8 with replacement characters instead of failing', () => {
    assert.deepEqual(parse([Buffer.from([0x64, 0x61, 0x74, 0x61, 0x3a, 0x20, 0xff, 0xc3, 0x0a, 0x0a])]), [
      ev('\uFFFD\uFFFD'),
    ]);
  });
});
