/**
 * The profile form's checks (issue 10), asked of core's profile rules so the form and the file agree: a name,
 * a URL that may hold `${…}` placeholders, and the whole profile before it is saved. Each answer is one line
 * in plain words, or null when all is well. Pure (no vscode).
 */
import { checkConnectionShape } from '../../core/profiles/connectionShape';
import { formatJsonPath } from '../../core/profiles/jsonPath';
import type { NewProfile, ProfileConnection } from '../../core/profiles/profileModel';
import { checkProfile } from '../../core/profiles/profileShape';

/** What is wrong with a profile name. */
export function nameProblem(name: string): string | null {
  const check = checkProfile({ id: 'check', name, connection: { kind: 'websocket', url: 'ws://localhost/' } });
  return check.issues.find((i) => i.segments[0] === 'name' && i.severity === 'error')?.message ?? null;
}

/** What is wrong with `url` as this connection's URL (placeholders allowed). */
export function profileUrlProblem(
  connection: ProfileConnection,
  url: string,
  variableNames?: ReadonlySet<string>,
): string | null {
  const issues = checkConnectionShape({ ...connection, url: url.trim() }, variableNames);
  return issues.find((i) => i.segments[0] === 'url' && i.severity === 'error')?.message ?? null;
}

/** The first error of the profile as `path: message`; null when it can be saved. */
export function profileProblem(profile: NewProfile, variableNames?: ReadonlySet<string>): string | null {
  const check = checkProfile({ id: 'check', ...profile }, variableNames);
  const first = check.issues.find((i) => i.severity === 'error');
  if (!first) return null;
  const path = formatJsonPath(first.segments);
  return path ? `${path}: ${first.message}` : first.message;
}
