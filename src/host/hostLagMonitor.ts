/**
 * How long the extension host's event loop was blocked (issue #9: "never more than 100 ms at a time").
 * A `monitorEventLoopDelay` histogram, started the first time someone asks, read and reset through the
 * hidden command `realtimeInspector.diagnostics` (the UI bench runs it from a keybinding with arguments).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { HostProfiler } from './hostProfiler';

export const DIAGNOSTICS_COMMAND = 'realtimeInspector.diagnostics';

/** Sampling resolution of the histogram: stalls shorter than this are not told apart. */
const RESOLUTION_MS = 10;

/** Event-loop delay since the last reset, in milliseconds. */
export interface HostDiagnostics {
  eventLoopDelay: { p50: number; p95: number; max: number };
  /** How long the figures cover: milliseconds since the monitor started or was last reset. */
  sinceMs: number;
  /** The host process's memory now, in bytes (the soak bench's slope, issue 12). */
  memory: { rss: number; heapUsed: number; external: number };
}

/** What the command accepts (all optional): `{ "file": "/abs/path.json", "reset": true }`. */
export interface DiagnosticsArgs {
  /** Also write the figures as JSON to this absolute path, which must not exist yet. */
  file?: string;
  /** Start a new measurement after reading this one. */
  reset?: boolean;
  /**
   * Also profile the host's CPU: a profile running since the last call is written beside `file` (same name,
   * `.cpuprofile`), and with `reset` a new one starts.
   */
  profile?: boolean;
}

/** An event-loop delay monitor for the extension host, started on demand. */
export class HostLagMonitor implements vscode.Disposable {
  private histogram: IntervalHistogram | undefined;
  private since = 0;

  /** Starts measuring if not started yet; a no-op otherwise. */
  start(): void {
    if (this.histogram) return;
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
    this.since = performance.now();
  }

  /** The figures since the start or the last reset (starting the monitor if it was not running). */
  read(): HostDiagnostics {
    this.start();
    const h = this.histogram!;
    const ms = (ns: number): number => (h.count > 0 ? Math.round(ns / 1e4) / 100 : 0);
    return {
      eventLoopDelay: { p50: ms(h.percentile(50)), p95: ms(h.percentile(95)), max: ms(h.max) },
      sinceMs: Math.round(performance.now() - this.since),
      memory: hostMemory(),
    };
  }

  reset(): void {
    this.start();
    this.histogram!.reset();
    this.since = performance.now();
  }

  dispose(): void {
    this.histogram?.disable();
    this.histogram = undefined;
  }
}

function hostMemory(): HostDiagnostics['memory'] {
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

function parseArgs(args: unknown): DiagnosticsArgs {
  if (typeof args !== 'object' || args === null) return {};
  const { file, reset, profile } = args as Record<string, unknown>;
  return { file: typeof file === 'string' ? file : undefined, reset: reset === true, profile: profile === true };
}

/**
 * Registers `realtimeInspector.diagnostics` (hidden from the command palette): returns the host's
 * event-loop delay since the last reset, writes it to `file` when given (absolute, `.json`, refused if
 * it exists: the command never overwrites anything) and resets when `reset` is true; with `profile`, a CPU
 * profile of the host as well (written beside `file`).
 */
export function registerDiagnosticsCommand(): vscode.Disposable {
  const monitor = new HostLagMonitor();
  const profiler = new HostProfiler();
  const command = vscode.commands.registerCommand(DIAGNOSTICS_COMMAND, async (raw?: unknown) => {
    const args = parseArgs(raw);
    const figures = monitor.read();
    const profile = args.profile ? await profiler.stop() : undefined;
    if (args.reset) monitor.reset();
    if (args.file !== undefined) {
      if (!isAbsolute(args.file) || !args.file.endsWith('.json') || !inTempFolder(args.file))
        throw new Error('realtimeInspector.diagnostics: "file" must be a new .json file in the temp folder');
      if (profile !== undefined) writeFileSync(args.file.replace(/\.json$/, '.cpuprofile'), profile, { flag: 'wx' });
      writeFileSync(args.file, `${JSON.stringify(figures)}\n`, { flag: 'wx' });
    }
    if (args.profile && args.reset) await profiler.start();
    return figures;
  });
  return vscode.Disposable.from(command, monitor, profiler);
}

/**
 * Whether `file` lies in the system's temp folder: a command any caller can run writes nowhere else (the
 * bench's scratch folders live there).
 */
function inTempFolder(file: string): boolean {
  const roots = [tmpdir(), '/tmp'];
  return roots.some((root) => {
    const rel = relative(resolve(root), resolve(file));
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
}
