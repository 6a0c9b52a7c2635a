/**
 * Runs one measured client (bench/*Client.ts) in a child process of its own (a fresh heap, its own CPU time, its own
 * profile), with `--expose-gc`, and reads back the one JSON line it prints last.
 *
 * Each client runs as an esbuild bundle, as the extension ships (dist/extension.js), not through the
 * TypeScript loader: under tsx every read of another module's export is a getter call (a fifth of the
 * record encoder's time went to reading its tag constants), which the bundle inlines or hoists.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..');
/** Where the bundles go (dist/ is the build's and ignored by git); the query worker is bundled beside them. */
const outdir = join(root, 'dist', 'bench');
const CLIENTS = ['ingestClient', 'socketIoClient', 'scaleClient'];
let bundled = false;

/** Bundles every client and the query worker once per bench run. */
function bundleClients(): void {
  if (bundled) return;
  const entryPoints: Record<string, string> = { queryWorker: join(root, 'src/core/query/queryWorker.ts') };
  for (const name of CLIENTS) entryPoints[name] = join(__dirname, `${name}.ts`);
  buildSync({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    logLevel: 'warning',
    external: ['bufferutil', 'utf-8-validate'],
  });
  bundled = true;
}

export interface ChildOptions {
  /** Directory for `--cpu-prof` output; none: no profile. */
  cpuProfDir?: string;
}

/** Runs the bundle of `bench/<script>.ts` with `args` (passed as one JSON argument) and returns what it printed. */
export function runChild<T>(script: string, args: object, options: ChildOptions = {}): Promise<T> {
  bundleClients();
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const argv = ['--expose-gc', '--max-old-space-size=6144', ...profile];
  const bundle = join(outdir, `${script.replace(/\.ts$/, '')}.js`);
  const child = spawn(process.execPath, [...argv, bundle, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code}: ${out.slice(-2000)}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no result: ${out.slice(-2000)}`));
      }
    });
  });
}
