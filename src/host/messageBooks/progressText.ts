/**
 * The lines a progress notification shows while Send all or a replay runs: `3/13 · waiting for /welcome/`.
 * Patterns are shown as written in the book (never with their values filled in). Pure (no vscode).
 */
import type { BookEntry, StepState } from '../../core/messageBook';
import { describeWaitPattern } from '../../core/messageBook/waitPattern';

/** Longest piece of the book's own text (a title, a pattern) in a progress line. */
const MAX_SHOWN_CHARS = 60;

/** A Send all step: `3/13 · sending "Login"`, `4/13 · pausing 0.5 s`, `5/13 · waiting for /welcome/`. */
export function bookStepText(index: number, total: number, state: StepState, entry: BookEntry | undefined): string {
  const position = `${index + 1}/${total}`;
  const fields = entry?.fields;
  if (state === 'waiting' && fields?.kind === 'wait') {
    return `${position} · waiting for ${shorten(describeWaitPattern(fields.pattern))}`;
  }
  if (state === 'delaying' && fields?.kind === 'delay') return `${position} · pausing ${seconds(fields.ms)}`;
  if (state === 'sending') {
    const name = entry?.title === undefined ? (fields?.kind ?? 'entry') : `"${shorten(entry.title)}"`;
    return `${position} · sending ${name}`;
  }
  return `${position} · ${state}`;
}

/** A replay step: `3/12 · waiting for its time`, `3/12 · sending`. */
export function replayStepText(index: number, total: number, state: StepState): string {
  const position = `${index + 1}/${total}`;
  if (state === 'delaying') return `${position} · waiting for its time`;
  return `${position} · ${state}`;
}

/** `0.5 s`, `12 s`, `250 ms`. */
export function seconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Math.round(s * 10) / 10} s`;
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 1)}…` : text;
}
