/**
 * Makes invisible characters visible (issue #7): server-controlled text is split into plain runs and
 * escapes (`\0`, `\x01`, `\u200B`, `\r`, …) that the panel draws in a distinct style, so two different
 * payloads never look the same — NUL and \x01 no longer both become `�`, a zero-width space no
 * longer vanishes, and the literal text `\u200B` (plain) never looks like the real U+200B (an escape).
 * Pure: no DOM, so it is unit-tested in plain Node; visibleTextDom.ts turns segments into nodes.
 */
import { codePointLabel, invisibleCharacterName } from './characterNames';

/**
 * `line`: one-line cells (table, titles), where LF, CR and tab are escapes too.
 * `block`: multi-line views (payload, explanation, header values), where LF and CRLF stay real line
 * breaks and tab stays a tab; a lone CR (not followed by LF) is still an escape.
 */
export type TextMode = 'line' | 'block';

/** How to split: the mode, and limits that keep the DOM cost bounded. */
export interface VisibleTextOptions {
  mode: TextMode;
  /** Keep at most this many UTF-16 units of the source (an ellipsis then marks the cut). */
  maxChars?: number;
  /** Stop after this many escapes (each is one DOM node); the rest is cut like maxChars. */
  maxEscapes?: number;
}

/** A run of text shown as it is. */
export interface PlainSegment {
  kind: 'plain';
  text: string;
}

/** One invisible character, shown as `text` (e.g. `\u200B`) with `title` naming it. */
export interface EscapeSegment {
  kind: 'escape';
  text: string;
  /** `U+200B ZERO WIDTH SPACE`. */
  title: string;
  codePoint: number;
}

export type TextSegment = PlainSegment | EscapeSegment;

/** The split text; `cut` says a limit stopped it early (callers add the ellipsis). */
export interface VisibleText {
  segments: TextSegment[];
  cut: boolean;
}

// Escaped in every mode: C0 controls but tab/LF/CR, DEL, C1 controls, soft hyphen, Arabic letter mark,
// Mongolian vowel separator, zero-width space/joiners, LRM/RLM, line/paragraph separators, bidi
// embeddings/overrides (CVE-2021-42574), word joiner and invisible operators, bidi isolates, deprecated
// format characters, BOM, interlinear annotation marks.
const ALWAYS =
  '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f' +
  '\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';
// Tag characters U+E0000–U+E007F (invisible ASCII, used to smuggle text), and lone surrogates (which
// every font draws as the same `�`). No `u` flag: the regex walks UTF-16 units, as the cuts do.
const PAIRS =
  '|\\udb40[\\udc00-\\udc7f]' + '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const SOURCE: Record<TextMode, string> = {
  line: `[${ALWAYS}\\t\\n\\r]${PAIRS}`,
  block: `[${ALWAYS}]|\\r(?!\\n)${PAIRS}`,
};
// Separate non-global copies for the fast test: a global regex's lastIndex would leak between calls.
const TEST: Record<TextMode, RegExp> = { line: new RegExp(SOURCE.line), block: new RegExp(SOURCE.block) };
const SPLIT: Record<TextMode, RegExp> = { line: new RegExp(SOURCE.line, 'g'), block: new RegExp(SOURCE.block, 'g') };

const SHORT_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0, '\\0'],
  [9, '\\t'],
  [10, '\\n'],
  [13, '\\r'],
]);

/** The escape shown for a code point: `\0`, `\t`, `\n`, `\r`, `\x1B`, `\u200B`, `\u{E0041}`. */
export function escapeFor(codePoint: number): string {
  const short = SHORT_ESCAPES.get(codePoint);
  if (short) return short;
  const hex = codePoint.toString(16).toUpperCase();
  if (codePoint <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (codePoint <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\u{${hex}}`;
}

/** True when `text` holds something `mode` shows as an escape: one regex test, no allocation. */
export function hasInvisible(text: string, mode: TextMode): boolean {
  return TEST[mode].test(text);
}

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Where to cut `text` to keep at most `maxChars` units including the ellipsis: never between the two
 * halves of a surrogate pair (that would show a lone surrogate) nor between the CR and LF of a CRLF
 * (that would show a lone CR).
 */
export function cutIndex(text: string, maxChars: number): number {
  if (text.length <= maxChars) return text.length;
  let end = Math.max(0, maxChars - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) && isLowSurrogate(text.charCodeAt(end))) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10) end--;
  return end;
}

function escapeSegment(match: string): EscapeSegment {
  const codePoint = match.codePointAt(0) ?? 0;
  const title = `${codePointLabel(codePoint)} ${invisibleCharacterName(codePoint)}`;
  return { kind: 'escape', text: escapeFor(codePoint), title, codePoint };
}

/** Splits `text` into plain runs and escapes. Text with nothing to escape comes back as one plain run. */
export function splitVisible(text: string, options: VisibleTextOptions): VisibleText {
  const end = options.maxChars === undefined ? text.length : cutIndex(text, options.maxChars);
  const source = end < text.length ? text.slice(0, end) : text;
  let cut = end < text.length;
  if (!hasInvisible(source, options.mode)) return { segments: source ? [{ kind: 'plain', text: source }] : [], cut };
  const segments: TextSegment[] = [];
  const maxEscapes = options.maxEscapes ?? Infinity;
  const pattern = SPLIT[options.mode];
  pattern.lastIndex = 0;
  let from = 0;
  let escapes = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    if (match.index > from) segments.push({ kind: 'plain', text: source.slice(from, match.index) });
    if (escapes === maxEscapes) {
      cut = true;
      break;
    }
    segments.push(escapeSegment(match[0]));
    escapes++;
    from = match.index + match[0].length;
  }
  if (!cut && from < source.length) segments.push({ kind: 'plain', text: source.slice(from) });
  return { segments, cut };
}

/**
 * The split text as one string, escapes written out (`a\u200Bb…`): for tooltips and labels, which
 * cannot hold styled spans. Ambiguous with a literal backslash, so use it only next to the styled view.
 */
export function visibleString(text: string, options: VisibleTextOptions): string {
  const { segments, cut } = splitVisible(text, options);
  const joined = segments.length === 1 ? segments[0].text : segments.map((s) => s.text).join('');
  return cut ? `${joined}…` : joined;
}
