/**
 * A profile's own proxy, resolved when the profile connects (issue 12): `${secret:…}` (the proxy password),
 * `${env:…}` and `${var:…}` replaced as in the connection (variableResolver.ts), issue paths under `proxy`. The
 * secret values come back for the session's redactor, so the proxy password is masked wherever it could show.
 */
import type { ProfileProxy } from '../network/proxyChoice';
import { formatJsonPath, parseJsonPath } from './jsonPath';
import type { Profile, ProfileIssue } from './profileModel';
import { resolveStrings, type VariableContext } from './stringResolution';

export type ResolvedProfileProxy =
  { ok: true; proxy: ProfileProxy | undefined; secretValues: string[] } | { ok: false; issues: ProfileIssue[] };

/** The profile's `proxy` with its variables replaced; `proxy: undefined` when it has none. */
export async function resolveProfileProxy(profile: Profile, context: VariableContext): Promise<ResolvedProfileProxy> {
  if (profile.proxy === undefined) return { ok: true, proxy: undefined, secretValues: [] };
  const resolved = await resolveStrings(profile.proxy, context, { allowsLineBreaks: () => false, skip: () => false });
  if (!resolved.ok) {
    const issues = resolved.issues.map((issue) => ({
      ...issue,
      path: formatJsonPath(['proxy', ...parseJsonPath(issue.path)]),
    }));
    return { ok: false, issues };
  }
  const secretValues = [...new Set(resolved.secrets.values())].filter((value) => value !== '');
  return { ok: true, proxy: resolved.value as ProfileProxy, secretValues };
}
