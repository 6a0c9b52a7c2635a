/**
 * Checks for what a user types for Socket.IO (event arguments, auth, namespaces): the one home of these
 * rules, asked by the Connect and Send Message prompts, option validation and send-request validation.
 * Plain words, no throws.
 */

/** Longest namespace name accepted (a hostile profile or webview message cannot make it huge). */
export const MAX_NAMESPACE_CHARS = 1024;

/** Why `text` is not a JSON array of emit arguments, or undefined when it is (empty means no arguments). */
export function emitArgsProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `Not valid JSON: ${message.replace(/, ".*" is not valid JSON$/s, '')}`;
  }
  return Array.isArray(parsed)
    ? undefined
    : 'The arguments are a JSON array, e.g. ["hello", {"n": 1}]; binary as {"$binary": "AQID"}.';
}

/** The arguments as sent: an empty box means no arguments. */
export function emitArgsText(text: string): string {
  return text.trim() === '' ? '[]' : text;
}

/**
 * Why `text` is not a namespace ("/", "/admin"), or undefined. A comma would end the namespace on the
 * wire (`40/admin,{…}`), and whitespace is never part of one.
 */
export function namespaceProblem(text: string): string | undefined {
  if (text.startsWith('/') && text.length <= MAX_NAMESPACE_CHARS && !/[,\s]/.test(text)) return undefined;
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `"${shown}" is not a namespace: it starts with "/" and has no commas or spaces.`;
}

/** Whether `value` is a namespace name. */
export function isNamespaceName(value: unknown): value is string {
  return typeof value === 'string' && namespaceProblem(value) === undefined;
}

/** Why `text` is not an auth object as JSON, or undefined (empty means no auth). */
export function authProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? undefined
      : 'Auth is a JSON object, e.g. {"token": "abc"}.';
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}
