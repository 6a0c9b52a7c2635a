/**
 * The bounds of message books, sequences and replay, in one place: a book is user input (and may come
 * from a cloned repository), so every size and every wait has a ceiling that the messages name.
 */
import { MAX_STRING_BYTES } from '../session/sendRequestValidation';

/** Entries parsed from one file; the rest is ignored with one diagnostic. */
export const MAX_BOOK_ENTRIES = 10_000;
/** Diagnostics reported for one file (a 10 MB file of bad lines would otherwise make millions). */
export const MAX_BOOK_DIAGNOSTICS = 1_000;
/** File variables defined in one file. */
export const MAX_BOOK_VARIABLES = 1_000;
/** Longest `delay`, and longest `timeout` of a `wait for` (10 minutes). */
export const MAX_PAUSE_MS = 10 * 60 * 1000;
/** A `wait for` without `timeout`. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10_000;
/** Longest regular expression in a `wait for`, in characters. */
export const MAX_PATTERN_CHARS = 4096;
/**
 * A `wait for` tests at most this many characters of each message: a pattern with nested repetition can
 * take exponential time, and a bounded text keeps a merely slow one bounded too.
 */
export const WAIT_TEST_CHARS = 64 * 1024;
/** Events before the wait started (since the previous send) that a `wait for` still looks at. */
export const WAIT_LOOKBACK_EVENTS = 10_000;
/**
 * Largest file a `binary file` entry sends: 12 MiB, whose base64 is exactly the 16 MiB a send request
 * may carry (MAX_STRING_BYTES).
 */
export const MAX_BOOK_FILE_BYTES = (MAX_STRING_BYTES / 4) * 3;
/** Longest text after `{{…}}` substitution (a variable that doubles another many times would explode). */
export const MAX_RESOLVED_CHARS = MAX_STRING_BYTES;
/** Replay speed factors accepted. */
export const MIN_REPLAY_SPEED = 0.1;
export const MAX_REPLAY_SPEED = 100;
/** Longest pause between two replayed messages, after dividing the original gap by the speed. */
export const MAX_REPLAY_GAP_MS = 10_000;
