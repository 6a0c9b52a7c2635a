/**
 * Credentials typed in clear in a profile about to be saved (issue 10): each finding of clearCredentials.ts
 * is put to `ask` in turn — moved into a secret (the value stored under its name, the profile saying
 * `${secret:NAME}` in its place) or kept in clear — until none is left undecided. Pure apart from `ask` and
 * `secrets` (no vscode).
 */
import { findClearCredentials, type ClearCredential } from '../../core/profiles/clearCredentials';
import { moveToSecret } from '../../core/profiles/moveToSecret';
import type { Profile, ProfileScope } from '../../core/profiles/profileModel';

export type CredentialDecision = { action: 'move'; secretName: string } | { action: 'keep' };

/** Decides about one credential in clear; undefined cancels the save. */
export type CredentialAsker = (
  finding: ClearCredential,
  profile: Profile,
  scope: ProfileScope,
) => Promise<CredentialDecision | undefined>;

/** Where moved values go (SecretStorage in the extension). */
export interface SecretSink {
  store(name: string, value: string): Promise<void>;
}

/** The profile with each credential in clear moved or kept, as decided; undefined when cancelled. */
export async function protectCredentials(
  profile: Profile,
  scope: ProfileScope,
  ask: CredentialAsker,
  secrets: SecretSink,
): Promise<Profile | undefined> {
  const kept = new Set<string>();
  const key = (f: ClearCredential): string => `${f.path}|${f.kind}|${f.label}`;
  let current = profile;
  for (;;) {
    const finding = findClearCredentials(current).find((f) => !kept.has(key(f)));
    if (!finding) return current;
    const decision = await ask(finding, current, scope);
    if (!decision) return undefined;
    if (decision.action === 'keep') {
      kept.add(key(finding));
      continue;
    }
    const moved = moveToSecret(current, finding, decision.secretName);
    await secrets.store(decision.secretName, moved.secretValue);
    current = moved.profile;
  }
}
