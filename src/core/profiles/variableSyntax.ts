/**
 * The variables a profile's strings may hold, and how a string is read into literal text and placeholders:
 * `${env:NAME}` (the environment of the extension host), `${secret:NAME}` (VS Code's SecretStorage),
 * `${var:NAME}` (the file's `variables`), `${workspaceFolder}`. `$${` stands for a literal `${`.
 * Substitution is one pass: a value is inserted as is, never expanded again. Pure; never throws.
 */

export type PlaceholderKind = 'env' | 'secret' | 'var' | 'workspaceFolder';

/** One `${…}` in a string. */
export interface Placeholder {
  kind: PlaceholderKind;
  /** The variable's name; '' for `${workspaceFolder}`. */
  name: string;
  /** The placeholder as written, e.g. `${secret:API_TOKEN}`. */
  text: string;
  /** Offsets of the placeholder in the string: [start, end). */
  start: number;
  end: number;
}

/** A `${…}` that is not a variable this version knows, or one never closed. */
export interface PlaceholderProblem {
  start: number;
  end: number;
  message: string;
}

/** A string read into literal pieces and placeholders, in order. */
export interface ScannedText {
  parts: Array<string | Placeholder>;
  placeholders: Placeholder[];
  problems: PlaceholderProblem[];
}

/** Names of environment variables (POSIX portable names). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names of secrets: what `${secret:NAME}` and moveToSecret accept. */
export const SECRET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
/** Names of the file's variables. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

const KNOWN_FORMS = '${env:NAME}, ${secret:NAME}, ${var:NAME} or ${workspaceFolder}';

/** Whether `text` has anything that looks like a placeholder (known or not). */
export function hasPlaceholder(text: string): boolean {
  if (!text.includes('${')) return false;
  const scanned = scanText(text);
  return scanned.placeholders.length > 0 || scanned.problems.length > 0;
}

/** Reads `text` into literal pieces and placeholders. */
export function scanText(text: string): ScannedText {
  const parts: Array<string | Placeholder> = [];
  const placeholders: Placeholder[] = [];
  const problems: PlaceholderProblem[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      literal += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      literal += text[i];
      i += 1;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({ start: i, end: text.length, message: `"\${" is never closed: write ${KNOWN_FORMS}.` });
      literal += text.slice(i);
      break;
    }
    const placeholder = readPlaceholder(text.slice(i, close + 1), i);
    if (typeof placeholder === 'string') problems.push({ start: i, end: close + 1, message: placeholder });
    else {
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(placeholder);
      placeholders.push(placeholder);
    }
    i = close + 1;
  }
  if (literal !== '') parts.push(literal);
  return { parts, placeholders, problems };
}

/** The placeholder `raw` (`${…}`) at `start`, or why it is not one. */
function readPlaceholder(raw: string, start: number): Placeholder | string {
  const body = raw.slice(2, -1);
  const end = start + raw.length;
  if (body === 'workspaceFolder') return { kind: 'workspaceFolder', name: '', text: raw, start, end };
  const colon = body.indexOf(':');
  const prefix = colon < 0 ? body : body.slice(0, colon);
  const name = colon < 0 ? '' : body.slice(colon + 1);
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  if (colon < 0 || (prefix !== 'env' && prefix !== 'secret' && prefix !== 'var'))
    return `Unknown variable "${shown}": use ${KNOWN_FORMS}.`;
  const pattern = prefix === 'env' ? ENV_NAME : prefix === 'secret' ? SECRET_NAME : VARIABLE_NAME;
  if (!pattern.test(name)) return `"${shown}" does not name ${describeKind(prefix)}: ${nameRule(prefix)}.`;
  return { kind: prefix, name, text: raw, start, end };
}

function describeKind(prefix: 'env' | 'secret' | 'var'): string {
  return prefix === 'env' ? 'an environment variable' : prefix === 'secret' ? 'a secret' : 'a variable';
}

function nameRule(prefix: 'env' | 'secret' | 'var'): string {
  if (prefix === 'env') return 'letters, digits and _, not starting with a digit';
  if (prefix === 'secret') return 'letters, digits, _ . and -, at most 128 characters';
  return 'letters, digits, _ . and -, starting with a letter or _, at most 128 characters';
}

/** The text with every placeholder replaced by `valueOf(placeholder)`, inserted as is (no second pass). */
export function substitute(scanned: ScannedText, valueOf: (placeholder: Placeholder) => string): string {
  return scanned.parts.map((part) => (typeof part === 'string' ? part : valueOf(part))).join('');
}

/** The literal text of a string (placeholders left out): what no variable value can change. */
export function literalText(scanned: ScannedText): string {
  return scanned.parts.filter((part): part is string => typeof part === 'string').join('');
}

/** How a placeholder is written, for messages: `${secret:NAME}`. */
export function placeholderText(kind: PlaceholderKind, name: string): string {
  return kind === 'workspaceFolder' ? '${workspaceFolder}' : `\${${kind}:${name}}`;
}
