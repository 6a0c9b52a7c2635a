/** The optional arguments of the export and import commands: each field checked, named in the reason, never echoed. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseExportArgs, parseImportArgs } from '../../../../src/host/exchange/exchangeArgs';

const ABSOLUTE = path.resolve('/tmp/capture.har');

function reason(result: { ok: boolean; reason?: string }): string {
  assert.equal(result.ok, false, 'refused');
  return result.reason ?? '';
}

describe('parseExportArgs', () => {
  it('takes nothing, a session id, or the three fields', () => {
    assert.deepEqual(parseExportArgs(undefined), { ok: true, value: {} });
    assert.deepEqual(parseExportArgs(null), { ok: true, value: {} });
    assert.deepEqual(parseExportArgs('ws-3'), { ok: true, value: { sessionId: 'ws-3' } });
    assert.deepEqual(parseExportArgs({ sessionId: 'imported-1', target: ABSOLUTE, sanitize: false }), {
      ok: true,
      value: { sessionId: 'imported-1', target: ABSOLUTE, sanitize: false },
    });
    assert.deepEqual(parseExportArgs({ target: ABSOLUTE }), { ok: true, value: { target: ABSOLUTE } });
  });

  it('refuses a wrong field by its name, without quoting the value', () => {
    assert.match(reason(parseExportArgs({ sessionId: 7 })), /"sessionId"/);
    assert.match(reason(parseExportArgs({ sessionId: '' })), /"sessionId"/);
    assert.match(reason(parseExportArgs({ sessionId: 'x'.repeat(201) })), /"sessionId"/);
    assert.match(reason(parseExportArgs({ target: 'relative/out.har' })), /"target" must be an absolute file path/);
    assert.match(reason(parseExportArgs({ target: `${ABSOLUTE}\0.txt` })), /"target"/);
    assert.match(reason(parseExportArgs({ sanitize: 'no' })), /"sanitize" must be true or false/);
    const secret = 'SecretCanary-41';
    assert.ok(!reason(parseExportArgs({ target: secret })).includes(secret));
  });

  it('refuses unknown fields (a misspelt "sanitise" must not pass silently), arrays and other types', () => {
    assert.match(reason(parseExportArgs({ sanitise: false })), /takes only "sessionId", "target", "sanitize"/);
    assert.match(reason(parseExportArgs([ABSOLUTE])), /must be an object/);
    assert.match(reason(parseExportArgs(42)), /must be an object/);
    assert.match(reason(parseExportArgs('')), /"sessionId"/);
  });
});

describe('parseImportArgs', () => {
  it('takes nothing, an absolute path, or { file }', () => {
    assert.deepEqual(parseImportArgs(undefined), { ok: true, value: {} });
    assert.deepEqual(parseImportArgs(ABSOLUTE), { ok: true, value: { file: ABSOLUTE } });
    assert.deepEqual(parseImportArgs({ file: ABSOLUTE }), { ok: true, value: { file: ABSOLUTE } });
    assert.deepEqual(parseImportArgs({}), { ok: true, value: {} });
  });

  it('refuses a relative path, another field, another type', () => {
    assert.match(reason(parseImportArgs({ file: 'capture.har' })), /"file" must be an absolute file path/);
    assert.match(reason(parseImportArgs('capture.har')), /"file"/);
    assert.match(reason(parseImportArgs({ path: ABSOLUTE })), /takes only "file"/);
    assert.match(reason(parseImportArgs(true)), /must be an object/);
  });
});
