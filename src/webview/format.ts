/**
 * Pure formatting for the panel: sizes, clock times, durations (invisible characters: visibleText.ts).
 * No DOM here, so every function is unit-tested in plain Node (test/unit/webview/format.test.ts).
 */

const SIZE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** Human byte size: `12 B`, `1.2 KiB`, `34 KiB`, `5.0 MiB`. Binary units, as DevTools and the RFCs count. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // One decimal while it carries information (1.2 KiB), none once the number is wide (123 KiB).
  const shown = value < 10 ? value.toFixed(1) : String(Math.round(value));
  // Rounding can reach the next unit (1023.7 KiB → "1024 KiB"); that is rare and still true, so leave it.
  return `${shown} ${SIZE_UNITS[unit]}`;
}

/** A count with thousands separators (`12,345`), independent of the machine's locale so tests are stable. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const digits = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Local wall-clock time of day with milliseconds: `13:05:09.007`. */
export function formatClock(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '--:--:--.---';
  const d = new Date(epochMs);
  return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}.${pad(d.getMilliseconds(), 3)}`;
}

/** Time since the session started, for the time cell's tooltip: `+1.234s`. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const sign = ms < 0 ? '-' : '+';
  return `${sign}${(Math.abs(ms) / 1000).toFixed(3)}s`;
}

/** A duration in words for facts like handshake time: `12 ms`, `1.50 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/**
 * Where a JSON.parse error happened, as `line L, column C`, from the engine's "at position N" message.
 * Returns undefined when the message carries no position (engines word it differently).
 */
export function jsonErrorLocation(source: string, message: string): string | undefined {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  const offset = Math.min(Number(position[1]), source.length);
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** UTF-8 byte length of a string (what the wire limits of ping and close payloads count). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
