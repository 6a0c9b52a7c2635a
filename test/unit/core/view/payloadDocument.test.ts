/** "Open in editor" (issue #9): the whole stored payload as a document, masked as in the details pane. */
import assert from 'node:assert/strict';
import { binaryPayload, textPayload } from '../../../../src/core/payload/storedPayload';
import { createRedactor, NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { payloadDocument, payloadDocumentExtension } from '../../../../src/core/view/payloadDocument';
import { hexDump } from '../../../../src/core/view/payloadView';

const MAX = 16 << 20;

describe('payload document', () => {
  it('pretty-prints JSON, whole, past the 64 KiB preview', () => {
    const value = { list: Array.from({ length: 20_000 }, (_, i) => i) };
    const payload = textPayload(JSON.stringify(value), MAX);
    const doc = payloadDocument(payload, NO_REDACTION);
    assert.equal(doc.extension, 'json');
    assert.equal(doc.text, JSON.stringify(value, null, 2));
    assert.equal(payloadDocumentExtension(payload), 'json');
  });

  it('gives text as it is, and bytes as a hex dump', () => {
    const text = `start ${'x'.repeat(70_000)}`;
    assert.deepEqual(payloadDocument(textPayload(text, MAX), NO_REDACTION), { text, extension: 'txt' });
    assert.equal(payloadDocumentExtension(textPayload('{broken', MAX)), 'txt');
    const bytes = Uint8Array.of(0, 1, 2, 0xff);
    const doc = payloadDocument(binaryPayload(bytes, MAX), NO_REDACTION);
    assert.deepEqual(doc, { text: hexDump(bytes), extension: 'hex' });
  });

  it('masks credentials with the session redactor', () => {
    const secret = 'DocSecret-5678';
    const redactor = createRedactor({ url: `ws://h/?token=${secret}` });
    const json = payloadDocument(textPayload(JSON.stringify({ token: secret }), MAX), redactor);
    assert.ok(!json.text.includes(secret), json.text);
    assert.equal(json.extension, 'json');
    const hex = payloadDocument(binaryPayload(Buffer.from(`a${secret}b`), MAX), redactor);
    assert.ok(!hex.text.includes(Buffer.from(secret).toString('hex').slice(0, 8)));
  });
});
