/**
 * Resolving a profile when it connects: every `${env:…}`, `${secret:…}`, `${var:…}` and `${workspaceFolder}`
 * replaced by its value (one pass: a value is never expanded again), then the options validated again with
 * core's validateConnectionOptions. Issues point at fields and name what is missing (a secret by its name,
 * never its value). Secret values appear only in the resolved options and in `secretValues`, which the
 * session hands to its Redactor so they are masked everywhere. Pure apart from `getSecret`.
 */
import type { ConnectionOptions, ResolvedConnectionOptions, ValidationIssue } from '../connection/connectionOptions';
import { validateConnectionOptions } from '../connection/connectionOptions';
import type { ProfileProxy } from '../network/proxyChoice';
import { redactUrlsInText } from '../redaction/urlRedaction';
import type { SendRequest } from '../session/sendRequest';
import { parseSendRequest } from '../session/sendRequestValidation';
import { allowsLineBreaks } from './connectionFields';
import { formatJsonPath, parseJsonPath, valueAt } from './jsonPath';
import type { Profile, ProfileIssue } from './profileModel';
import { resolveProfileProxy } from './profileProxyResolver';
import { resolveStrings, secretsUsedIn, type VariableContext } from './stringResolution';
import { placeholderText } from './variableSyntax';

export type { VariableContext } from './stringResolution';

/** A profile ready to connect, or why not. */
export type ResolvedProfile =
  | {
      ok: true;
      /** The connection with every variable replaced (what the Redactor's CredentialSources come from). */
      connection: ConnectionOptions;
      /** The same, validated, defaults filled in: what the engine takes. */
      options: ResolvedConnectionOptions;
      /** Every secret value used, for the session's Redactor. */
      secretValues: string[];
      /** The profile's own proxy, resolved (issue 12); undefined: VS Code's and the environment's. */
      proxy?: ProfileProxy;
    }
  | { ok: false; issues: ProfileIssue[] };

/** Resolves and validates a profile's connection. Issue paths are relative to the profile (`connection.url`). */
export async function resolveProfile(profile: Profile, context: VariableContext): Promise<ResolvedProfile> {
  const resolved = await resolveStrings(profile.connection, context, {
    allowsLineBreaks,
    skip: (segments) => segments[0] === 'kind',
  });
  if (!resolved.ok) return { ok: false, issues: resolved.issues.map((i) => relocate(i, ['connection'])) };
  const result = validateConnectionOptions(resolved.value);
  if (!result.ok) {
    const issues = result.issues.map((issue) => validatorIssue(issue, profile.connection, resolved.secrets));
    return { ok: false, issues };
  }
  const proxy = await resolveProfileProxy(profile, context);
  if (!proxy.ok) return proxy;
  const secretValues = [...new Set([...resolved.secrets.values(), ...proxy.secretValues])].filter((v) => v !== '');
  const connection = resolved.value as ConnectionOptions;
  if (proxy.proxy) return { ok: true, connection, options: result.value, secretValues, proxy: proxy.proxy };
  return { ok: true, connection, options: result.value, secretValues };
}

/** A saved message ready to send, or why not. */
export type ResolvedMessage =
  { ok: true; request: SendRequest; secretValues: string[] } | { ok: false; issues: ProfileIssue[] };

/** Resolves the profile's saved message `index` (paths relative to the profile: `messages[0].request.text`). */
export async function resolveSavedMessage(
  profile: Profile,
  index: number,
  context: VariableContext,
): Promise<ResolvedMessage> {
  const base = ['messages', index, 'request'];
  const message = profile.messages?.[index];
  if (!message) return { ok: false, issues: [issueAt(['messages', index], 'There is no saved message here.')] };
  const resolved = await resolveStrings(message.request, context, {
    allowsLineBreaks: () => true,
    skip: (segments) => segments[0] === 'kind',
  });
  if (!resolved.ok) return { ok: false, issues: resolved.issues.map((i) => relocate(i, base)) };
  const parsed = parseSendRequest(resolved.value);
  if (!parsed.ok) return { ok: false, issues: [issueAt(base, parsed.reason)] };
  const secretValues = [...new Set(resolved.secrets.values())].filter((v) => v !== '');
  return { ok: true, request: parsed.value, secretValues };
}

function issueAt(segments: ReadonlyArray<string | number>, message: string): ProfileIssue {
  return { path: formatJsonPath(segments), message, severity: 'error' };
}

function relocate(issue: ProfileIssue, base: ReadonlyArray<string | number>): ProfileIssue {
  return { ...issue, path: formatJsonPath([...base, ...parseJsonPath(issue.path)]) };
}

/**
 * A validator issue about the resolved options, with no secret in it: each secret value in the message is
 * replaced by its placeholder, and a message that still holds part of one (validators cut long values
 * short) is replaced by a plain one that names the secret.
 */
function validatorIssue(issue: ValidationIssue, original: unknown, secrets: ReadonlyMap<string, string>): ProfileIssue {
  const segments = parseJsonPath(issue.field);
  const path = formatJsonPath(['connection', ...segments]);
  const inField = secretsUsedIn(segments.length ? valueAt(original, segments) : original);
  let message = issue.message;
  for (const [name, value] of secrets)
    if (value.length >= MIN_REPLACED_CHARS) message = message.split(value).join(placeholderText('secret', name));
  for (const [name, value] of secrets) {
    if (leaksPart(message, value, inField.has(name))) {
      const shown = placeholderText('secret', name);
      return issueAt(['connection', ...segments], `Not valid once ${shown} is filled in (its value is not shown).`);
    }
  }
  return { path, message: redactUrlsInText(message), severity: 'error' };
}

/** Shorter secrets are not searched for as a whole in messages: "ab" is part of many words. */
const MIN_REPLACED_CHARS = 4;

/** Whether `message` still holds 4 characters in a row of `secret` (or a short secret used in this field). */
function leaksPart(message: string, secret: string, usedInField: boolean): boolean {
  if (secret.length < MIN_REPLACED_CHARS) return usedInField && secret !== '' && message.includes(secret);
  for (let i = 0; i + MIN_REPLACED_CHARS <= secret.length; i++)
    if (message.includes(secret.slice(i, i + MIN_REPLACED_CHARS))) return true;
  return false;
}
