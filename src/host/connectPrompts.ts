/** The small input boxes of the Connect flow: headers, namespaces with auth, and single text fields. */
import * as vscode from 'vscode';
import { parseHeaderLines } from '../core/connection/connectionOptions';
import type { NamespaceOption } from '../core/connection/engineIoOptions';
import type { Header } from '../core/events/logEvent';
import { namespaceProblem } from '../core/socketio/sioInput';

export const TITLE = 'Realtime Inspector: Connect';

/** One text field, validated as the user types; undefined when cancelled. */
export function promptText(
  field: string,
  prompt: string,
  value: string,
  placeHolder: string,
  validate: (value: string) => string | null,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `${TITLE}: ${field}`,
    prompt,
    value,
    placeHolder,
    ignoreFocusOut: true,
    validateInput: validate,
  });
}

/**
 * Headers typed on one line: `Name: value` entries separated by `;` or newlines. A `;` splits only
 * when a `Name:` follows it, so `Cookie: a=1; b=2` stays one header.
 */
export function splitHeaderInput(text: string): string {
  return text
    .split(/\r?\n|;\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:)/)
    .map((line) => line.trim())
    .join('\n');
}

export async function promptHeaders(current: Header[]): Promise<Header[] | undefined> {
  const text = await promptText(
    'headers',
    'Extra request headers: Name: value; Other-Name: value (empty for none)',
    current.map(([n, v]) => `${n}: ${v}`).join('; '),
    'Authorization: Bearer …; X-Client: inspector',
    (value) => {
      const parsed = parseHeaderLines(splitHeaderInput(value));
      return parsed.ok ? null : parsed.issues.map((i) => i.message).join(' ');
    },
  );
  if (text === undefined) return undefined;
  const parsed = parseHeaderLines(splitHeaderInput(text));
  return parsed.ok ? parsed.value : undefined;
}

/** Namespaces, comma-separated; then an auth object for each one that needs it. */
export async function promptNamespaces(current: NamespaceOption[]): Promise<NamespaceOption[] | undefined> {
  const names = await promptText(
    'namespaces',
    'Namespaces to join, comma-separated',
    current.map((n) => n.name).join(', '),
    '/, /admin',
    (value) => {
      const list = value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      if (list.length === 0) return 'Join at least one namespace, e.g. "/".';
      for (const name of list) {
        const problem = namespaceProblem(name);
        if (problem) return problem;
      }
      return null;
    },
  );
  if (names === undefined) return undefined;
  const result: NamespaceOption[] = [];
  for (const name of names
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)) {
    const previous = current.find((n) => n.name === name)?.auth ?? '';
    const auth = await promptText(
      `auth for ${name}`,
      `Auth for ${name} as a JSON object (Socket.IO 2: sent as query), empty for none`,
      previous,
      '{"token":"abc"}',
      (value) => {
        if (value.trim() === '') return null;
        try {
          const parsed = JSON.parse(value);
          return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
            ? null
            : 'Auth must be a JSON object.';
        } catch (error) {
          return `Not valid JSON: ${(error as Error).message}`;
        }
      },
    );
    if (auth === undefined) return undefined;
    result.push(auth.trim() === '' ? { name } : { name, auth: auth.trim() });
  }
  return result;
}
