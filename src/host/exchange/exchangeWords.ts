/**
 * The words of the export and import notifications (issue 10). The only outside text in them is the file name
 * the user chose and, for an import, core's message of where the file broke (our words, quoting positions and at
 * most a short value of the file): both made inert (notificationText.ts). Pure (no vscode), unit-tested.
 */
import { ExchangeErrorCode } from '../../core/exchange/exchangeErrors';
import type { ExportProgress } from '../../core/exchange/exportOptions';
import { inert } from '../notificationText';
import { FORMAT_LABELS, type ExchangeFormat } from './exchangeCommandIds';

/** Longest piece of core's import message shown. */
const MAX_MESSAGE_CHARS = 300;

/** What went wrong with an export, per code, in our words (the log has the system's). */
const EXPORT_FAILURE_WORDS: Record<string, string> = {
  [ExchangeErrorCode.ExportWriteFailed]:
    'the file could not be written (a full disk, or a folder without write access?)',
};

/** "Exported 12 events to capture.har." */
export function exportDoneText(fileName: string, events: number): string {
  return `Exported ${plural(events, 'event')} to ${inert(fileName)}.`;
}

/** "Could not export the session as HAR to capture.har: the file could not be written (…). [RI_…]" */
export function exportFailedText(format: ExchangeFormat, fileName: string, code: string): string {
  const words = EXPORT_FAILURE_WORDS[code] ?? 'the export failed inside the extension';
  const label = FORMAT_LABELS[format];
  return `Could not export the session as ${label} to ${inert(fileName)}: ${words}. No file was left behind. [${code}]`;
}

/** "Could not import capture.har: Line 3 is not valid JSON: … at line 3, column 5 (position 40). [RI_…]" */
export function importFailedText(fileName: string, message: string, code: string): string {
  return `Could not import ${inert(fileName)}: ${inert(message, MAX_MESSAGE_CHARS)} [${code}]`;
}

/** The progress notification's line: "1,200 of 5,000 events". */
export function exportProgressText(progress: ExportProgress): string {
  return `${count(progress.events)} of ${plural(progress.total, 'event')}`;
}

/** "2.5 of 10.0 MiB read" while a file is read; "entry 10 of 40" while a HAR's entries are played. */
export function importProgressText(read: number, size: number, entries?: { done: number; total?: number }): string {
  if (entries?.total !== undefined) return `entry ${count(entries.done)} of ${count(entries.total)}`;
  return `${mib(read)} of ${mib(size)} MiB read`;
}

/**
 * Turns fractions (0…1) into the increments VS Code's progress wants (percent since the last report), never
 * going back and never past 100.
 */
export function percentSteps(): (fraction: number) => number {
  let reported = 0;
  return (fraction) => {
    if (!Number.isFinite(fraction)) return 0;
    const target = Math.min(100, Math.max(0, Math.floor(fraction * 100)));
    const step = Math.max(0, target - reported);
    reported += step;
    return step;
  };
}

function plural(n: number, noun: string): string {
  return `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
