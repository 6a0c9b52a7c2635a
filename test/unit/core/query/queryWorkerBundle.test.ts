/**
 * The query worker where the extension runs it (issue #9): bundled by esbuild as dist/queryWorker.js beside
 * dist/extension.js, found from the bundle's own folder, with no TypeScript loader anywhere. Built here into a
 * temporary folder with the entry point of scripts/build.mjs (building dist/ itself would disturb others).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { locateQueryWorker, QUERY_WORKER_BUNDLE } from '../../../../src/core/query/queryWorkerLocation';

const root = resolve(__dirname, '../../../..');
const queryDir = join(root, 'src/core/query');

/** A stand-in for dist/extension.js: runs a plain and a catastrophic query and prints both pages. */
const HOST_ENTRY = `
import { MemoryEventLog } from './src/core/events/memoryEventLog';
import { runQuery, disposeQueryRunner } from './src/core/query/queryRunner';
const log = new MemoryEventLog();
for (const text of ['hello', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!', 'hello again']) {
  log.append({ time: 1, mono: 1, direction: 'in', layer: 'ws', type: 'message', size: text.length,
    payload: { kind: 'text', text, byteLength: text.length } });
}
const request = { fromSeq: 1, direction: 'forward', limit: 10 };
(async () => {
  const found = await runQuery(log, { regex: { source: 'hel+o' } }, request);
  const stopped = await runQuery(log, { regex: { source: '(a+)+$' } }, request);
  const after = await runQuery(log, { regex: { source: 'again$' } }, request);
  console.log(JSON.stringify({ found, stopped, after }));
  disposeQueryRunner();
})();
`;

describe('query worker bundle', () => {
  let dist = '';
  before(async function () {
    this.timeout(60_000);
    dist = mkdtempSync(join(tmpdir(), 'ri-query-'));
    // Minified, as `npm run package` ships it.
    const common = {
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
      target: 'es2022',
    } as const;
    await build({ ...common, entryPoints: [join(queryDir, 'queryWorker.ts')], outfile: join(dist, 'queryWorker.js') });
    const stdin = { contents: HOST_ENTRY, resolveDir: root, loader: 'ts' } as const;
    await build({ ...common, stdin, outfile: join(dist, 'extension.js') });
  });
  after(() => rmSync(dist, { recursive: true, force: true }));

  it('is found beside the bundle that runs, and from dist/test/integration', () => {
    assert.deepEqual(locateQueryWorker(dist), { kind: 'bundle', path: join(dist, QUERY_WORKER_BUNDLE) });
    const integration = join(dist, 'test/integration');
    mkdirSync(integration, { recursive: true });
    assert.deepEqual(locateQueryWorker(integration), { kind: 'bundle', path: join(dist, QUERY_WORKER_BUNDLE) });
  });

  it('from sources, is the TypeScript file started through tsx', () => {
    const script = locateQueryWorker(queryDir);
    assert.equal(script?.kind, 'source');
    assert.equal(script.path, join(queryDir, 'queryWorker.ts'));
    assert.equal(locateQueryWorker(tmpdir()), undefined);
  });

  it('answers, stops a catastrophic pattern and restarts, in a plain node process', async function () {
    this.timeout(30_000);
    const { stdout } = await promisify(execFile)(process.execPath, [join(dist, 'extension.js')], {
      cwd: tmpdir(),
      timeout: 25_000,
    });
    const { found, stopped, after } = JSON.parse(stdout);
    assert.deepEqual(found, { ok: true, seqs: [1, 3] });
    assert.equal(stopped.ok, false);
    assert.equal(stopped.error.code, 'RI_QUERY_TOO_SLOW');
    assert.match(stopped.error.message, /on event #2 and was stopped\.$/);
    assert.deepEqual(after, { ok: true, seqs: [3] });
  });
});
