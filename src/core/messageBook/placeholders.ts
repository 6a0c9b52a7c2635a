/**
 * The placeholders of a message book: `{{name}}` (a file variable), `${env:NAME}` and `${secret:NAME}` (left
 * for the host to resolve), and the escapes `\{{` and `\${` that write `{{` and `${` as they are. Found by one
 * linear scan; filled in on demand, each inserted value taken as it is (never scanned again), so a value
 * holding `{{x}}` stays `{{x}}`.
 */
import { MAX_RESOLVED_CHARS } from './bookLimits';

export type PlaceholderToken =
  | { type: 'escape'; literal: '{{' | '${'; start: number; end: number }
  | { type: 'variable'; name: string; start: number; end: number }
  | { type: 'env' | 'secret'; name: string; start: number; end: number };

/*
 * Each alternative starts with a fixed character and its repetitions are separated by classes that cannot
 * overlap, so a failed attempt costs at most the length of one run and the whole scan stays linear.
 */
const TOKEN = /\\\{\{|\\\$\{|\{\{[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\}\}|\$\{(env|secret):([A-Za-z0-9_.-]+)\}/g;

/** Every placeholder and escape in `text`, in order. */
export function scanPlaceholders(text: string): PlaceholderToken[] {
  const tokens: PlaceholderToken[] = [];
  if (!mayHavePlaceholders(text)) return tokens;
  const re = new RegExp(TOKEN.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === '\\{{' || m[0] === '\\${')
      tokens.push({ type: 'escape', literal: m[0] === '\\{{' ? '{{' : '${', start, end });
    else if (m[1] !== undefined) tokens.push({ type: 'variable', name: m[1], start, end });
    else tokens.push({ type: m[2] as 'env' | 'secret', name: m[3], start, end });
  }
  return tokens;
}

/** A cheap test that lets most lines skip the scan. */
export function mayHavePlaceholders(text: string): boolean {
  return text.includes('{{') || text.includes('${');
}

/** Values for the placeholders: file variables (as written, themselves templates) and the host's values. */
export interface BookValues {
  /** File variables by name, as written in the book (`@name = value`). */
  variables: ReadonlyMap<string, string>;
  /** `${env:NAME}` values the host looked up; a missing one is an error when it is used. */
  env?: Readonly<Record<string, string | undefined>>;
  /** `${secret:NAME}` values from SecretStorage. Never quoted in an error. */
  secrets?: Readonly<Record<string, string | undefined>>;
}

export type Substitution = { ok: true; text: string } | { ok: false; message: string };

/** How deep variables may refer to variables (`@a = {{b}}`, `@b = {{c}}`, …). */
const MAX_REFERENCE_DEPTH = 32;

/** Fills in every placeholder of `template`. Errors name the placeholder, never a value. */
export function substitute(template: string, values: BookValues): Substitution {
  return substituteAt(template, values, []);
}

function substituteAt(template: string, values: BookValues, stack: string[]): Substitution {
  const tokens = scanPlaceholders(template);
  if (tokens.length === 0) return { ok: true, text: template };
  const parts: string[] = [];
  let length = 0;
  let from = 0;
  for (const token of tokens) {
    const value = tokenValue(token, values, stack);
    if (!value.ok) return value;
    parts.push(template.slice(from, token.start), value.text);
    length += token.start - from + value.text.length;
    if (length > MAX_RESOLVED_CHARS) return tooLong();
    from = token.end;
  }
  parts.push(template.slice(from));
  if (length + template.length - from > MAX_RESOLVED_CHARS) return tooLong();
  return { ok: true, text: parts.join('') };
}

function tokenValue(token: PlaceholderToken, values: BookValues, stack: string[]): Substitution {
  switch (token.type) {
    case 'escape':
      return { ok: true, text: token.literal };
    case 'env':
    case 'secret': {
      const table = token.type === 'env' ? values.env : values.secrets;
      const value = table && Object.hasOwn(table, token.name) ? table[token.name] : undefined;
      if (typeof value === 'string') return { ok: true, text: value };
      const what = token.type === 'env' ? 'environment variable' : 'secret';
      return { ok: false, message: `The ${what} "${token.name}" (\${${token.type}:${token.name}}) has no value.` };
    }
    case 'variable':
      return variableValue(token.name, values, stack);
  }
}

function variableValue(name: string, values: BookValues, stack: string[]): Substitution {
  const definition = values.variables.get(name);
  if (definition === undefined) return { ok: false, message: `The variable "${name}" is not defined in this book.` };
  if (stack.includes(name)) {
    return { ok: false, message: `The variable "${name}" refers to itself: ${[...stack, name].join(' → ')}.` };
  }
  if (stack.length >= MAX_REFERENCE_DEPTH) {
    return { ok: false, message: `Variables refer to variables more than ${MAX_REFERENCE_DEPTH} levels deep.` };
  }
  return substituteAt(definition, values, [...stack, name]);
}

function tooLong(): Substitution {
  const mib = MAX_RESOLVED_CHARS / (1024 * 1024);
  return { ok: false, message: `With its variables filled in, the text would be longer than ${mib} MiB.` };
}

/** Writes `text` so that it reads back unchanged: `{{` becomes `\{{` and `${` becomes `\${`. */
export function escapePlaceholders(text: string): string {
  return mayHavePlaceholders(text) ? text.replace(/\{\{|\$\{/g, (m) => `\\${m}`) : text;
}
