/** The comparison panel's allowlist: its three messages pass, rebuilt; anything else is refused with a reason. */
import assert from 'node:assert/strict';
import { parseCompareMessage } from '../../../../src/host/compare/compareMessages';
import { exportFileName } from '../../../../src/host/compare/exportFileName';

describe('comparison panel messages', () => {
  it('accepts ready, rerun and export (csv or json), dropping any other field', () => {
    assert.deepEqual(parseCompareMessage({ type: 'compare/ready', extra: 1 }), {
      ok: true,
      value: { type: 'compare/ready' },
    });
    assert.deepEqual(parseCompareMessage({ type: 'compare/rerun' }), { ok: true, value: { type: 'compare/rerun' } });
    for (const format of ['csv', 'json'] as const)
      assert.deepEqual(parseCompareMessage({ type: 'compare/export', format, path: '/etc/passwd', content: 'x' }), {
        ok: true,
        value: { type: 'compare/export', format },
      });
  });

  it('refuses other formats, other types and things that are no message', () => {
    const reason = (input: unknown): string => {
      const result = parseCompareMessage(input);
      assert.equal(result.ok, false, JSON.stringify(input));
      return result.ok ? '' : result.reason;
    };
    assert.match(reason({ type: 'compare/export', format: 'html' }), /"format" must be "csv" or "json"/);
    assert.match(reason({ type: 'compare/export' }), /"format"/);
    assert.match(reason({ type: 'events/getPage', requestId: 1 }), /Unknown message type "events\/getPage"/);
    assert.match(reason({ type: 'x'.repeat(100) }), /Unknown message type "x{39}…"/);
    assert.match(reason({ type: 42 }), /\(number\)/);
    assert.match(reason(null), /must be an object/);
    assert.match(reason(['compare/ready']), /must be an object/);
    assert.match(reason('compare/ready'), /must be an object/);
  });

  it('never throws, even on an object whose getters do', () => {
    const hostile = Object.defineProperty({}, 'type', {
      get() {
        throw new Error('boom');
      },
    });
    assert.deepEqual(parseCompareMessage(hostile), { ok: false, reason: 'The message could not be read.' });
  });
});

describe('comparison export file name', () => {
  it('names the host and the start time, with nothing a file system dislikes', () => {
    const plan = { url: 'http://localhost:3000/socket.io/' } as Parameters<typeof exportFileName>[0]['plan'];
    const report = { plan, startedAt: '2025-01-31T12:34:56.789Z' };
    assert.equal(exportFileName(report, 'csv'), 'transport-comparison-localhost-3000-2025-01-31T12-34-56.csv');
    assert.equal(exportFileName(report, 'json'), 'transport-comparison-localhost-3000-2025-01-31T12-34-56.json');
    const v6 = { ...report, plan: { ...plan, url: 'http://[::1]:8080/' } };
    assert.match(exportFileName(v6, 'csv'), /^transport-comparison-[A-Za-z0-9._-]+\.csv$/);
    const bad = { ...report, plan: { ...plan, url: 'not a url' } };
    assert.equal(exportFileName(bad, 'csv'), 'transport-comparison-server-2025-01-31T12-34-56.csv');
  });
});
