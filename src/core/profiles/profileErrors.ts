/**
 * Errors of the profile stores and of moveToSecret: a stable code the host can act on, and a message in
 * plain words that never holds a secret's value.
 */
import type { ProfileIssue } from './profileModel';

export const ProfileErrorCode = {
  /** The file is not valid JSON (or of another version): edits are refused until it is fixed. */
  FileNotEditable: 'RI_PROFILE_FILE_NOT_EDITABLE',
  /** No profile has this id (the file changed since it was read, or the profile was deleted). */
  NotFound: 'RI_PROFILE_NOT_FOUND',
  /** The profile given to create or update has errors (listed in `issues`). */
  InvalidProfile: 'RI_PROFILE_INVALID',
  /** A secret name that `${secret:NAME}` cannot hold. */
  InvalidSecretName: 'RI_PROFILE_INVALID_SECRET_NAME',
  /** The finding passed to moveToSecret no longer matches the profile. */
  StaleFinding: 'RI_PROFILE_STALE_FINDING',
} as const;

export type ProfileErrorCodeValue = (typeof ProfileErrorCode)[keyof typeof ProfileErrorCode];

export class ProfileError extends Error {
  constructor(
    readonly code: ProfileErrorCodeValue,
    message: string,
    readonly issues: readonly ProfileIssue[] = [],
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}
