/**
 * Writes a trusted certificate's fingerprint into one profile's `tls.pinnedCertificates` (issue 12) through
 * its profile store, which edits the file with jsonc edits (comments and unknown fields stay). Never anything
 * global: the pin is the profile's own. Pure apart from the store (no vscode).
 */
import { normalisePins, parsePin } from '../../core/network/certificateFingerprint';
import type { Profile } from '../../core/profiles/profileModel';
import type { ProfileStore } from '../../core/profiles/profileStore';

/** What became of the pin: written, already there, or the profile is gone (changed or deleted meanwhile). */
export type PinWriteResult = 'added' | 'present' | 'missing';

/** Adds `fingerprint` to the profile's pins, reading the file again first so no edit made meanwhile is lost. */
export async function addPinnedCertificate(
  store: Pick<ProfileStore, 'load' | 'update'>,
  profileId: string,
  fingerprint: string,
): Promise<PinWriteResult> {
  const parsed = parsePin(fingerprint);
  if (!parsed.ok) throw new Error(`Not a SHA-256 fingerprint: ${parsed.message}`);
  const snapshot = await store.load();
  const profile = snapshot.profiles.find((p) => p.id === profileId);
  if (!profile) return 'missing';
  const updated = withPin(profile, parsed.pin);
  if (!updated) return 'present';
  await store.update(updated);
  return 'added';
}

/** The profile with the pin added to its `tls`, or undefined when it is pinned already. */
export function withPin(profile: Profile, pin: string): Profile | undefined {
  const existing = profile.tls?.pinnedCertificates ?? [];
  if (normalisePins(existing).includes(pin)) return undefined;
  return { ...profile, tls: { ...profile.tls, pinnedCertificates: [...existing, pin] } };
}
