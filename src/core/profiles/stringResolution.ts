/**
 * Replaces the placeholders in every string of a JSON value: each secret is asked for once, every missing
 * value is an issue at the string's path, and a value with a line break is refused where the string must be
 * one line (a header, a URL). Values are inserted as is; nothing is expanded twice. Issue messages name
 * variables, never their values.
 */
import { forEachString, formatJsonPath, mapStrings, type JsonSegment, type JsonSegments } from './jsonPath';
import type { ProfileIssue } from './profileModel';
import { LINE_BREAK, unknownVariableMessage } from './shapeIssues';
import { placeholderText, scanText, substitute, type Placeholder, type ScannedText } from './variableSyntax';

/** Where variable values come from when a profile connects. */
export interface VariableContext {
  /** The extension host's environment (`process.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /** A secret from VS Code's SecretStorage by name; undefined when none is stored. */
  getSecret: (name: string) => Promise<string | undefined>;
  /** The file's `variables`. */
  variables: Readonly<Record<string, string>>;
  /** The workspace folder's path, when one is open. */
  workspaceFolder?: string;
}

export interface ResolveRules {
  /** Whether the string at these segments may contain line breaks. */
  allowsLineBreaks: (segments: JsonSegments) => boolean;
  /** Strings left exactly as written (a connection's `kind`). */
  skip: (segments: JsonSegments) => boolean;
}

export type StringsResolved =
  { ok: true; value: unknown; secrets: ReadonlyMap<string, string> } | { ok: false; issues: ProfileIssue[] };

/** A secret that could not be read (the store failed), told apart from one that is not stored. */
const UNREADABLE = Symbol('unreadable');
type SecretLookup = string | undefined | typeof UNREADABLE;

/** `value` with its placeholders replaced, or the issues (paths relative to `value`). */
export async function resolveStrings(
  value: unknown,
  context: VariableContext,
  rules: ResolveRules,
): Promise<StringsResolved> {
  const scans = new Map<string, { scanned: ScannedText; segments: JsonSegment[] }>();
  forEachString(value, (text, segments) => {
    if (!rules.skip(segments) && text.includes('$'))
      scans.set(formatJsonPath(segments), { scanned: scanText(text), segments });
  });
  const names = new Set<string>();
  for (const { scanned } of scans.values())
    for (const p of scanned.placeholders) if (p.kind === 'secret') names.add(p.name);
  const secrets = await fetchSecrets([...names], context.getSecret);
  const issues: ProfileIssue[] = [];
  const values = new Map<string, string>();
  for (const [path, { scanned, segments }] of scans) {
    for (const problem of scanned.problems) issues.push({ path, message: problem.message, severity: 'error' });
    const valueOf = (p: Placeholder): string => {
      const found = lookUp(p, context, secrets);
      if (typeof found !== 'string') issues.push({ path, message: found.problem, severity: 'error' });
      else if (!rules.allowsLineBreaks(segments) && LINE_BREAK.test(found))
        issues.push({ path, message: lineBreakMessage(p), severity: 'error' });
      return typeof found === 'string' ? found : '';
    };
    values.set(path, substitute(scanned, valueOf));
  }
  if (issues.length > 0) return { ok: false, issues };
  const resolved = mapStrings(value, (text, segments) => values.get(formatJsonPath(segments)) ?? text);
  const used = new Map<string, string>();
  for (const [name, secret] of secrets) if (typeof secret === 'string') used.set(name, secret);
  return { ok: true, value: resolved, secrets: used };
}

async function fetchSecrets(
  names: string[],
  getSecret: (name: string) => Promise<string | undefined>,
): Promise<Map<string, SecretLookup>> {
  const entries = await Promise.all(
    names.map(async (name): Promise<[string, SecretLookup]> => {
      try {
        const value = await getSecret(name);
        return [name, typeof value === 'string' ? value : undefined];
      } catch {
        return [name, UNREADABLE];
      }
    }),
  );
  return new Map(entries);
}

function lookUp(
  p: Placeholder,
  context: VariableContext,
  secrets: ReadonlyMap<string, SecretLookup>,
): string | { problem: string } {
  const shown = placeholderText(p.kind, p.name);
  if (p.kind === 'workspaceFolder')
    return context.workspaceFolder ?? { problem: `${shown} needs a workspace folder to be open.` };
  if (p.kind === 'env') {
    const value = Object.hasOwn(context.env, p.name) ? context.env[p.name] : undefined;
    return value ?? { problem: `${shown}: the environment variable ${p.name} is not set.` };
  }
  if (p.kind === 'var') {
    return Object.hasOwn(context.variables, p.name)
      ? context.variables[p.name]
      : { problem: unknownVariableMessage(p.name) };
  }
  const secret = secrets.get(p.name);
  if (secret === UNREADABLE)
    return { problem: `${shown}: the secret "${p.name}" could not be read from secret storage.` };
  return secret ?? { problem: `${shown}: no secret named "${p.name}" is stored. Store it first, then connect again.` };
}

function lineBreakMessage(p: Placeholder): string {
  const shown = placeholderText(p.kind, p.name);
  return `The value of ${shown} contains a line break or NUL, which would inject another line here; it is refused.`;
}

/** The names of the secrets referred to anywhere inside `value`. */
export function secretsUsedIn(value: unknown): Set<string> {
  const names = new Set<string>();
  forEachString(value, (text) => {
    if (text.includes('${')) for (const p of scanText(text).placeholders) if (p.kind === 'secret') names.add(p.name);
  });
  return names;
}
