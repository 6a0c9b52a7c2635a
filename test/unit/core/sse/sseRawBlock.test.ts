/**
 * The raw block each row keeps (issue 11, "the raw chunks as they arrived available in details"): the text of
 * the block as received — CR, LF and CRLF line ends and the dispatching blank line kept — with the offsets where
 * one network read ended and the next began, whatever the chunking, and bounded: 4096 characters, 64 read ends.
 */
import assert from 'node:assert/strict';
import { MAX_RAW_CHARS, MAX_READ_ENDS, type ArrivalFacts } from '../../../../src/core/sse/sseArrival';
import { SseStreamReader, type SseStreamSink } from '../../../../src/core/sse/sseStreamReader';

interface Row {
  kind: 'event' | 'id' | 'comment' | 'retry' | 'ignored';
  arrival: ArrivalFacts;
}

/** What the reader reports for `reads` fed in order, each row with how it arrived. */
function rows(reads: Array<string | Uint8Array>, maxLineBytes = 64 * 1024): Row[] {
  const seen: Row[] = [];
  const sink: SseStreamSink = {
    event: (_message, arrival) => seen.push({ kind: 'event', arrival }),
    idOnly: (_id, arrival) => seen.push({ kind: 'id', arrival }),
    comment: (_text, arrival) => seen.push({ kind: 'comment', arrival }),
    retry: (_ms, arrival) => seen.push({ kind: 'retry', arrival }),
    ignored: (_error, arrival) => seen.push({ kind: 'ignored', arrival }),
    overflow: () => assert.fail('no cap is crossed here'),
  };
  const reader = new SseStreamReader(maxLineBytes, sink);
  for (const read of reads) reader.feed(typeof read === 'string' ? Buffer.from(read, 'utf8') : read);
  return seen;
}

/** The raw text and read ends of the rows of `kind`. */
function raws(reads: Array<string | Uint8Array>, kind: Row['kind'] = 'event'): Array<[string?, number[]?]> {
  return rows(reads)
    .filter((row) => row.kind === kind)
    .map(({ arrival }) => (arrival.chunkEnds ? [arrival.raw, arrival.chunkEnds] : [arrival.raw]));
}

describe('SSE raw blocks', () => {
  it('keeps each block with its own line ends, LF, CRLF or CR, and the blank line that dispatched it', () => {
    assert.deepEqual(raws(['id: 1\nevent: tick\ndata: {"n":1}\n\n']), [['id: 1\nevent: tick\ndata: {"n":1}\n\n']]);
    assert.deepEqual(raws(['data: a\r\ndata: b\r\n\r\ndata: c\r\n\r\n']), [
      ['data: a\r\ndata: b\r\n\r\n'],
      ['data: c\r\n\r\n'],
    ]);
    assert.deepEqual(raws(['data: a\rdata: b\r\rdata: c\r\r']), [['data: a\rdata: b\r\r'], ['data: c\r\r']]);
    assert.deepEqual(raws(['data: a\r\ndata: b\rdata: c\n\r\n']), [['data: a\r\ndata: b\rdata: c\n\r\n']]);
  });

  it('marks where each read ended, at any place: in a field name, a value, a character, between CR and LF', () => {
    assert.deepEqual(raws(['da', 'ta: {"n"', ':1}\n', '\n']), [['data: {"n":1}\n\n', [2, 10, 14]]]);
    // `é` is two bytes: a read ending between them puts the mark before the character, which the next completes.
    assert.deepEqual(raws([Buffer.from('data: \xc3', 'latin1'), Buffer.from('\xa9\n\n', 'latin1')]), [
      ['data: é\n\n', [6]],
    ]);
    assert.deepEqual(raws(['data: a\r', '\ndata: b\r\n\r', '\n', 'data: c\r\n\r\n']), [
      ['data: a\r\ndata: b\r\n\r', [8]],
      ['data: c\r\n\r\n'],
    ]);
  });

  it('keeps the same text for every split of a stream into two reads', () => {
    // Bar one: a read ending between the CR and LF of the blank line. The block is dispatched at its CR (the
    // parser cannot wait for the next read), so its text ends there; the LF starts no block of its own.
    const stream = Buffer.from('\uFEFFid: 1\r\nevent: e\r\ndata: 😀\r\n\r\n: note\r\rdata: x\rdata: y\n\n', 'utf8');
    const whole = raws([stream]).map(([raw]) => raw);
    assert.deepEqual(whole, ['\uFEFFid: 1\r\nevent: e\r\ndata: 😀\r\n\r\n', 'data: x\rdata: y\n\n']);
    const blankLf = Buffer.byteLength(whole[0] ?? '') - 1;
    for (let at = 1; at < stream.length; at++) {
      const split = raws([stream.subarray(0, at), stream.subarray(at)]);
      const expected: Array<string | undefined> = at === blankLf ? [whole[0]?.slice(0, -1), whole[1]] : whole;
      assert.deepEqual(
        split.map(([raw]) => raw),
        expected,
        `split at byte ${at}`,
      );
      const ends = split.flatMap(([, end]) => end ?? []);
      assert.ok(ends.length <= 1, `one read end at most (split at byte ${at}): ${JSON.stringify(ends)}`);
    }
  });

  it('gives a comment, a retry and an ignored line their own line; a comment block stays out of the next event', () => {
    const seen = rows([': keep-alive\r\n\r\n', 'retry: 1500\n', 'retry: soon\n', 'Data: x\r', '\ndata: y\n\n']);
    assert.deepEqual(
      seen.map((row) => [row.kind, row.arrival.raw]),
      [
        ['comment', ': keep-alive\r\n'],
        ['retry', 'retry: 1500\n'],
        ['ignored', 'retry: soon\n'],
        ['ignored', 'Data: x\r'],
        ['event', 'retry: 1500\nretry: soon\nData: x\r\ndata: y\n\n'],
      ],
    );
    assert.deepEqual(seen.at(-1)?.arrival.chunkEnds, [12, 24, 32]);
    assert.deepEqual(raws(['id: 7\n\n'], 'id'), [['id: 7\n\n']]);
  });

  it('cuts a block over 4096 characters, says so, and keeps counting its bytes', () => {
    const data = `data: ${'x'.repeat(MAX_RAW_CHARS)}\n\n`;
    const [event] = rows([data.slice(0, 3000), data.slice(3000, 4100), data.slice(4100)]);
    assert.equal(event.arrival.raw, data.slice(0, MAX_RAW_CHARS));
    assert.equal(event.arrival.rawTruncated, true);
    assert.equal(event.arrival.bytes, data.length);
    assert.equal(event.arrival.chunks, 3);
    assert.deepEqual(event.arrival.chunkEnds, [3000], 'no read end past the text kept');
    // Never half of a surrogate pair at the cut (`data:` and 2045½ emoji would fill the 4096).
    const [emoji] = rows([`data:${'😀'.repeat(MAX_RAW_CHARS)}\n\n`]);
    assert.equal(emoji.arrival.raw?.length, MAX_RAW_CHARS - 1);
    assert.ok(emoji.arrival.raw?.endsWith('😀'));
  });

  it('keeps at most 64 read ends of a block dripped byte by byte', () => {
    const block = `data: ${'z'.repeat(200)}\n\n`;
    const [event] = rows([...Buffer.from(block)].map((byte) => Uint8Array.of(byte)));
    assert.equal(event.arrival.raw, block);
    assert.equal(event.arrival.chunks, block.length);
    assert.deepEqual(
      event.arrival.chunkEnds,
      Array.from({ length: MAX_READ_ENDS }, (_, i) => i + 1),
    );
  });
});
