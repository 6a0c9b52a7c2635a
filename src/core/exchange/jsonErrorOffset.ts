/**
 * Where a JSON text stops being JSON (RFC 8259), for the error message of an import: Node's JSON.parse names
 * the position for some errors only ("Unexpected token ';', ..."_priority"; "High"..." has none). A scan
 * without building values, iterative (a file nested 100,000 deep does not overflow the stack), run only once
 * JSON.parse has failed. Pure.
 */

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after';

const LITERALS: Record<string, string> = { t: 'true', f: 'false', n: 'null' };
const WHITESPACE = /[ \t\n\r]*/y;

/** The offset of the first character that is not JSON (the text's length when it ends too early); -1: valid. */
export function jsonErrorOffset(text: string): number {
  const open: string[] = [];
  let state: State = 'value';
  let i = skip(text, 0);
  while (i < text.length) {
    const c = text[i];
    if (state === 'colon') {
      if (c !== ':') return i;
      state = 'value';
    } else if (state === 'after') {
      const close = open[open.length - 1];
      if (c === ',' && close) state = close === '}' ? 'key' : 'value';
      else if (c === close) open.pop();
      else return i;
    } else if ((state === 'value-or-close' && c === ']') || (state === 'key-or-close' && c === '}')) {
      open.pop();
      state = 'after';
    } else if (state === 'key' || state === 'key-or-close') {
      const end = c === '"' ? stringEnd(text, i) : i;
      if (end <= i) return end < 0 ? -end - 1 : i;
      i = skip(text, end);
      state = 'colon';
      continue;
    } else {
      const next = valueEnd(text, i, open);
      if (next < 0) return -next - 1;
      state = c === '{' ? 'key-or-close' : c === '[' ? 'value-or-close' : 'after';
      i = skip(text, next);
      continue;
    }
    i = skip(text, i + 1);
  }
  return state === 'after' && open.length === 0 ? -1 : text.length;
}

/** The end of the value at `i` (just past it; just past `{` or `[` for a container, which is pushed). */
function valueEnd(text: string, i: number, open: string[]): number {
  const c = text[i];
  if (c === '{' || c === '[') {
    open.push(c === '{' ? '}' : ']');
    return i + 1;
  }
  if (c === '"') return stringEnd(text, i);
  const literal = LITERALS[c];
  if (literal) {
    for (let k = 1; k < literal.length; k++) if (text[i + k] !== literal[k]) return -(i + k) - 1;
    return i + literal.length;
  }
  return numberEnd(text, i);
}

/** Just past the number at `i` (`-? (0 | [1-9]\d*) (. \d+)? ([eE] [+-]? \d+)?`), or -(offset of the fault) - 1. */
function numberEnd(text: string, i: number): number {
  let j = i;
  const digits = (): boolean => {
    const start = j;
    while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
    return j > start;
  };
  if (text[j] === '-') j++;
  if (text[j] === '0') j++;
  else if (!digits()) return -j - 1;
  if (text[j] === '.') {
    j++;
    if (!digits()) return -j - 1;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!digits()) return -j - 1;
  }
  return j;
}

/** Just past the string starting at `i`, or -(offset of the fault) - 1. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (code === 0x22) return j + 1;
    if (code < 0x20) return -j - 1;
    if (code !== 0x5c) continue;
    const escape = text[j + 1];
    if (escape === 'u') {
      for (let k = j + 2; k < j + 6; k++) if (!/[0-9a-fA-F]/.test(text[k] ?? '')) return -k - 1;
      j += 5;
    } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) j++;
    else return -(j + 1) - 1;
  }
  return -text.length - 1;
}

function skip(text: string, i: number): number {
  WHITESPACE.lastIndex = i;
  WHITESPACE.test(text);
  return WHITESPACE.lastIndex;
}
