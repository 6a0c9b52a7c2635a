/**
 * Checks the body of a `binary hex` or `binary base64` entry with the rules the session applies when it
 * sends (payload/binaryInput.ts), and says which character of which line is wrong. Linear.
 */

/** A problem at a line of the body (index in `lines`) and a column. */
export interface BodyProblem {
  lineIndex: number;
  col: number;
  endCol: number;
  message: string;
}

/** Hex: digits in pairs; `0x` prefixes, whitespace, `,` `:` `;` `-` between them are ignored. */
export function checkHex(lines: readonly string[]): BodyProblem | undefined {
  let digits = 0;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      if (c === '0' && (line.charAt(i + 1) === 'x' || line.charAt(i + 1) === 'X')) i++;
      else if (isHexDigit(c)) digits++;
      else if (!isHexSeparator(c)) {
        return { lineIndex: n, col: i, endCol: i + 1, message: `"${c}" is not a hex digit.` };
      }
    }
  }
  if (digits % 2 === 0) return undefined;
  const last = lines.length - 1;
  const message = `The hex has an odd number of digits (${digits}): each byte takes two.`;
  return { lineIndex: last, col: 0, endCol: lines[last]?.length ?? 0, message };
}

/** Base64, standard or URL-safe, padding optional; whitespace and line breaks are ignored. */
export function checkBase64(lines: readonly string[]): BodyProblem | undefined {
  let count = 0;
  let padding: { lineIndex: number; col: number } | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    for (let i = 0; i < line.length; i++) {
      const c = line.charAt(i);
      if (isSpace(c)) continue;
      if (c === '=') {
        padding ??= { lineIndex: n, col: i };
        continue;
      }
      if (!/[A-Za-z0-9+/_-]/.test(c)) {
        return { lineIndex: n, col: i, endCol: i + 1, message: `"${c}" is not a base64 character.` };
      }
      if (padding) {
        const message = 'Base64 padding ("=") may only come at the end.';
        return { lineIndex: padding.lineIndex, col: padding.col, endCol: padding.col + 1, message };
      }
      count++;
    }
  }
  if (count % 4 !== 1) return undefined;
  const last = lines.length - 1;
  const message = `The base64 has an impossible length (${count} characters): one too many or too few.`;
  return { lineIndex: last, col: 0, endCol: lines[last].length, message };
}

function isHexDigit(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

function isHexSeparator(c: string): boolean {
  return c === ',' || c === ':' || c === ';' || c === '-' || isSpace(c);
}

/** What `\s` matches, without a regular expression for the common characters. */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || (c > '~' ? /\s/.test(c) : c === '\n' || c === '\r' || c === '\f' || c === '\v');
}
