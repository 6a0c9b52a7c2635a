import * as assert from 'node:assert/strict';
import type { PayloadViewDto } from '../../../src/shared/dto';
import { defaultPayloadTab, offersEditor, truncationNote } from '../../../src/webview/payloadTabs';

const payload = (over: Partial<PayloadViewDto>): PayloadViewDto => ({
  binary: false,
  byteLength: 10,
  shownBytes: 10,
  truncated: false,
  hex: '00',
  ...over,
});

describe('webview payload tabs', () => {
  it('offers "Open in editor" only for payloads bigger than the preview', () => {
    assert.equal(offersEditor(payload({})), false);
    assert.equal(offersEditor(payload({ byteLength: 70_000, shownBytes: 65_536, truncated: true })), true);
  });

  it('opens on the JSON tree, else text, else hex', () => {
    assert.equal(defaultPayloadTab(payload({ text: '{}', json: '{}' })), 'tree');
    assert.equal(defaultPayloadTab(payload({ text: 'hi' })), 'text');
    assert.equal(defaultPayloadTab(payload({ binary: true })), 'hex');
  });

  it('notes truncation with sizes and hash', () => {
    assert.equal(truncationNote(payload({})), undefined);
    const note = truncationNote(
      payload({
        truncated: true,
        byteLength: 5_000_000,
        shownBytes: 1_048_576,
        sha256: 'ab12',
      }),
    );
    assert.equal(note, 'Showing the first 1.0 MiB of 4.8 MiB (5,000,000 bytes). SHA-256 of the full payload: ab12.');
    assert.equal(truncationNote(payload({ truncated: true })), 'Truncated; the full payload is 10 B (10 bytes).');
  });
});
