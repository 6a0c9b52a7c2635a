/**
 * Where things are in a profile file: offsets turned into zero-based lines and columns, the node of a JSON
 * path (or of its nearest existing parent when the field is missing), and jsonc-parser's syntax errors
 * said in our words. Pure.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseJsonPath, type JsonSegments } from './jsonPath';
import type { TextRange } from './profileModel';

/** Turns offsets of one text into ranges. */
export interface TextLocator {
  range(offset: number, length: number): TextRange;
}

export function createTextLocator(text: string): TextLocator {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lineStarts.push(i + 1);
  }
  const position = (offset: number) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: at - lineStarts[low] };
  };
  return {
    range: (offset, length) => ({ start: position(offset), end: position(offset + length), offset, length }),
  };
}

/**
 * The node at `segments`, or the nearest existing parent's when the field is missing. With `atKey`, the
 * property's name rather than its value.
 */
export function nodeForPath(root: Node, segments: JsonSegments, atKey = false): Node {
  for (let n = segments.length; n > 0; n--) {
    const node = findNodeAtLocation(root, [...segments.slice(0, n)]);
    if (!node) continue;
    const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return atKey && n === segments.length && key ? key : node;
  }
  return root;
}

/**
 * Where the field at `path` (a JSON path of the file, e.g. `profiles[2].` + the path of an issue found when
 * the profile connected) is in `text`, or its nearest existing parent; undefined when the text is not JSON.
 */
export function rangeOfPath(text: string, path: string): TextRange | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  const node = nodeForPath(root, parseJsonPath(path));
  return createTextLocator(text).range(node.offset, node.length);
}

/** By jsonc-parser's error name (its codes are a `const enum`, which isolated modules cannot read). */
const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'a property name in double quotes is expected here',
  ValueExpected: 'a value is expected here',
  ColonExpected: 'a ":" is expected here',
  CommaExpected: 'a "," is expected here',
  CloseBraceExpected: 'a "}" is expected here to close the object',
  CloseBracketExpected: 'a "]" is expected here to close the list',
  EndOfFileExpected: 'nothing may follow the closing "}"',
  InvalidCommentToken: 'a malformed comment',
  UnexpectedEndOfComment: 'a comment that is never closed',
  UnexpectedEndOfString: 'a string that is never closed',
  UnexpectedEndOfNumber: 'a number that ends too early',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'an unknown escape after "\\"',
  InvalidCharacter: 'a line break or control character inside a string (write \\n or \\t)',
};

/** A syntax error in our words: `Invalid JSON: a "," is expected here.` */
export function syntaxErrorMessage(error: ParseError): string {
  return `Invalid JSON: ${SYNTAX_MESSAGES[printParseErrorCode(error.error)] ?? 'the text cannot be read as JSON'}.`;
}
