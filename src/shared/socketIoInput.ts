/**
 * Checks for what a user types for Socket.IO (event arguments, auth, namespaces), shared by the
 * `Send Message…` prompts in the host. Plain words, no throws. The session validates again.
 */

/** Why `text` is not a JSON array of emit arguments, or undefined when it is (empty means no arguments). */
export function emitArgsProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `Not valid JSON: ${(error instanceof Error ? error.message : String(error)).replace(/, ".*" is not valid JSON$/s, '')}`;
  }
  return Array.isArray(parsed) ? undefined : 'The arguments are a JSON array, e.g. ["hello", {"n": 1}]; binary as {"$binary": "AQID"}.';
}

/** The arguments as sent: an empty box means no arguments. */
export function emitArgsText(text: string): string {
  return text.trim() === '' ? '[]' : text;
}

/** Why `text` is not a namespace ("/", "/admin"), or undefined. */
export function namespaceProblem(text: string): string | undefined {
  return text.startsWith('/') && !/[,\s]/.test(text) ? undefined : `"${text}" is not a namespace: it starts with "/" and has no commas or spaces.`;
}

/** Why `text` is not an auth object as JSON, or undefined (empty means no auth). */
export function authProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? undefined : 'Auth is a JSON object, e.g. {"token": "abc"}.';
  } catch (error) {
    return `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
}
