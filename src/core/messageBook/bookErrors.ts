/**
 * The stable codes of message-book, sequence and replay failures (style.md rule 7: core gives codes and
 * plain words, the host decides how to show them), and how an entry is named in a message.
 */
import type { ErrorMeta } from '../events/logEvent';
import type { BookEntry } from './bookTypes';

export const BookErrorCode = {
  /** The entry has errors in the file, or is not a message. */
  InvalidEntry: 'RI_BOOK_INVALID_ENTRY',
  /** A placeholder could not be filled in (unknown variable, missing secret or environment variable). */
  Variable: 'RI_BOOK_VARIABLE',
  /** A `binary file` could not be read, is too large, or lies outside the allowed folder. */
  File: 'RI_BOOK_FILE',
  /** A `wait for` saw no matching message in time. */
  WaitTimeout: 'RI_BOOK_WAIT_TIMEOUT',
  /** The session closed while a sequence or a replay was running. */
  SessionClosed: 'RI_BOOK_SESSION_CLOSED',
  /** The user cancelled. */
  Cancelled: 'RI_BOOK_CANCELLED',
  /** An event of a replayed range cannot be sent again. */
  ReplayRefused: 'RI_REPLAY_REFUSED',
} as const;

export type BookErrorCodeValue = (typeof BookErrorCode)[keyof typeof BookErrorCode];

export function bookError(code: BookErrorCodeValue, message: string, hint?: string): ErrorMeta {
  return hint === undefined ? { code, message } : { code, message, hint };
}

/** `entry 3 "Login" (line 12)`: how messages name an entry (1-based, as the editor shows lines). */
export function describeEntry(entry: BookEntry): string {
  const title = entry.title === undefined ? '' : ` "${shorten(entry.title)}"`;
  return `entry ${entry.index + 1}${title} (line ${entry.headerRange.line + 1})`;
}

/** The text with its first letter in capitals, to start a sentence. */
export function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shorten(title: string): string {
  return title.length > 60 ? `${title.slice(0, 60)}…` : title;
}
