/**
 * The `${secret:NAME}` values a message book filled in on a session, by name: added to the session's redaction
 * (masked in rows, details, exports and the output channel from before they are sent), and remembered so that
 * Edit and send / Save to message book can put `${secret:NAME}` back in their place instead of the value.
 */
import type { Session } from '../../core/session/session';
import { addSessionSecrets } from '../sessionRedaction';

const byName = new WeakMap<Session, Map<string, string>>();

/** Masks `secrets` (name → value) in the session's log from now on, and remembers their names. */
export function noteBookSecrets(session: Session, secrets: Readonly<Record<string, string | undefined>>): void {
  const known = byName.get(session) ?? new Map<string, string>();
  const values: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (value === undefined || value === '') continue;
    known.set(name, value);
    values.push(value);
  }
  byName.set(session, known);
  addSessionSecrets(session, values);
}

/** The book secrets the session has sent: name → value. */
export function bookSecretsOf(session: Session): ReadonlyMap<string, string> {
  return byName.get(session) ?? new Map();
}
