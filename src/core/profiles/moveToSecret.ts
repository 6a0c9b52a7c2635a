/**
 * Moves a credential typed in clear (clearCredentials.ts) into a secret: the profile gets `${secret:NAME}`
 * where the value was (the rest of the string, e.g. `Bearer `, stays), and the caller stores the value
 * in SecretStorage under NAME. Resolving the new profile gives back exactly the old string. Pure.
 */
import { findClearCredentials, type ClearCredential } from './clearCredentials';
import { parseJsonPath, valueAt, type JsonSegment } from './jsonPath';
import { ProfileError, ProfileErrorCode } from './profileErrors';
import type { Profile } from './profileModel';
import { placeholderText, SECRET_NAME } from './variableSyntax';

export interface MovedSecret {
  /** A copy of the profile with the value replaced by `${secret:NAME}`. */
  profile: Profile;
  /** The value to store under NAME. Never log it. */
  secretValue: string;
}

/** Replaces the finding's value by `${secret:secretName}`. Throws a ProfileError when the finding is stale. */
export function moveToSecret(profile: Profile, finding: ClearCredential, secretName: string): MovedSecret {
  if (!SECRET_NAME.test(secretName))
    throw new ProfileError(
      ProfileErrorCode.InvalidSecretName,
      'A secret name has letters, digits, _ . and - (starting with a letter or digit), at most 128 characters.',
    );
  const current = findClearCredentials(profile).find(
    (f) =>
      f.path === finding.path &&
      f.kind === finding.kind &&
      f.span.start === finding.span.start &&
      f.span.end === finding.span.end,
  );
  if (!current)
    throw new ProfileError(
      ProfileErrorCode.StaleFinding,
      `The profile changed: ${finding.label} is no longer where it was. Look for credentials again.`,
    );
  const segments = parseJsonPath(current.path);
  const text = valueAt(profile, segments) as string;
  const secretValue = text.slice(current.span.start, current.span.end);
  const placeholder = placeholderText('secret', secretName);
  const replaced = `${text.slice(0, current.span.start)}${placeholder}${text.slice(current.span.end)}`;
  const copy = structuredClone(profile);
  setAt(copy, segments, replaced);
  return { profile: copy, secretValue };
}

function setAt(root: unknown, segments: JsonSegment[], value: string): void {
  const parent = valueAt(root, segments.slice(0, -1)) as Record<string | number, unknown>;
  parent[segments[segments.length - 1]] = value;
}
