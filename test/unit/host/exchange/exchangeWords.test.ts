/** The words of the export and import notifications, their progress lines, and the progress steps. */
import assert from 'node:assert/strict';
import { ExchangeErrorCode } from '../../../../src/core/exchange/exchangeErrors';
import {
  exportDoneText,
  exportFailedText,
  exportProgressText,
  importFailedText,
  importProgressText,
  percentSteps,
} from '../../../../src/host/exchange/exchangeWords';

describe('export and import words', () => {
  it('says how many events went where', () => {
    assert.equal(exportDoneText('capture.har', 1), 'Exported 1 event to capture.har.');
    assert.equal(exportDoneText('big.jsonl', 12345), 'Exported 12,345 events to big.jsonl.');
  });

  it('says why an export failed in our words, with the code, and that no file was left', () => {
    const text = exportFailedText('har', 'capture.har', ExchangeErrorCode.ExportWriteFailed);
    assert.match(text, /^Could not export the session as HAR to capture\.har: the file could not be written/);
    assert.match(text, /No file was left behind\. \[RI_EXPORT_WRITE_FAILED\]$/);
    assert.match(exportFailedText('jsonl', 'x.jsonl', 'RI_SOMETHING'), /as JSON Lines .*inside the extension.*\[RI_/);
  });

  it("shows core's message of where an import broke, made inert", () => {
    const text = importFailedText('a.jsonl', 'Line 3 is not valid JSON: Unexpected token at line 3, column 5.', 'RI_X');
    assert.equal(
      text,
      'Could not import a.jsonl: Line 3 is not valid JSON: Unexpected token at line 3, column 5. [RI_X]',
    );
    // A value quoted from the file cannot become a command link, a new line, or a wall of text.
    const hostile = importFailedText('[x](command:y).har', `kind "[run](command:evil)"\n${'z'.repeat(1000)}`, 'RI_X');
    assert.ok(!hostile.includes(']('), hostile);
    assert.ok(!hostile.includes('\n'));
    assert.ok(hostile.length < 500, `${hostile.length} characters`);
  });

  it('writes progress lines', () => {
    assert.equal(exportProgressText({ events: 1200, total: 5000, written: 1 }), '1,200 of 5,000 events');
    assert.equal(importProgressText(2.5 * 1024 * 1024, 10 * 1024 * 1024), '2.5 of 10.0 MiB read');
    assert.equal(importProgressText(10, 10, { done: 10, total: 40 }), 'entry 10 of 40');
  });

  it('turns fractions into increments that never go back nor past 100', () => {
    const step = percentSteps();
    assert.deepEqual([0.1, 0.1, 0.05, 0.5, 1, 2].map(step), [10, 0, 0, 40, 50, 0]);
    assert.equal(percentSteps()(Number.NaN), 0);
  });
});
