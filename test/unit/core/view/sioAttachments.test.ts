/**
 * Socket.IO attachments in place of their placeholders (issue #9): the JSON view of a BINARY_EVENT shows
 * each `{"_placeholder":true,"num":N}` as the start of attachment N, bounded, and no event is changed.
 */
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { binaryPayload, textPayload } from '../../../../src/core/payload/storedPayload';
import { createRedactor, NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { projectDetails } from '../../../../src/core/view/eventProjection';
import {
  ATTACHMENT_PREVIEW_BYTES,
  attachmentView,
  jsonWithAttachments,
  replacePlaceholders,
} from '../../../../src/core/view/sioAttachments';

function event(seq: number, fields: Partial<LogEvent>): LogEvent {
  return { seq, time: 0, mono: 0, direction: 'in', layer: 'sio', type: 'BINARY_EVENT', size: 0, ...fields };
}

const DATA = '["upload",{"file":{"_placeholder":true,"num":0},"name":"a"},{"_placeholder":true,"num":1}]';
const packet = event(10, {
  payload: textPayload(DATA, 1 << 20),
  meta: { sio: { packetType: 'BINARY_EVENT', namespace: '/', attachments: 2, attachmentSeqs: [11, 12] } },
});
const big = Uint8Array.from({ length: 100 }, (_, i) => i);
const log = new Map<number, LogEvent>([
  [11, event(11, { layer: 'eio', type: 'eio-message', payload: binaryPayload(Uint8Array.of(1, 2, 3), 1 << 20) })],
  [12, event(12, { layer: 'eio', type: 'eio-message', payload: binaryPayload(big, 1 << 20) })],
]);
const get = (seq: number): LogEvent | undefined => log.get(seq);

describe('Socket.IO attachments in the JSON view', () => {
  it('shows the first bytes as base64, the length and the seq', () => {
    assert.deepEqual(attachmentView(log.get(11)!.payload!, 11), { $binary: 'AQID', bytes: 3, seq: 11 });
    const view = attachmentView(log.get(12)!.payload!, 12);
    assert.equal(view.$binary, `${Buffer.from(big.subarray(0, ATTACHMENT_PREVIEW_BYTES)).toString('base64')}…`);
    assert.equal(view.bytes, 100);
  });

  it('replaces each placeholder at any depth, without changing the value', () => {
    const data: unknown = JSON.parse(DATA);
    const before = JSON.stringify(data);
    const out = replacePlaceholders(data, ['A', 'B']);
    assert.deepEqual(out, ['upload', { file: 'A', name: 'a' }, 'B']);
    assert.equal(JSON.stringify(data), before);
    const untouched = { x: [1, { _placeholder: true, num: 5 }] };
    assert.equal(replacePlaceholders(untouched, ['A']), untouched, 'unknown num: shared, not copied');
  });

  it('keeps a key named __proto__ an ordinary key', () => {
    const data: unknown = JSON.parse('{"__proto__":{"_placeholder":true,"num":0}}');
    const out = replacePlaceholders(data, ['A']) as Record<string, unknown>;
    assert.equal(JSON.stringify(out), '{"__proto__":"A"}');
  });

  it('builds the pretty JSON from the log, and leaves a missing attachment as its placeholder', () => {
    const json = jsonWithAttachments(packet, DATA, get)!;
    const parsed = JSON.parse(json) as [string, { file: unknown }, unknown];
    assert.deepEqual(parsed[1].file, { $binary: 'AQID', bytes: 3, seq: 11 });
    assert.equal((parsed[2] as { seq: number }).seq, 12);
    const gone = JSON.parse(jsonWithAttachments(packet, DATA, (seq) => (seq === 11 ? log.get(11) : undefined))!);
    assert.deepEqual(gone[2], { _placeholder: true, num: 1 });
    assert.equal(jsonWithAttachments(event(3, {}), DATA, get), undefined, 'no attachments: nothing to do');
    assert.equal(jsonWithAttachments(packet, 'not json', get), undefined);
  });

  it('is what projectDetails shows as JSON (text unchanged), masked like the pane', () => {
    const details = projectDetails(packet, 0, NO_REDACTION, get);
    assert.match(details.payload!.json!, /"\$binary": "AQID"/);
    assert.equal(details.payload!.text, DATA);
    assert.equal(projectDetails(packet, 0, NO_REDACTION).payload!.json, JSON.stringify(JSON.parse(DATA), null, 2));
    const secret = 'SecretToken-1234';
    const withSecret = new Map(log);
    withSecret.set(11, event(11, { payload: binaryPayload(Buffer.from(secret), 1 << 20) }));
    const redactor = createRedactor({ url: `ws://h/?token=${secret}` });
    const masked = projectDetails(packet, 0, redactor, (seq) => withSecret.get(seq));
    assert.ok(!masked.payload!.json!.includes(Buffer.from(secret).toString('base64')));
    assert.equal(masked.redacted, true);
  });
});
