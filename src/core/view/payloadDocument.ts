/**
 * The whole stored payload of one event as a read-only document (issue #9, "Open in editor"): pretty JSON
 * when the text parses as JSON, text as it is, bytes as a hex dump — masked by the session's redactor,
 * exactly as the details pane masks it. Pure.
 */
import type { Payload } from '../events/logEvent';
import type { Redactor } from '../redaction/secretRedactor';
import { hexDump } from './payloadView';

/** What the editor is given: the text, and the file extension that picks its language. */
export interface PayloadDocument {
  text: string;
  extension: 'json' | 'txt' | 'hex';
}

/** The document for `payload`, credentials masked by `redactor`. */
export function payloadDocument(payload: Payload, redactor: Redactor): PayloadDocument {
  const shown = redactor.payload(payload);
  if (shown.kind === 'binary') return { text: hexDump(shown.bytes), extension: 'hex' };
  const json = prettyJsonOf(shown.text);
  return json === undefined ? { text: shown.text, extension: 'txt' } : { text: json, extension: 'json' };
}

/** The extension the document of `payload` will have (for its URI, before it is built). */
export function payloadDocumentExtension(payload: Payload): PayloadDocument['extension'] {
  if (payload.kind === 'binary') return 'hex';
  return looksLikeJson(payload.text) && prettyJsonOf(payload.text) !== undefined ? 'json' : 'txt';
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

/** Pretty JSON (2 spaces) for an object or array; undefined for anything else. */
function prettyJsonOf(text: string): string | undefined {
  if (!looksLikeJson(text)) return undefined;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}
