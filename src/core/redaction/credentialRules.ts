/**
 * Which header names, query parameter names and subprotocol entries carry credentials (issue #7).
 * One place for the rules; the redactor and the recent-URL list ask here. Pure.
 */

/** Request and response headers whose values are credentials. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-amz-security-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/** Query parameter names that carry credentials by convention (OAuth, signed URLs, API keys). */
const SECRET_PARAM_EXACT =
  /^(?:auth|key|code|sig|signature|jwt|session|sessionid|session_id|bearer|credentials?|pass|pwd|passwd)$/i;
/** …and any name that says so in part (`access_token`, `X-Amz-Signature`, `client_secret`, `apiKey`). */
const SECRET_PARAM_PART = /token|secret|password|api[-_]?key|signature|credential|authori[sz]ation/i;

/** Subprotocol entries that announce that the next entry is a token (`["access_token", "<jwt>"]`). */
const TOKEN_MARKER_SUBPROTOCOLS = /^(?:access[-_]?token|token|bearer|authorization|auth)$/i;
/** Subprotocols that carry a token after a fixed prefix (Kubernetes, AWS AppSync). */
const TOKEN_PREFIXED_SUBPROTOCOLS = /^(?:base64url\.bearer\.authorization\.k8s\.io\.|header-)/i;
/** A JSON Web Token: base64url header starting `{"` (`eyJ`), a dot, a payload. */
const JWT = /^eyJ[\w-]*\.[\w-]+/;
/** Entries this long that mix letters and digits are tokens (real subprotocol names are short words). */
const LONG_TOKEN_CHARS = 32;

/** Whether a header's value is a credential. */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** Whether a query parameter's value is a credential, judged by its name. */
export function isSecretParam(name: string): boolean {
  return SECRET_PARAM_EXACT.test(name) || SECRET_PARAM_PART.test(name);
}

/** The subprotocol entries that are credentials (APIs that pass a token where a browser cannot set headers). */
export function secretSubprotocols(subprotocols: readonly string[]): string[] {
  return subprotocols.filter((entry, i) => {
    if (i > 0 && TOKEN_MARKER_SUBPROTOCOLS.test(subprotocols[i - 1])) return true;
    if (TOKEN_PREFIXED_SUBPROTOCOLS.test(entry) || JWT.test(entry)) return true;
    return entry.length >= LONG_TOKEN_CHARS && /\d/.test(entry) && /[A-Za-z]/.test(entry);
  });
}
