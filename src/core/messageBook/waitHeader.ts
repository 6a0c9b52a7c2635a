/**
 * The kind line of a wait: `wait for /regex/flags [timeout <duration>]` or `wait for "text" [timeout …]`.
 * The pattern is checked here (valid, bounded, and a warning for nested repetition).
 */
import { DEFAULT_WAIT_TIMEOUT_MS, MAX_PAUSE_MS } from './bookLimits';
import type { WaitPattern } from './bookTypes';
import { headerOnly, type EntryContext, type ParsedHeader } from './entryContext';
import { parseDuration, readQuoted, readWord, skipSpaces } from './headerArgs';
import { nestedRepetition, readRegexLiteral } from './waitPattern';

const USAGE = 'Write: wait for /regex/ or wait for "text", then optionally timeout 5s.';

export function readWaitHeader(line: string, lineNo: number, at: number, ctx: EntryContext): ParsedHeader {
  const word = readWord(line, at);
  if (word.text !== 'for') {
    ctx.sink.error(lineNo, word.text ? word.start : 0, word.text ? word.end : line.length, USAGE);
    return headerOnly('wait');
  }
  const start = skipSpaces(line, word.end);
  const pattern = readPattern(line, lineNo, start, ctx);
  if (!pattern) return headerOnly('wait');
  const timeoutMs = readTimeout(line, lineNo, skipSpaces(line, pattern.end), ctx);
  if (timeoutMs === undefined) return headerOnly('wait');
  return headerOnly('wait', { kind: 'wait', pattern: pattern.pattern, timeoutMs });
}

function readPattern(line: string, lineNo: number, at: number, ctx: EntryContext) {
  const c = line.charAt(at);
  if (c === '/') {
    const literal = readRegexLiteral(line, at);
    if (!literal.ok) {
      ctx.sink.error(lineNo, literal.col, literal.endCol, literal.message);
      return undefined;
    }
    const nested = nestedRepetition(literal.source);
    if (nested !== undefined) {
      const col = at + 1 + nested;
      const message =
        'A repeated group that itself repeats, like (a+)+, can take a very long time on a message that almost ' +
        'matches. Only the first 64 KiB of each message are tested, but rewrite it if you can.';
      ctx.sink.warning(lineNo, col, col + 1, message);
    }
    const pattern: WaitPattern = { type: 'regex', source: literal.source, flags: literal.flags };
    return { pattern, end: literal.end };
  }
  if (c === '"') {
    const quoted = readQuoted(line, at);
    if (!quoted.ok) {
      ctx.sink.error(lineNo, quoted.col, line.length, quoted.message);
      return undefined;
    }
    if (quoted.value === '') {
      ctx.sink.error(lineNo, at, quoted.end, 'The text is empty: it would match any message.');
      return undefined;
    }
    ctx.templates(lineNo, at, line.slice(at, quoted.end));
    return { pattern: { type: 'text', text: quoted.value } satisfies WaitPattern, end: quoted.end };
  }
  ctx.sink.error(lineNo, at, line.length, USAGE);
  return undefined;
}

function readTimeout(line: string, lineNo: number, at: number, ctx: EntryContext): number | undefined {
  if (at >= line.length) return DEFAULT_WAIT_TIMEOUT_MS;
  const word = readWord(line, at);
  if (word.text !== 'timeout') {
    ctx.sink.error(lineNo, word.start, line.length, `Only "timeout <duration>" may follow the pattern. ${USAGE}`);
    return undefined;
  }
  const value = readWord(line, skipSpaces(line, word.end));
  const duration = parseDuration(value.text, MAX_PAUSE_MS);
  if (!duration.ok) {
    ctx.sink.error(lineNo, value.text ? value.start : word.start, value.text ? value.end : word.end, duration.message);
    return undefined;
  }
  if (duration.ms === 0) {
    ctx.sink.error(lineNo, value.start, value.end, 'A timeout of 0 would fail at once: give it some time.');
    return undefined;
  }
  const extra = skipSpaces(line, value.end);
  if (extra < line.length) ctx.sink.error(lineNo, extra, line.length, 'Nothing follows the timeout.');
  return duration.ms;
}
