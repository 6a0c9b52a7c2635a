/**
 * What an import left out is in the log (issue 10), not in notifications: the first row says where the session
 * came from and each warning row shows its words in the row itself, as the panel projects them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { importHar } from '../../../../src/core/exchange/harImport';
import { NO_REDACTION } from '../../../../src/core/redaction/secretRedactor';
import { projectRow } from '../../../../src/core/view/eventProjection';

const FIXTURE = path.resolve(__dirname, '../../../fixtures/har/firefox-socketio.har');

describe('the rows of an import', () => {
  it('open with where the session came from, then each warning in words', async () => {
    const result = await importHar(readFileSync(FIXTURE), { logFactory: () => new MemoryEventLog() });
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    assert.ok(result.warnings.length > 0, 'Firefox saves no WebSocket messages: the import says so');
    const rows = result.session.log.page(1, 100).map((event) => projectRow(event, 0, NO_REDACTION));
    assert.equal(rows[0].type, 'imported');
    assert.match(rows[0].preview, /^Imported from a HAR 1\.2 file by Firefox 125\.0\.3: /);
    const warnings = rows.filter((row) => row.type === 'import-warning');
    assert.deepEqual(
      warnings.map((row) => row.preview),
      result.warnings,
    );
    for (const row of warnings) assert.equal(row.warning, row.preview, 'the icon and the row say the same');
  });
});
