/** Copy as text, JSON or hex (issue #9): the content as received, never the display with its escapes. */
import assert from 'node:assert/strict';
import { COPY_FORMATS, copyContent } from '../../../src/webview/payloadCopy';

describe('webview payload copy formats', () => {
  const sources = { text: '{"a":"\u200b"}', json: '{\n  "a": "\u200b"\n}', hex: '00000000  7b |{|' };

  it('copies each format as received, invisible characters and all', () => {
    assert.deepEqual(COPY_FORMATS, ['text', 'json', 'hex']);
    assert.equal(copyContent(sources, 'text'), sources.text);
    assert.equal(copyContent(sources, 'json'), sources.json);
    assert.equal(copyContent(sources, 'hex'), sources.hex);
  });

  it('has nothing to copy for a view the payload lacks', () => {
    assert.equal(copyContent({ hex: '00' }, 'json'), undefined);
    assert.equal(copyContent({ hex: '00' }, 'text'), undefined);
  });
});
