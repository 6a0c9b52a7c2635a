/**
 * The shape of a profile's `proxy` (issue 12): its own proxy `{ "url", "noProxy" }`, which wins over VS Code's
 * `http.proxy` and the environment for this profile, or `{ "mode": "direct" }` for none. The proxy's password
 * belongs in a `${secret:…}`. Issues are relative to the `proxy` object. Pure; never throws.
 */
import { isJsonObject } from './jsonPath';
import { LINE_BREAK, placeholderIssues, shapeError, shapeWarning, type ShapeIssue } from './shapeIssues';
import { PLACEHOLDER_STAND_IN } from './connectionShape';
import { scanText, substitute } from './variableSyntax';

/** The fields of a profile's `proxy`. */
export const PROFILE_PROXY_FIELDS = ['mode', 'url', 'noProxy'] as const;
/** The modes: `direct` (no proxy at all) or `system` (VS Code's and the environment's, the default). */
export const PROFILE_PROXY_MODES = ['direct', 'system'] as const;

/** Checks a profile's `proxy`. */
export function checkProfileProxy(proxy: unknown, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  if (!isJsonObject(proxy))
    return [shapeError([], 'The proxy must be an object: { "url": "http://host:port" } or { "mode": "direct" }.')];
  const issues: ShapeIssue[] = [];
  for (const key of Object.keys(proxy))
    if (!(PROFILE_PROXY_FIELDS as readonly string[]).includes(key))
      issues.push(shapeWarning([key], `"${key}" is not a field of a profile's "proxy"; it is ignored.`, true));
  const { mode, url, noProxy } = proxy;
  if (mode !== undefined && !(PROFILE_PROXY_MODES as readonly unknown[]).includes(mode))
    issues.push(shapeError(['mode'], 'The proxy mode must be "direct" (no proxy) or "system" (VS Code\u2019s).'));
  if (mode === 'direct' && url !== undefined)
    issues.push(shapeError([], 'Give either "mode": "direct" or a proxy "url", not both.'));
  if (url !== undefined) issues.push(...checkProxyUrl(url));
  if (noProxy !== undefined && !(Array.isArray(noProxy) && noProxy.every((entry) => typeof entry === 'string')))
    issues.push(shapeError(['noProxy'], 'noProxy must be a list of host names ("internal.example", ".corp", "*").'));
  issues.push(...placeholderIssues(proxy, variableNames, () => false));
  return issues;
}

/** An http:// or https:// proxy URL; its password should be a `${secret:…}`. */
function checkProxyUrl(url: unknown): ShapeIssue[] {
  if (typeof url !== 'string' || url.trim() === '')
    return [shapeError(['url'], 'The proxy url must be text: "http://[user:password@]host:port".')];
  if (LINE_BREAK.test(url)) return [shapeError(['url'], 'The proxy url must be one line.')];
  // A url that is one variable (`${env:HTTPS_PROXY}`) is checked once resolved, when the profile connects.
  if (url.trimStart().startsWith('${')) return [];
  const standIn = substitute(scanText(url), () => PLACEHOLDER_STAND_IN);
  let parsed: URL;
  try {
    parsed = new URL(standIn);
  } catch {
    return [shapeError(['url'], 'The proxy url is not a URL: write "http://[user:password@]host:port".')];
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return [shapeError(['url'], 'The proxy url must start with http:// or https:// (SOCKS is not supported).')];
  const userinfo = /^\s*[a-z][a-z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(url)?.[1] ?? '';
  const password = userinfo.slice(userinfo.indexOf(':') + 1);
  if (userinfo.includes(':') && password !== '' && !userinfo.includes('${'))
    return [
      shapeWarning(
        ['url'],
        'The proxy password is written in the file, where anyone who reads it can: use "${secret:NAME}", kept in ' +
          'VS Code\u2019s secret storage.',
      ),
    ];
  return [];
}
