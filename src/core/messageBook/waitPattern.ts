/**
 * The pattern of a `wait for` entry: a regular expression literal (`/…/flags`) or a quoted text. The
 * expression is user input run against what a server sends, so it is bounded three ways: its length
 * (MAX_PATTERN_CHARS), the text it is tested on (WAIT_TEST_CHARS), and a warning in the editor when it
 * repeats a group that itself repeats (`(a+)+`, the shape that backtracks exponentially).
 */
import { MAX_PATTERN_CHARS, WAIT_TEST_CHARS } from './bookLimits';
import type { WaitPattern } from './bookTypes';

/** Flags that keep a regular expression stateless (no `g`, `y`: they make `test` remember a position). */
const ALLOWED_FLAGS = /^[imsu]*$/;

export type RegexLiteralRead =
  | { ok: true; source: string; flags: string; end: number }
  | { ok: false; col: number; endCol: number; message: string };

/** Reads `/source/flags` starting at `i` (which holds `/`). */
export function readRegexLiteral(line: string, i: number): RegexLiteralRead {
  let inClass = false;
  let end = i + 1;
  for (; end < line.length; end++) {
    const c = line.charAt(end);
    if (c === '\\') end++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) break;
  }
  if (end >= line.length) {
    return { ok: false, col: i, endCol: line.length, message: 'This regular expression has no closing "/".' };
  }
  const source = line.slice(i + 1, end);
  let flagsEnd = end + 1;
  while (flagsEnd < line.length && /[a-z]/i.test(line.charAt(flagsEnd))) flagsEnd++;
  const flags = line.slice(end + 1, flagsEnd);
  const problem = regexProblem(source, flags);
  if (problem) return { ok: false, col: i, endCol: flagsEnd, message: problem };
  return { ok: true, source, flags, end: flagsEnd };
}

/** Why `/source/flags` cannot be used, or undefined. */
export function regexProblem(source: string, flags: string): string | undefined {
  if (source === '') return 'The regular expression is empty: it would match any message.';
  if (source.length > MAX_PATTERN_CHARS) {
    return `The regular expression is longer than ${MAX_PATTERN_CHARS} characters.`;
  }
  if (!ALLOWED_FLAGS.test(flags)) {
    return `Flags "${flags}" are not accepted here: use i, m, s or u (g and y make matching remember a position).`;
  }
  try {
    new RegExp(source, flags);
  } catch (error) {
    const detail = String((error as Error).message).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return `This regular expression is not valid: ${detail}.`;
  }
  return undefined;
}

/**
 * The index in `source` of a repeated group that contains a repetition (`(a+)+`, `(\w*)*`, `(x+){2,}`), or
 * undefined. A heuristic: such patterns can take exponential time on a message that almost matches.
 */
export function nestedRepetition(source: string): number | undefined {
  const groups: Array<{ start: number; repeats: boolean }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      groups.push({ start: i, repeats: false });
    } else if (c === ')') {
      const group = groups.pop();
      const next = source.charAt(i + 1);
      const repeated = next === '+' || next === '*' || next === '{';
      if (group?.repeats && repeated) return group.start;
      if (groups.length && (group?.repeats || repeated)) groups[groups.length - 1].repeats = true;
    } else if ((c === '+' || c === '*' || c === '{') && groups.length) {
      groups[groups.length - 1].repeats = true;
    }
  }
  return undefined;
}

/** A compiled pattern: tests at most the first WAIT_TEST_CHARS characters of a message. */
export type WaitMatcher = (text: string) => boolean;

/** Compiles a parsed pattern (already checked by the parser; a bad one matches nothing). */
export function compileWaitPattern(pattern: WaitPattern): WaitMatcher {
  if (pattern.type === 'text') {
    const wanted = pattern.text;
    // A text longer than the tested part could never be found in it.
    return (text) => text.length >= wanted.length && text.slice(0, WAIT_TEST_CHARS).includes(wanted);
  }
  let re: RegExp;
  try {
    re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  } catch {
    return () => false;
  }
  return (text) => re.test(text.length > WAIT_TEST_CHARS ? text.slice(0, WAIT_TEST_CHARS) : text);
}

/** The pattern as written in a book (for messages and for saving). */
export function describeWaitPattern(pattern: WaitPattern): string {
  return pattern.type === 'regex' ? `/${pattern.source}/${pattern.flags}` : JSON.stringify(pattern.text);
}
