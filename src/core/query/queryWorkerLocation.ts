/**
 * Where the query worker's code is, in each way the code runs (issue #9):
 * - bundled (the extension, esbuild): this module is inside dist/extension.js, and scripts/build.mjs writes
 *   the worker next to it as dist/queryWorker.js, a plain CommonJS file any Worker can load;
 * - from TypeScript sources (unit tests under tsx): this module is src/core/query/queryWorkerLocation.ts and the
 *   worker is queryWorker.ts beside it, started through the same TypeScript loader (tsx), registered inside the
 *   worker thread because a Worker does not inherit mocha's `-r tsx/cjs`.
 * Both load the one matchesQuery of eventQuery.ts; nothing is serialised from a function's text.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker's file, and how to start it. */
export type QueryWorkerScript =
  /** A plain JavaScript bundle (dist/queryWorker.js). */
  | { kind: 'bundle'; path: string }
  /** The TypeScript source, started through `loader` (the resolved path of tsx's CommonJS hook). */
  | { kind: 'source'; path: string; loader: string };

/** The file scripts/build.mjs writes to dist/. */
export const QUERY_WORKER_BUNDLE = 'queryWorker.js';
const QUERY_WORKER_SOURCE = 'queryWorker.ts';
/** Bundles in dist's subfolders (the in-host integration tests, dist/test/integration) find dist/ two levels up. */
const BUNDLE_SEARCH_LEVELS = 2;
/** The worker holds one batch of at most a few MiB of text: a runaway allocation ends the worker, not the host. */
const WORKER_HEAP_MB = 256;

/** The worker beside the code that runs (`dir`: this module's folder, or the bundle's); undefined if none. */
export function locateQueryWorker(dir: string = __dirname): QueryWorkerScript | undefined {
  const besideBundle = join(dir, QUERY_WORKER_BUNDLE);
  if (existsSync(besideBundle)) return { kind: 'bundle', path: besideBundle };
  const source = join(dir, QUERY_WORKER_SOURCE);
  if (existsSync(source)) {
    const loader = resolveTypeScriptLoader(dir);
    return loader === undefined ? undefined : { kind: 'source', path: source, loader };
  }
  let folder = dir;
  for (let level = 1; level <= BUNDLE_SEARCH_LEVELS; level++) {
    folder = dirname(folder);
    const bundle = join(folder, QUERY_WORKER_BUNDLE);
    if (existsSync(bundle)) return { kind: 'bundle', path: bundle };
  }
  return undefined;
}

/** Starts the worker; errors while it loads arrive as its 'error' event. */
export function startQueryWorker(script: QueryWorkerScript, workerData: unknown): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (script.kind === 'bundle') return new Worker(script.path, { workerData, resourceLimits });
  const code = `require(${JSON.stringify(script.loader)});\nrequire(${JSON.stringify(script.path)});\n`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

/** tsx's CommonJS hook, as installed for the project that holds `dir`; undefined when there is none. */
function resolveTypeScriptLoader(dir: string): string | undefined {
  try {
    return require.resolve('tsx/cjs', { paths: [dir] });
  } catch {
    return undefined;
  }
}
