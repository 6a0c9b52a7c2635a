/**
 * The shape of one saved profile: id, name, description, its connection (connectionShape.ts), its saved
 * messages and the fields reserved for issue 12. An error means the profile cannot be used (it is skipped
 * while the others load); a warning is reported and the profile still loads. Pure; never throws.
 */
import { CONNECTION_KIND_LABELS } from '../connection/connectionKinds';
import { acceptsSendKind, SEND_KINDS, type SendKind } from '../session/sendRequest';
import { parseSendRequest } from '../session/sendRequestValidation';
import { readReconnectSetting } from '../reconnect/reconnectPolicy';
import { SEND_REQUEST_FIELDS } from './connectionFields';
import { checkConnectionShape, isConnectionKind, PLACEHOLDER_STAND_IN } from './connectionShape';
import { isJsonObject, mapStrings, type JsonSegment } from './jsonPath';
import { PROFILE_FIELDS, type Profile } from './profileModel';
import { checkProfileProxy } from './profileProxyShape';
import { placeholderIssues, shapeError, shapeWarning, under, type ShapeIssue } from './shapeIssues';
import { checkProfileTls } from './profileTlsShape';
import { scanText, substitute } from './variableSyntax';

/** Longest id and name accepted. */
export const MAX_ID_CHARS = 128;
export const MAX_NAME_CHARS = 200;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export interface ProfileCheck {
  /** The profile when it has no error (its id may be missing: see `needsId`). */
  profile?: Profile;
  /** True when the id is missing: the caller gives it one. */
  needsId: boolean;
  issues: ShapeIssue[];
}

/** Checks one profile object (paths relative to it). `variableNames`: the file's variables, when known. */
export function checkProfile(value: unknown, variableNames?: ReadonlySet<string>): ProfileCheck {
  if (!isJsonObject(value))
    return { needsId: false, issues: [shapeError([], 'A profile must be an object { "id", "name", "connection" }.')] };
  const issues: ShapeIssue[] = [];
  for (const key of Object.keys(value))
    if (!(PROFILE_FIELDS as readonly string[]).includes(key))
      issues.push(shapeWarning([key], `"${key}" is not a field of a profile; it is ignored.`, true));
  const needsId = value.id === undefined;
  if (needsId) issues.push(shapeWarning([], 'This profile has no "id"; one is written when the file is next saved.'));
  else checkText(value.id, ['id'], MAX_ID_CHARS, 'The id', issues);
  checkText(value.name, ['name'], MAX_NAME_CHARS, 'The name', issues);
  if (value.description !== undefined && typeof value.description !== 'string')
    issues.push(shapeError(['description'], 'The description must be text.'));
  issues.push(...under(['connection'], checkConnectionShape(value.connection, variableNames)));
  issues.push(...checkMessages(value.messages, value.connection, variableNames));
  issues.push(...checkReserved(value, variableNames));
  if (issues.some((issue) => issue.severity === 'error')) return { needsId, issues };
  return { profile: value as unknown as Profile, needsId, issues };
}

/** A required one-line string of at most `max` characters. */
function checkText(value: unknown, segments: JsonSegment[], max: number, what: string, issues: ShapeIssue[]): void {
  if (value === undefined) issues.push(shapeError(segments, `${what} is missing.`));
  else if (typeof value !== 'string' || value.trim() === '')
    issues.push(shapeError(segments, `${what} must be a non-empty string.`));
  else if (value.length > max || CONTROL_CHARS.test(value))
    issues.push(shapeError(segments, `${what} must be one line of at most ${max} characters.`));
}

/** Saved messages: each a name and a send request this kind of session can send. */
function checkMessages(value: unknown, connection: unknown, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [shapeError(['messages'], 'Messages must be a list of { "name", "request" }.')];
  const kind = isJsonObject(connection) && isConnectionKind(connection.kind) ? connection.kind : undefined;
  return value.flatMap((message: unknown, i) => {
    const base: JsonSegment[] = ['messages', i];
    if (!isJsonObject(message)) return [shapeError(base, 'A saved message must be an object { "name", "request" }.')];
    const issues: ShapeIssue[] = [];
    for (const key of Object.keys(message))
      if (key !== 'name' && key !== 'request')
        issues.push(shapeWarning([...base, key], `"${key}" is not a field of a saved message; it is ignored.`, true));
    checkText(message.name, [...base, 'name'], MAX_NAME_CHARS, 'The message name', issues);
    issues.push(...under([...base, 'request'], checkRequest(message.request, kind, variableNames)));
    return issues;
  });
}

/** One send request: core's parseSendRequest on it with placeholders stood in for, plus unknown fields. */
function checkRequest(value: unknown, kind: string | undefined, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  if (!isJsonObject(value)) return [shapeError([], 'The request must be an object with a "kind".')];
  const sendKind = value.kind;
  if (typeof sendKind !== 'string' || !(SEND_KINDS as readonly string[]).includes(sendKind))
    return [shapeError(['kind'], `Unknown message kind; use one of ${SEND_KINDS.map((k) => `"${k}"`).join(', ')}.`)];
  const issues = placeholderIssues(value, variableNames, () => true);
  const known = SEND_REQUEST_FIELDS[sendKind as SendKind];
  for (const key of Object.keys(value))
    if (!known.includes(key))
      issues.push(shapeWarning([key], `"${key}" is not a field of a "${sendKind}" message.`, true));
  const standIn = mapStrings(value, (text, segments) =>
    substitute(scanText(text), () => (segments[0] === 'namespace' ? `/${PLACEHOLDER_STAND_IN}` : PLACEHOLDER_STAND_IN)),
  );
  const parsed = parseSendRequest(standIn);
  if (!parsed.ok) issues.push(shapeError([], parsed.reason));
  if (kind && isConnectionKind(kind) && !acceptsSendKind(kind, sendKind as SendKind))
    issues.push(
      shapeWarning(['kind'], `A ${CONNECTION_KIND_LABELS[kind]} session cannot send "${sendKind}" messages.`),
    );
  return issues;
}

/** The reconnect policy (issue 12): "off" or an object, as core's reconnect policy reads it. */
function checkReconnect(value: unknown): ShapeIssue[] {
  return readReconnectSetting(value).issues.map((issue) => {
    const segments = issue.field === undefined ? ['reconnect'] : ['reconnect', issue.field];
    return issue.severity === 'error'
      ? shapeError(segments, issue.message)
      : shapeWarning(segments, issue.message, issue.field !== undefined);
  });
}

/** The fields reserved for issue 12: only their JSON type is checked (so their TypeScript type holds). */
function checkReserved(profile: Record<string, unknown>, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  // The profile's proxy (issue 12): its own, or none; checked in profileProxyShape.ts.
  if (profile.proxy !== undefined) issues.push(...under(['proxy'], checkProfileProxy(profile.proxy, variableNames)));
  for (const key of ['tls'] as const)
    if (profile[key] !== undefined && !isJsonObject(profile[key]))
      issues.push(shapeError([key], `"${key}" must be an object (reserved for a later version; not used yet).`));
  // The profile's TLS trust (pins, client certificate) is read since issue 12: checked in profileTlsShape.ts.
  if (isJsonObject(profile.tls)) issues.push(...under(['tls'], checkProfileTls(profile.tls, variableNames)));
  issues.push(...checkReconnect(profile.reconnect));
  return issues;
}
