/**
 * What Send Selection and Send File send, from the text of an editor and the session's kind: on Socket.IO an
 * event with its arguments (socketIoText.ts); elsewhere the text as it is, or — for a JSON document — JSON,
 * checked first so that nothing leaves on a syntax error. Problems in our words. Pure (no vscode).
 */
import { checkJson } from '../../core/messageBook/jsonCheck';
import { acceptsSendKind, type SessionKind } from '../../core/session/sendRequest';
import { socketIoTextRequest, where, type TextRequest } from './socketIoText';

export type { TextRequest } from './socketIoText';

/** Language ids whose documents are sent as JSON (checked) rather than as plain text. */
const JSON_LANGUAGES = new Set(['json']);

/** Whether a document of this language (or with this file name) is sent as JSON. */
export function isJsonDocument(languageId: string, fileName: string): boolean {
  return JSON_LANGUAGES.has(languageId) || /\.json$/i.test(fileName);
}

/**
 * The request for `text` on a session of `sessionKind`. `asJson`: the text comes from a JSON document.
 * `what` names the text in problems ("The selection", "The file").
 */
export function editorTextRequest(text: string, sessionKind: SessionKind, asJson: boolean, what: string): TextRequest {
  if (sessionKind === 'socketio') return socketIoTextRequest(text);
  if (text === '') return { ok: false, problem: `${what} is empty: there is nothing to send.` };
  if (!asJson) return { ok: true, request: { kind: 'text', text } };
  const json = checkJson(text);
  if (json) {
    return {
      ok: false,
      problem: `${what} is not valid JSON at ${where(text, json.offset)}: ${json.message}`,
    };
  }
  // Engine.IO messages are text: the JSON goes as the text it is.
  return { ok: true, request: acceptsSendKind(sessionKind, 'json') ? { kind: 'json', text } : { kind: 'text', text } };
}
