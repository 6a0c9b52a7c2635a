/**
 * Runs one measured client in a child process of its own (a fresh heap, its own CPU time, its own
 * profile), with `--expose-gc`, and reads back the one JSON line it prints last.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ChildOptions {
  /** Directory for `--cpu-prof` output; none: no profile. */
  cpuProfDir?: string;
}

/** Runs `bench/<script>` with `args` (passed as one JSON argument) and returns what it printed. */
export function runChild<T>(script: string, args: object, options: ChildOptions = {}): Promise<T> {
  const profile = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];
  const argv = ['-r', 'tsx/cjs', '--expose-gc', '--max-old-space-size=6144', ...profile];
  const child = spawn(process.execPath, [...argv, join(__dirname, script), JSON.stringify(args)], {
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

/** The argument a child was started with. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/** Collects garbage twice (weak refs, finalizers) and returns JS heap plus array buffers, in bytes. */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Prints the result line and exits (a child never lingers on open handles). */
export function finish(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}
