/** The one-line takeaway of a comparison, computed from the figures in our own words. */
import assert from 'node:assert/strict';
import type { ComparisonReportDto, TransportResultDto } from '../../../../src/shared/compareProtocol';
import { takeaway, type TransportNames } from '../../../../src/webview/compare/compareTakeaway';
import { result } from './compareFixtures';

const NAMES: TransportNames = { 'polling-only': 'HTTP long-polling', 'websocket-only': 'WebSocket' };

function report(polling: Partial<TransportResultDto> | null, websocket: Partial<TransportResultDto> | null) {
  const results: TransportResultDto[] = [];
  if (polling) results.push(result('polling-only', polling));
  if (websocket) results.push(result('websocket-only', websocket));
  const plan = { kind: 'socketio', url: 'http://localhost:3000/', transports: results.map((r) => r.transport) };
  return { startedAt: '', finishedAt: '', cancelled: false, plan, results } as unknown as ComparisonReportDto;
}

const figures = (bytes: number, median: number): Partial<TransportResultDto> => ({
  bytesPerMessage: { up: bytes / 2, down: bytes / 2, total: bytes },
  rtt: { median, p95: median, min: median, max: median },
});

describe('comparison takeaway', () => {
  it('says how many times fewer bytes and how many times faster WebSocket was', () => {
    assert.equal(
      takeaway(report(figures(430, 6.1), figures(100, 1)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 4.3× fewer bytes per message and answered 6.1× faster (median).',
    );
  });

  it('writes whole ratios from 10 on', () => {
    assert.equal(
      takeaway(report(figures(1234, 25), figures(100, 2)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 12× fewer bytes per message and answered 13× faster (median).',
    );
  });

  it('says "but" when one figure favours polling, and "about" within 5%', () => {
    assert.equal(
      takeaway(report(figures(400, 1), figures(100, 1.3)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 4.0× fewer bytes per message but answered 1.3× slower (median).',
    );
    assert.equal(
      takeaway(report(figures(400, 1.02), figures(100, 1)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 4.0× fewer bytes per message ' +
        'and answered about as fast (median).',
    );
    assert.equal(
      takeaway(report(figures(100, 2), figures(120, 1)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 1.2× more bytes per message but answered 2.0× faster (median).',
    );
  });

  it('keeps to the figures there are: bytes without any answer', () => {
    const noAnswers = { ...figures(400, 1), rtt: { median: null, p95: null, min: null, max: null }, ok: false };
    assert.equal(
      takeaway(report(noAnswers, figures(100, 1)), NAMES),
      'Compared with HTTP long-polling, WebSocket used 4.0× fewer bytes per message. (Not every message was answered.)',
    );
  });

  it('names the only transport with figures when the other failed before measuring anything', () => {
    const failed = { ok: false, setupMs: null, openMs: null, sent: 0, httpRequests: 0 };
    assert.equal(
      takeaway(report(figures(400, 2), failed), NAMES),
      'Only HTTP long-polling exchanged messages: WebSocket did not get that far.',
    );
    assert.equal(
      takeaway(report(failed, failed), NAMES),
      'Neither transport exchanged any message: see the errors below.',
    );
    assert.equal(
      takeaway(report(null, figures(100, 1)), NAMES),
      'Only WebSocket exchanged messages: HTTP long-polling did not get that far.',
    );
  });

  it('does not count a refused WebSocket upgrade (one request, nothing sent) as figures to compare', () => {
    const refused = { ok: false, setupMs: null, openMs: null, sent: 0, messages: 0, httpRequests: 1, totalBytes: 420 };
    assert.equal(
      takeaway(report(figures(400, 2), refused), NAMES),
      'Only HTTP long-polling exchanged messages: WebSocket did not get that far.',
    );
  });

  it('says when the run was cancelled or the plan never ran', () => {
    const cancelled = { ...report(figures(430, 6.1), figures(100, 1)), cancelled: true };
    assert.match(takeaway(cancelled, NAMES), /faster \(median\)\. \(Cancelled: the figures are partial\.\)$/);
    const invalid = { ...report(null, null), error: { code: 'RI_COMPARE_INVALID_PLAN', message: 'bad plan' } };
    assert.equal(
      takeaway(invalid, NAMES),
      'The comparison did not run (RI_COMPARE_INVALID_PLAN): see the error below.',
    );
  });
});
