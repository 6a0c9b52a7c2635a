/** How the comparison panel reads and writes each figure. */
import assert from 'node:assert/strict';
import {
  answeredText,
  CHART_FIGURES,
  formatFigure,
  hasFigures,
  TABLE_FIGURES,
} from '../../../../src/webview/compare/compareFigures';
import { result } from './compareFixtures';

describe('comparison figures', () => {
  it('charts setup, RTT median and p95, bytes per message and HTTP requests; the table has them all', () => {
    assert.deepEqual(
      CHART_FIGURES.map((f) => f.id),
      ['setup', 'rtt-median', 'rtt-p95', 'bytes-per-message', 'http-requests'],
    );
    for (const figure of CHART_FIGURES) assert.ok(TABLE_FIGURES.includes(figure), figure.id);
    assert.deepEqual(
      TABLE_FIGURES.map((f) => f.value(result('websocket-only'))),
      [12.5, 1, 2, 0.5, 3, 100, 100, 200, 1, 5000],
    );
  });

  it('writes milliseconds with the decimals that carry information, bytes and counts with separators', () => {
    assert.equal(formatFigure(0.4219, 'ms'), '0.42 ms');
    assert.equal(formatFigure(12.54, 'ms'), '12.5 ms');
    assert.equal(formatFigure(1234.5, 'ms'), '1,235 ms');
    assert.equal(formatFigure(311.44, 'bytes'), '311.4 B');
    assert.equal(formatFigure(48213, 'bytes'), '48,213 B');
    assert.equal(formatFigure(42, 'count'), '42');
    assert.equal(formatFigure(null, 'ms'), '—');
    assert.equal(formatFigure(Number.NaN, 'bytes'), '—');
  });

  it('shows a transport that measured nothing as no figures, not zeros', () => {
    const refused = result('websocket-only', { setupMs: null, openMs: null, sent: 0, httpRequests: 0, messages: 0 });
    assert.equal(hasFigures(refused), false);
    assert.equal(TABLE_FIGURES.find((f) => f.id === 'http-requests')!.value(refused), null);
    assert.equal(answeredText(refused), '—');
  });

  it('counts answered over sent, and the unanswered', () => {
    assert.equal(answeredText(result('polling-only')), '20/20');
    assert.equal(answeredText(result('polling-only', { messages: 18, timedOut: 2 })), '18/20 (2 unanswered)');
  });
});
