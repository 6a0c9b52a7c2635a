/**
 * The CodeLenses of a message book, as plain data: **Send** above each entry (or, looking disabled, why it
 * cannot be sent), **Send all** and the target session above the first entry. Which entries a session sends is
 * core's rule (entryRefusal); the words for the lens are made here. Pure (no vscode).
 */
import { entryRefusal, type BookEntry, type MessageBook } from '../../core/messageBook';
import type { SessionKind } from '../../core/session/sendRequest';
import type { SessionState } from '../../core/session/session';

/** The session the book sends to, as the lens shows it. */
export interface LensTarget {
  /** `ws://127.0.0.1:8765/echo` (targetLabel). */
  label: string;
  sessionKind: SessionKind;
  /** `WebSocket`, `Socket.IO`… */
  kindLabel: string;
}

/** What clicking a lens does; none for a lens that only says something. */
export type LensAction =
  { command: 'send'; index: number } | { command: 'sendAll' } | { command: 'chooseSession' } | { command: 'connect' };

export interface LensSpec {
  /** The line the lens stands above (0-based). */
  line: number;
  title: string;
  tooltip?: string;
  action?: LensAction;
}

/** Longest reason shown in a lens title (the tooltip has all of it). */
const MAX_REASON_CHARS = 70;

/** The lenses of `book` sending to `target` (undefined: no session can send). */
export function bookLenses(book: MessageBook, target: LensTarget | undefined): LensSpec[] {
  const lenses: LensSpec[] = [];
  const first = book.entries[0];
  if (first) {
    const line = lensLine(first);
    lenses.push(sendAllLens(book, target, line), targetLens(target, line));
  }
  for (const entry of book.entries) lenses.push(entryLens(book, entry, target));
  return lenses;
}

/** The line above which an entry's lenses go: its `###` line, else its kind line. */
export function lensLine(entry: BookEntry): number {
  return entry.separatorLine ?? entry.headerRange.line;
}

function entryLens(book: MessageBook, entry: BookEntry, target: LensTarget | undefined): LensSpec {
  const line = lensLine(entry);
  if (!entry.valid) {
    const reason = firstError(book, entry) ?? 'this entry has errors';
    return { line, title: `$(error) Send — ${shorten(reason)}`, tooltip: reason };
  }
  const kind = entry.fields?.kind;
  if (kind === 'delay' || kind === 'wait') {
    return { line, title: `$(watch) ${kind} — runs in Send all`, tooltip: 'Delays and waits pace Send all.' };
  }
  if (target) {
    const refusal = entryRefusal(entry, target.sessionKind);
    if (refusal) {
      const tooltip = [refusal.message, refusal.hint].filter(Boolean).join(' ');
      return { line, title: `$(circle-slash) Send — not sent on a ${target.kindLabel} session`, tooltip };
    }
  }
  const tooltip = target ? `Send this entry to ${target.label}` : 'Send this entry (connect a session first)';
  return { line, title: '$(send) Send', tooltip, action: { command: 'send', index: entry.index } };
}

function sendAllLens(book: MessageBook, target: LensTarget | undefined, line: number): LensSpec {
  const broken = book.entries.find((e) => !e.valid);
  if (broken) {
    const tooltip = `Entry ${broken.index + 1} has errors: ${firstError(book, broken) ?? 'see the Problems view'}`;
    return { line, title: `$(error) Send all — fix entry ${broken.index + 1} first`, tooltip };
  }
  if (target) {
    for (const entry of book.entries) {
      const kind = entry.fields?.kind;
      if (kind === 'delay' || kind === 'wait') continue;
      const refusal = entryRefusal(entry, target.sessionKind);
      if (refusal) {
        const what = `entry ${entry.index + 1} is not sent on a ${target.kindLabel} session`;
        return { line, title: `$(circle-slash) Send all — ${what}`, tooltip: refusal.message };
      }
    }
  }
  const count = book.entries.length;
  const tooltip = `Run the ${count} ${count === 1 ? 'entry' : 'entries'} in order (cancellable)`;
  return { line, title: '$(run-all) Send all', tooltip, action: { command: 'sendAll' } };
}

function targetLens(target: LensTarget | undefined, line: number): LensSpec {
  if (!target) {
    const tooltip = 'No open session can send: connect one (Realtime Inspector: Connect…)';
    return { line, title: '$(plug) no session: Connect…', tooltip, action: { command: 'connect' } };
  }
  const tooltip = `Messages go to this ${target.kindLabel} session. Click to choose another.`;
  return { line, title: `→ ${target.label}`, tooltip, action: { command: 'chooseSession' } };
}

/** The first error the parser reported inside the entry. */
function firstError(book: MessageBook, entry: BookEntry): string | undefined {
  const { startLine, endLine } = entry.range;
  return book.diagnostics.find((d) => d.severity === 'error' && d.range.line >= startLine && d.range.line <= endLine)
    ?.message;
}

function shorten(text: string): string {
  return text.length > MAX_REASON_CHARS ? `${text.slice(0, MAX_REASON_CHARS - 1)}…` : text;
}

/**
 * How the lens names a session: scheme, host and path of its URL (already masked; no credentials, no query),
 * with its state while it is not open yet. `ws://127.0.0.1:8765/echo`, `http://127.0.0.1:8767 (connecting)`.
 */
export function targetLabel(maskedUrl: string, state: SessionState): string {
  let label: string;
  try {
    const url = new URL(maskedUrl);
    label = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    label = maskedUrl;
  }
  if (label.length > 60) label = `${label.slice(0, 28)}…${label.slice(-28)}`;
  return state === 'open' ? label : `${label} (${state})`;
}
