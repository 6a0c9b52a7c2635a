/**
 * The shape of a saved connection, checked when its file is read, before any variable is resolved: a known
 * kind, no unknown fields, well-formed placeholders, and everything core's validateConnectionOptions checks
 * except what a placeholder could still change. A `${…}` never makes a field invalid here; the field is
 * validated again, with its real value, when the profile connects (variableResolver.ts). Pure.
 */
import { CONNECTION_KIND_LABELS, type ConnectionKind } from '../connection/connectionKinds';
import { validateConnectionOptions, type ValidationIssue } from '../connection/connectionOptions';
import { redactUrlsInText } from '../redaction/urlRedaction';
import { CONNECTION_FIELDS, CONNECTION_KINDS, NESTED_FIELDS, allowsLineBreaks } from './connectionFields';
import {
  forEachString,
  isJsonObject,
  mapStrings,
  parseJsonPath,
  someString,
  valueAt,
  type JsonSegment,
} from './jsonPath';
import { placeholderIssues, shapeError, shapeWarning, type ShapeIssue } from './shapeIssues';
import { hasPlaceholder, scanText, substitute } from './variableSyntax';

/**
 * What a placeholder may stand for while the shape is checked. A field with a placeholder is reported only when
 * it is invalid with every one of them: "0" keeps a host, a port, a header value, a JSON number or string and a
 * subprotocol valid; "/0" a path or namespace; the URLs a placeholder that holds a whole URL.
 */
export const PLACEHOLDER_STAND_INS = ['0', '/0', 'ws://0/', 'http://0/'] as const;
/** The stand-in used for saved messages (their fields are not URLs). */
export const PLACEHOLDER_STAND_IN = PLACEHOLDER_STAND_INS[0];

/** Issues of a saved connection (paths relative to it). `variableNames`: the file's variables, when known. */
export function checkConnectionShape(value: unknown, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  if (!isJsonObject(value)) return [shapeError([], 'The connection must be an object { "kind": …, "url": … }.')];
  const kind = value.kind;
  if (!isConnectionKind(kind)) return [shapeError(['kind'], unknownKindMessage(kind))];
  const isKind = (segments: readonly JsonSegment[]): boolean => segments[0] === 'kind';
  return [
    ...unknownFieldIssues(value, kind),
    ...placeholderIssues(value, variableNames, allowsLineBreaks, isKind),
    ...validatorIssues(value),
  ];
}

export function isConnectionKind(kind: unknown): kind is ConnectionKind {
  return typeof kind === 'string' && (CONNECTION_KINDS as string[]).includes(kind);
}

function unknownKindMessage(kind: unknown): string {
  const known = CONNECTION_KINDS.map((k) => `"${k}"`).join(', ');
  if (kind === undefined) return `The connection needs a "kind": one of ${known}.`;
  const shown = typeof kind === 'string' ? JSON.stringify(kind.slice(0, 40)) : JSON.stringify(kind);
  const variable = typeof kind === 'string' && hasPlaceholder(kind) ? ' (the kind cannot be a variable)' : '';
  return `Unknown connection kind ${shown}${variable}: use one of ${known}.`;
}

/** Fields the kind does not have, at the top and inside tls, cursor, retry and each namespace. */
function unknownFieldIssues(connection: Record<string, unknown>, kind: ConnectionKind): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const label = CONNECTION_KIND_LABELS[kind];
  for (const key of Object.keys(connection)) {
    if (CONNECTION_FIELDS[kind].includes(key)) continue;
    const socketIoOnly = kind === 'engineio' && CONNECTION_FIELDS.socketio.includes(key);
    const message = socketIoOnly
      ? `"${key}" is used by Socket.IO connections only; an Engine.IO connection ignores it.`
      : `"${key}" is not an option of a ${label} connection; it is ignored.`;
    issues.push(shapeWarning([key], message, true));
  }
  for (const [field, known] of Object.entries(NESTED_FIELDS)) {
    if (!CONNECTION_FIELDS[kind].includes(field)) continue;
    const nested = connection[field];
    const objects: Array<[JsonSegment[], unknown]> = Array.isArray(nested)
      ? nested.map((item: unknown, i) => [[field, i], item])
      : [[[field], nested]];
    for (const [base, item] of objects) {
      if (!isJsonObject(item)) continue;
      for (const key of Object.keys(item))
        if (!known.includes(key)) issues.push(shapeWarning([...base, key], `"${key}" is not an option here.`, true));
    }
  }
  return issues;
}

/** core's validator on the connection with its placeholders stood in for (see PLACEHOLDER_STAND_INS). */
function validatorIssues(connection: Record<string, unknown>): ShapeIssue[] {
  const [first, ...others] = PLACEHOLDER_STAND_INS.map((standIn) => validate(connection, standIn));
  const issues: ShapeIssue[] = [];
  for (const issue of first) {
    const segments = parseJsonPath(issue.field);
    const field = segments.length > 0 ? valueAt(connection, segments) : undefined;
    const withPlaceholder = someString(field, hasPlaceholder);
    if (withPlaceholder && others.some((run) => !run.some((i) => i.field === issue.field))) continue;
    const message = withPlaceholder ? showPlaceholders(issue.message, field) : issue.message;
    issues.push(shapeError(segments, redactUrlsInText(message)));
  }
  return issues;
}

function validate(connection: Record<string, unknown>, standIn: string): ValidationIssue[] {
  const stoodIn = mapStrings(connection, (text, segments) =>
    segments[0] === 'kind' ? text : substitute(scanText(text), () => standIn),
  );
  const result = validateConnectionOptions(stoodIn);
  return result.ok ? [] : result.issues;
}

/** The message with the field's strings as written (placeholders) where it quotes them with a stand-in. */
function showPlaceholders(message: string, field: unknown): string {
  let out = message;
  forEachString(field, (text) => {
    const stoodIn = substitute(scanText(text), () => PLACEHOLDER_STAND_INS[0]);
    if (stoodIn.length > 1 && stoodIn !== text) out = out.split(stoodIn).join(text);
  });
  return out;
}
