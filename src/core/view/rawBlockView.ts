/**
 * The "Raw" section of a Server-Sent Events row (issue 11: "the raw chunks as they arrived available in
 * details"): the block as received (SseMeta.raw), each line end told apart (CRLF, LF or CR: the pane draws them
 * so those streams never look alike), and a mark where each network read ended. Credentials are masked by the session's
 * redactor like the payload is, and the read ends are moved to where they fall in the masked text. Built when
 * the row's details are asked for, never when the event is recorded. Pure.
 */
import type { SseMeta } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';
import type { RawBlockDto, RawPartDto } from './viewModel';

const CR = 0x0d;
const LF = 0x0a;
const READ_END: RawPartDto = { kind: 'readEnd' };

/**
 * Where a cut block's last word stops: a credential the cut went through would show its first characters
 * unmasked (the redactor only knows whole values), so the word the cut ends in is left out.
 */
const WORD_STOPS = new Set([...' \t\r\n"\'<>{}[],;:=&?'].map((c) => c.charCodeAt(0)));

/** The raw section of `sse`, masked by `redactor` (`onMasked` is called when that changed anything). */
export function projectRawBlock(sse: SseMeta, redactor: Redactor, onMasked: () => void): RawBlockDto | undefined {
  if (sse.raw === undefined) return undefined;
  const truncated = sse.rawTruncated === true;
  const raw = truncated ? withoutLastWord(sse.raw) : sse.raw;
  let ends = (sse.chunkEnds ?? []).filter((at) => at >= 0 && at <= raw.length);
  const masked = redactor.text(raw);
  if (masked !== raw) {
    onMasked();
    ends = ends.map((at) => maskedOffset(raw, masked, at, redactor)).sort((a, b) => a - b);
  }
  const dto: RawBlockDto = { parts: rawParts(masked, ends), truncated };
  const note = rawNote(sse, truncated, raw.length);
  if (note !== undefined) dto.note = note;
  return dto;
}

/** `text` cut into runs, line ends and read ends; `readEnds` are ascending offsets in `text`. */
export function rawParts(text: string, readEnds: readonly number[]): RawPartDto[] {
  const parts: RawPartDto[] = [];
  let from = 0;
  let next = 0;
  const runTo = (at: number): void => {
    if (at > from) parts.push({ kind: 'text', text: text.slice(from, at) });
    from = at;
  };
  for (let i = 0; i <= text.length; i++) {
    for (; next < readEnds.length && readEnds[next] === i; next++) {
      runTo(i);
      parts.push(READ_END);
    }
    const code = text.charCodeAt(i);
    if (code !== CR && code !== LF) continue;
    runTo(i);
    const crlf = code === CR && text.charCodeAt(i + 1) === LF;
    // A read that ended between the CR and the LF: both are drawn, the line breaks after the LF.
    const split = crlf && readEnds[next] === i + 1;
    if (crlf && !split) i++;
    parts.push({ kind: 'lineEnd', ends: crlf && !split ? 'CRLF' : code === CR ? 'CR' : 'LF', breaks: !split });
    from = i + 1;
  }
  runTo(text.length);
  return parts;
}

/**
 * Where the read end at `at` of `raw` falls in `masked` (redactor.text(raw)): after the masked text before it,
 * or, when the read ended inside a masked value, where that value's mask begins.
 */
function maskedOffset(raw: string, masked: string, at: number, redactor: Redactor): number {
  const head = redactor.text(raw.slice(0, at));
  if (masked.startsWith(head)) return head.length;
  let same = 0;
  const max = Math.min(head.length, masked.length);
  while (same < max && head.charCodeAt(same) === masked.charCodeAt(same)) same++;
  return same;
}

/** `raw` without the word the cut ended in (back to a space, a line end or a delimiter). */
function withoutLastWord(raw: string): string {
  let end = raw.length;
  while (end > 0 && !WORD_STOPS.has(raw.charCodeAt(end - 1))) end--;
  return raw.slice(0, end);
}

/** What the section does not show, in words. */
function rawNote(sse: SseMeta, truncated: boolean, shownChars: number): string | undefined {
  if (truncated) {
    const of = sse.bytes !== undefined ? ` of ${sse.bytes} bytes` : '';
    return `Cut: the first ${shownChars} characters${of} are shown; the rest was not kept.`;
  }
  const kept = sse.chunkEnds?.length ?? 0;
  const all = (sse.chunks ?? 1) - 1;
  if (all > kept) return `The first ${kept} of ${all} read ends are marked.`;
  return undefined;
}
