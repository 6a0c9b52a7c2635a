/**
 * One redactor per session, built from its options once (issue #7): every place the host shows, logs or
 * stores a session's text (panel, status bar, pickers, output channel) asks here. A session opened from a
 * profile also masks the values of the profile's `${secret:NAME}`s, wherever they were placed (issue 10), and
 * a message book adds the secret values it fills in before it sends them (addSessionSecrets).
 *
 * The redactor handed out is a stable view over the current one: the panel, the status bar and the exports
 * keep it, and see values added later without asking again.
 */
import { createRedactor, type CredentialSources, type Redactor } from '../core/redaction/secretRedactor';
import type { Session } from '../core/session/session';

/** The redactor in use, replaced when secrets are added. */
interface Slot {
  current: Redactor;
}

const slots = new WeakMap<Session, Slot>();
const views = new WeakMap<Session, Redactor>();
const extraSecrets = new WeakMap<Session, readonly string[]>();

/** The redactor for this session's credentials. */
export function redactorFor(session: Session): Redactor {
  let view = views.get(session);
  if (!view) {
    const slot: Slot = { current: build(session) };
    slots.set(session, slot);
    view = liveView(slot);
    views.set(session, view);
  }
  return view;
}

/** Secret values the session's redactor masks besides its options' credentials (set before anything is shown). */
export function setSessionSecrets(session: Session, values: readonly string[]): void {
  if (values.length === 0) return;
  extraSecrets.set(session, [...values]);
  rebuild(session);
}

/**
 * Adds secret values to mask from now on (a message book's `${secret:NAME}` values, before they are sent); the
 * ones already known change nothing.
 */
export function addSessionSecrets(session: Session, values: readonly string[]): void {
  const known = extraSecrets.get(session) ?? [];
  const fresh = [...new Set(values)].filter((v) => v !== '' && !known.includes(v));
  if (fresh.length === 0) return;
  extraSecrets.set(session, [...known, ...fresh]);
  rebuild(session);
}

function build(session: Session): Redactor {
  return createRedactor(session.options as CredentialSources, extraSecrets.get(session));
}

function rebuild(session: Session): void {
  const slot = slots.get(session);
  if (slot) slot.current = build(session);
}

function liveView(slot: Slot): Redactor {
  return {
    get hasKnownSecrets() {
      return slot.current.hasKnownSecrets;
    },
    text: (text) => slot.current.text(text),
    url: (url) => slot.current.url(url),
    headers: (headers) => slot.current.headers(headers),
    payload: (payload) => slot.current.payload(payload),
  };
}
