/**
 * One redactor per session, built from its options once (issue #7): every place the host shows, logs or
 * stores a session's text (panel, status bar, pickers, output channel) asks here.
 */
import { createRedactor, type CredentialSources, type Redactor } from '../core/redaction/secretRedactor';
import type { Session } from '../core/session/session';

const redactors = new WeakMap<Session, Redactor>();

/** The redactor for this session's credentials. */
export function redactorFor(session: Session): Redactor {
  let redactor = redactors.get(session);
  if (!redactor) {
    redactor = createRedactor(session.options as CredentialSources);
    redactors.set(session, redactor);
  }
  return redactor;
}
