/**
 * Issues found in a profile's shape (before any variable is resolved), addressed by path segments relative
 * to what was checked, and the checks of the placeholders in its strings. Pure.
 */
import type { IssueSeverity } from './profileModel';
import { forEachString, type JsonSegment, type JsonSegments } from './jsonPath';
import { literalText, placeholderText, scanText } from './variableSyntax';

/** One problem, where it is (relative segments) and whether it points at the property's name. */
export interface ShapeIssue {
  segments: JsonSegment[];
  message: string;
  severity: IssueSeverity;
  /** Point at the property's key rather than its value (an unknown property). */
  atKey?: boolean;
}

export function shapeError(segments: JsonSegments, message: string): ShapeIssue {
  return { segments: [...segments], message, severity: 'error' };
}

export function shapeWarning(segments: JsonSegments, message: string, atKey = false): ShapeIssue {
  return atKey
    ? { segments: [...segments], message, severity: 'warning', atKey }
    : { segments: [...segments], message, severity: 'warning' };
}

/** The issues prefixed with `base` (a connection's issues become the profile's `connection.…`). */
export function under(base: JsonSegments, issues: ShapeIssue[]): ShapeIssue[] {
  return issues.map((issue) => ({ ...issue, segments: [...base, ...issue.segments] }));
}

/** Line breaks and NUL: in a URL, a header or a request line they would inject another line. */
export const LINE_BREAK = /[\r\n\0]/;

/**
 * The placeholders inside `value`: a malformed or unknown one is an error; a `${var:NAME}` the file does not
 * define is a warning (it fails when the profile connects); a line break written next to a placeholder in a
 * one-line field is an error (no variable value can remove it).
 */
export function placeholderIssues(
  value: unknown,
  variableNames: ReadonlySet<string> | undefined,
  allowsLineBreaks: (segments: JsonSegments) => boolean,
  skip: (segments: JsonSegments) => boolean = () => false,
): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  forEachString(value, (text, segments) => {
    if (skip(segments) || !text.includes('${')) return;
    const scanned = scanText(text);
    for (const problem of scanned.problems) issues.push(shapeError(segments, problem.message));
    for (const placeholder of scanned.placeholders) {
      if (placeholder.kind === 'var' && variableNames && !variableNames.has(placeholder.name))
        issues.push(shapeWarning(segments, unknownVariableMessage(placeholder.name)));
    }
    if (scanned.placeholders.length > 0 && !allowsLineBreaks(segments) && LINE_BREAK.test(literalText(scanned)))
      issues.push(shapeError(segments, 'This value contains a line break or NUL: it must be one line.'));
  });
  return issues;
}

/** The message for `${var:NAME}` when the file's `variables` do not define NAME. */
export function unknownVariableMessage(name: string): string {
  return `${placeholderText('var', name)}: no variable "${name}" is defined in the file's "variables".`;
}
