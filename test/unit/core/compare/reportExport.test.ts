/**
 * CSV and JSON of a comparison report: a stable column and key order, numbers with fixed precision, strings
 * escaped for CSV (RFC 4180) and kept from running as spreadsheet formulas; two exports of one report agree.
 */
import assert from 'node:assert/strict';
import { emptyResult, type ComparisonReport } from '../../../../src/core/compare/comparisonReport';
import { CSV_COLUMNS, reportToCsv, reportToJson } from '../../../../src/core/compare/reportExport';

function sampleReport(): ComparisonReport {
  const polling = {
    ...emptyResult('polling-only'),
    ok: true,
    setupMs: 12.34567,
    openMs: 10,
    rtt: { median: 1.23456, p95: 2.5, min: 0.5, max: 3.00049 },
    bytesPerMessage: { up: 627.04, down: 471.66, total: 1098.7 },
    httpRequests: 65,
    totalBytes: 34885,
    messages: 30,
    sent: 30,
  };
  const websocket = emptyResult('websocket-only', {
    code: 'RI_COMPARE_CONNECT_FAILED',
    message: '=HYPERLINK("x"), then "quoted",\nand a line break',
    cause: { code: 'RI_CONNECTION_REFUSED', message: 'refused' },
  });
  return {
    startedAt: '2026-01-02T03:04:05.000Z',
    finishedAt: '2026-01-02T03:04:06.000Z',
    cancelled: false,
    plan: {
      kind: 'socketio',
      url: 'http://127.0.0.1:3000/',
      path: null,
      namespace: '/',
      headers: [['Authorization', '••••']],
      messages: 30,
      messageBytes: 100,
      mode: 'ack',
      event: 'echo',
      replyEvent: null,
      transports: ['polling-only', 'websocket-only'],
      timeoutMs: 10000,
    },
    results: [polling, websocket],
  };
}

/** Splits one CSV row into cells (quoted cells may hold commas, quotes and line breaks). */
function csvCells(row: string): string[] {
  const cells: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const match of row.matchAll(pattern)) {
    const cell = match[1];
    cells.push(cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell);
    if (match[2] === '') break;
  }
  return cells;
}

describe('comparison report export', () => {
  it('CSV: the header row, then one row per transport, CRLF line ends', () => {
    const csv = reportToCsv(sampleReport());
    assert.ok(csv.endsWith('\r\n'));
    const [header, first] = csv.split('\r\n');
    assert.equal(header, CSV_COLUMNS.join(','));
    assert.deepEqual(CSV_COLUMNS.slice(0, 8), [
      'started_at',
      'kind',
      'url',
      'mode',
      'messages_planned',
      'message_bytes',
      'transport',
      'ok',
    ]);
    const cells = csvCells(first);
    const cell = (name: string): string => cells[CSV_COLUMNS.indexOf(name)];
    assert.equal(cells.length, CSV_COLUMNS.length);
    assert.equal(cell('transport'), 'polling-only');
    assert.equal(cell('ok'), 'true');
    assert.equal(cell('setup_ms'), '12.346');
    assert.equal(cell('open_ms'), '10.000');
    assert.equal(cell('rtt_median_ms'), '1.235');
    assert.equal(cell('rtt_max_ms'), '3.000');
    assert.equal(cell('bytes_up_per_message'), '627.0');
    assert.equal(cell('bytes_per_message'), '1098.7');
    assert.equal(cell('http_requests'), '65');
    assert.equal(cell('error_code'), '');
  });

  it('CSV: quotes commas, quotes and line breaks; a formula-like message cannot run', () => {
    const csv = reportToCsv(sampleReport());
    const secondRow = csv.slice(csv.indexOf('\r\n', csv.indexOf('\r\n') + 2) + 2, -2);
    assert.ok(secondRow.includes(`"'=HYPERLINK(""x""), then ""quoted"",\nand a line break"`), secondRow);
    const cells = csvCells(secondRow);
    assert.equal(cells.length, CSV_COLUMNS.length);
    assert.equal(cells[CSV_COLUMNS.indexOf('error_code')], 'RI_COMPARE_CONNECT_FAILED');
    assert.equal(cells[CSV_COLUMNS.indexOf('rtt_median_ms')], '', 'no figure: an empty cell');
  });

  it('JSON: keys in a fixed order, numbers rounded like the CSV, nulls for missing figures', () => {
    const json = reportToJson(sampleReport());
    assert.ok(json.endsWith('}\n'));
    const parsed = JSON.parse(json);
    assert.deepEqual(Object.keys(parsed), ['startedAt', 'finishedAt', 'cancelled', 'plan', 'error', 'results']);
    assert.deepEqual(Object.keys(parsed.results[0]), [
      'transport',
      'ok',
      'cancelled',
      'error',
      'setupMs',
      'openMs',
      'rtt',
      'bytesPerMessage',
      'httpRequests',
      'totalBytes',
      'messages',
      'sent',
      'timedOut',
    ]);
    assert.equal(parsed.results[0].setupMs, 12.346);
    assert.deepEqual(parsed.results[0].rtt, { median: 1.235, p95: 2.5, min: 0.5, max: 3 });
    assert.deepEqual(parsed.results[1].rtt, { median: null, p95: null, min: null, max: null });
    assert.equal(parsed.results[1].error.cause.code, 'RI_CONNECTION_REFUSED');
    assert.equal(parsed.error, null);
  });

  it('the same report gives the same text, whatever order its objects were built in', () => {
    const report = sampleReport();
    const shuffled = JSON.parse(JSON.stringify(report), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).reverse())
        : value,
    ) as ComparisonReport;
    assert.equal(reportToJson(shuffled), reportToJson(report));
    assert.equal(reportToCsv(shuffled), reportToCsv(report));
  });
});
