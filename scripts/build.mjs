// Bundles the extension host, the webview app and the in-host integration tests with esbuild.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wsUnpatchedHttp } from './wsUnpatchedHttp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'codicons'), { recursive: true });
// Codicons are the only third-party asset the webview loads; copied so localResourceRoots can stay on dist/ and media/.
for (const f of ['codicon.css', 'codicon.ttf'])
  cpSync(join(root, 'node_modules/@vscode/codicons/dist', f), join(dist, 'codicons', f));

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
};

const builds = [
  // Extension host: Node, CommonJS. `vscode` is provided by the host; ws's optional native helpers fall back to JS.
  {
    ...common,
    entryPoints: [join(root, 'src/host/extension.ts')],
    outfile: join(dist, 'extension.js'),
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    // ws's handshake request is made without VS Code's patched https.request (src/core/network/unpatchedRequest.ts).
    plugins: [wsUnpatchedHttp],
    // jsonc-parser's `main` is a UMD build whose require('./impl/…') calls esbuild cannot follow; its ESM
    // build (`module`) bundles. Packages with an `exports` map are not affected by this order.
    mainFields: ['module', 'main'],
  },
  // Query worker (issue #9): regular expressions run in this worker_threads Worker, which the host terminates when
  // one runs too long. src/core/query/queryWorkerLocation.ts looks for it beside dist/extension.js.
  {
    ...common,
    entryPoints: [join(root, 'src/core/query/queryWorker.ts')],
    outfile: join(dist, 'queryWorker.js'),
    platform: 'node',
    format: 'cjs',
  },
  // Webview: browser, one IIFE loaded by nonce.
  {
    ...common,
    entryPoints: [join(root, 'src/webview/main.ts')],
    outfile: join(dist, 'webview.js'),
    platform: 'browser',
    format: 'iife',
  },
  // Transport comparison panel (issue 11): its own small browser app, loaded the same way.
  {
    ...common,
    entryPoints: [join(root, 'src/webview/compare/main.ts')],
    outfile: join(dist, 'compare.js'),
    platform: 'browser',
    format: 'iife',
  },
];

if (!production) {
  // In-host integration tests: bundled so they run from the extension host without a TS loader. Mocha stays external.
  const dir = join(root, 'test/integration');
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
  builds.push({
    ...common,
    entryPoints: entries,
    outdir: join(dist, 'test/integration'),
    platform: 'node',
    format: 'cjs',
    external: ['vscode', 'mocha', 'bufferutil', 'utf-8-validate'],
    plugins: [wsUnpatchedHttp],
  });
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
