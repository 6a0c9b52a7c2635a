/**
 * Which of the composer's fields each kind of message uses, and which one takes focus. Pure (no DOM),
 * so it is unit-tested; composerForm.ts applies it to the elements.
 */
import type { ComposerKind } from './composerRequest';

/** The optional fields of the composer, true when the kind shows them. */
export interface ComposerFieldsShown {
  encoding: boolean;
  /** The close code and the close reason. */
  close: boolean;
  namespace: boolean;
  event: boolean;
  ack: boolean;
  auth: boolean;
  /** The main text area. */
  message: boolean;
}

/** The field the cursor goes to when the composer is focused. */
export type ComposerFocusField = 'closeCode' | 'event' | 'namespace' | 'message';

/** The fields `kind` uses in a session of `sessionKind`. */
export function fieldsShownFor(kind: ComposerKind, sessionKind: string): ComposerFieldsShown {
  return {
    encoding: kind === 'binary',
    // An Engine.IO close packet has no code or reason: only a WebSocket close frame does.
    close: kind === 'close' && sessionKind === 'websocket',
    namespace: kind.startsWith('sio-'),
    event: kind === 'sio-emit',
    ack: kind === 'sio-emit',
    auth: kind === 'sio-connect',
    message: kind !== 'close' && kind !== 'sio-connect' && kind !== 'sio-disconnect',
  };
}

/** The field `kind` types into first. */
export function focusFieldFor(kind: ComposerKind): ComposerFocusField {
  if (kind === 'close') return 'closeCode';
  if (kind === 'sio-emit') return 'event';
  if (kind.startsWith('sio-')) return 'namespace';
  return 'message';
}
