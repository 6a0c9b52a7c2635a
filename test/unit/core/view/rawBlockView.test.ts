/**
 * The Raw section of Server-Sent Events rows (issue 11): the block as received cut into text, line ends told
 * apart (CRLF, LF, CR) and read ends; credentials masked like the payload, read ends moved to the masked text; a cut
 * block says so and never shows the start of a credential the cut went through.
 */
import assert from 'node:assert/strict';
import type { LogEvent, SseMeta } from '../../../../src/core/events/logEvent';
import { textPayload } from '../../../../src/core/payload/storedPayload';
import { createRedactor, NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { projectDetails } from '../../../../src/core/view/eventProjection';
import { rawParts } from '../../../../src/core/view/rawBlockView';
import type { RawPartDto } from '../../../../src/core/view/viewModel';

const TOKEN = 'sk-live-0123456789abcdef';
const redactor = createRedactor({ url: 'https://api.example/stream', headers: [['Authorization', `Bearer ${TOKEN}`]] });

function sseRow(type: string, data: string, sse: SseMeta): LogEvent {
  const payload = textPayload(data, 1024 * 1024);
  const time = Date.UTC(2026, 0, 1);
  return {
    seq: 3,
    time,
    mono: 10,
    direction: 'in',
    layer: 'sse',
    type,
    size: payload.byteLength,
    payload,
    meta: { sse },
  };
}

const SYMBOLS = { CRLF: '␍␊', LF: '␊', CR: '␍' };

/** The parts as one line: line ends as `␍␊` / `␊` / `␍`, `⏎` where the line breaks, `|` for a read end. */
function drawn(parts: RawPartDto[] | undefined): string {
  return (parts ?? [])
    .map((p) => (p.kind === 'text' ? p.text : p.kind === 'readEnd' ? '|' : `${SYMBOLS[p.ends]}${p.breaks ? '⏎' : ''}`))
    .join('');
}

describe('SSE raw section', () => {
  it('tells LF, CRLF and CR line ends apart, each followed by a line break', () => {
    assert.equal(drawn(rawParts('id: 1\nevent: tick\ndata: {"n":1}\n\n', [])), 'id: 1␊⏎event: tick␊⏎data: {"n":1}␊⏎␊⏎');
    assert.equal(drawn(rawParts('data: a\r\n\r\n', [])), 'data: a␍␊⏎␍␊⏎');
    assert.equal(drawn(rawParts('data: a\r\r', [])), 'data: a␍⏎␍⏎');
    assert.equal(drawn(rawParts('data: a\n\r\n\r', [])), 'data: a␊⏎␍␊⏎␍⏎', 'mixed');
  });

  it('marks each read end, in a word, before a line end, and between the CR and LF of a CRLF', () => {
    assert.equal(drawn(rawParts('data: a\r\n\r\n', [2, 7, 8])), 'da|ta: a|␍|␊⏎␍␊⏎');
    assert.equal(drawn(rawParts('data: a\n\n', [0, 9])), '|data: a␊⏎␊⏎|');
    const split = rawParts('x\r\n', [2]);
    assert.deepEqual(split, [
      { kind: 'text', text: 'x' },
      { kind: 'lineEnd', ends: 'CR', breaks: false },
      { kind: 'readEnd' },
      { kind: 'lineEnd', ends: 'LF', breaks: true },
    ]);
  });

  it('is part of an event row’s details; other characters stay for the pane to escape', () => {
    const raw = '\uFEFFdata:\t{"n":2}\n\n';
    const details = projectDetails(
      sseRow('sse-event', '{"n":2}', { chunks: 2, bytes: 19, raw, chunkEnds: [5] }),
      0,
      NO_REDACTION,
    );
    assert.deepEqual(details.raw, {
      parts: [
        { kind: 'text', text: '\uFEFFdata' },
        { kind: 'readEnd' },
        { kind: 'text', text: ':\t{"n":2}' },
        { kind: 'lineEnd', ends: 'LF', breaks: true },
        { kind: 'lineEnd', ends: 'LF', breaks: true },
      ],
      truncated: false,
    });
    assert.equal(details.redacted, undefined);
    const comment = projectDetails(
      sseRow('sse-comment', 'hi', { comment: 'hi', chunks: 1, bytes: 5, raw: ': hi\n' }),
      0,
      NO_REDACTION,
    );
    assert.equal(drawn(comment.raw?.parts), ': hi␊⏎');
    assert.equal(Object.fromEntries(comment.facts)['Line bytes'], '5 B');
    assert.equal(projectDetails(sseRow('sse-event', 'x', {}), 0, NO_REDACTION).raw, undefined, 'no raw, no section');
  });

  it('masks a credential in a data line as the payload is masked, read ends moved to the masked text', () => {
    const raw = `id: 9\ndata: {"token":"${TOKEN}"}\n\n`;
    const inToken = raw.indexOf(TOKEN) + 6;
    const afterToken = raw.indexOf(TOKEN) + TOKEN.length;
    const event = sseRow('sse-event', `{"token":"${TOKEN}"}`, {
      chunks: 4,
      bytes: raw.length,
      raw,
      chunkEnds: [3, inToken, afterToken],
    });
    const details = projectDetails(event, 0, redactor);
    const text = drawn(details.raw?.parts);
    assert.equal(
      text,
      'id:| 9␊⏎data: {"token":"|••••cdef|"}␊⏎␊⏎',
      'the read end inside the token goes before its mask',
    );
    assert.ok(!JSON.stringify(details).includes(TOKEN.slice(0, 12)), 'the credential appears nowhere in the details');
    assert.equal(details.redacted, true, 'the pane offers Show secrets');
    const revealed = projectDetails(event, 0, NO_REDACTION);
    assert.equal(drawn(revealed.raw?.parts), `id:| 9␊⏎data: {"token":"sk-liv|e-0123456789abcdef|"}␊⏎␊⏎`);
  });

  it('says a block was cut, and leaves out the word the cut went through (it may be a credential)', () => {
    const raw = `data: {"a":"b","token":"${TOKEN.slice(0, 10)}`;
    const event = sseRow('sse-event', '…', {
      chunks: 2,
      bytes: 9000,
      raw,
      rawTruncated: true,
      chunkEnds: [4, raw.length - 2],
    });
    const details = projectDetails(event, 0, redactor);
    assert.equal(drawn(details.raw?.parts), 'data|: {"a":"b","token":"');
    assert.equal(details.raw?.truncated, true);
    assert.equal(details.raw?.note, 'Cut: the first 24 characters of 9000 bytes are shown; the rest was not kept.');
    const many = sseRow('sse-event', 'x', { chunks: 100, bytes: 300, raw: 'data: x\n\n', chunkEnds: [1, 2, 3] });
    assert.equal(projectDetails(many, 0, NO_REDACTION).raw?.note, 'The first 3 of 99 read ends are marked.');
  });
});
