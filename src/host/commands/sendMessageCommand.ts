/**
 * `realtimeInspector.sendMessage [sessionId] [request]`: sends through `session.send`, the one entry
 * point every sender uses. With a request argument it sends without prompts; otherwise it asks for
 * the session (if needed), the kind, and the content, checked as the user types (for a Socket.IO
 * session: emit with event name, JSON arguments and ack, join or leave a namespace). When the active
 * editor has a selection, sending it as text is offered first. An error outcome is shown as an
 * error message. Sessions that only receive (Server-Sent Events, polling: their SEND_KINDS_BY_SESSION list
 * is empty, issue 11) are not offered; the panel in front being one is said in our words, not prompted.
 * Returns the SendOutcome, or undefined when cancelled.
 */
import * as vscode from 'vscode';
import type { SendOutcome, Session } from '../../core/session/session';
import { prepareSend } from '../../core/websocket/sendPreparation';
import { SEND_KINDS_BY_SESSION, type SendKind, type SendRequest } from '../../core/session/sendRequest';
import { parseSendRequest } from '../../core/session/sendRequestValidation';
import { KIND_LABELS } from '../connectKinds';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import { redactorFor } from '../sessionRedaction';
import { isLive, resolveSession, type SessionContext } from './pickSession';
import { promptSocketIoRequest } from './socketIoSendPrompts';

export const SEND_MESSAGE_COMMAND = 'realtimeInspector.sendMessage';

export interface SendMessageDeps extends SessionContext {
  log: OutputLog;
}

/** The kinds a raw WebSocket session sends; Socket.IO kinds have their own prompts. */
type FrameKind = Extract<SendKind, 'text' | 'json' | 'binary' | 'ping' | 'close'>;

interface KindItem extends vscode.QuickPickItem {
  sendKind: FrameKind | 'selection';
}

export function registerSendMessageCommand(deps: SendMessageDeps): vscode.Disposable {
  return vscode.commands.registerCommand(
    SEND_MESSAGE_COMMAND,
    async (sessionId?: unknown, request?: unknown): Promise<SendOutcome | undefined> => {
      if (request !== undefined) {
        const parsed = parseSendRequest(request);
        if (!parsed.ok) {
          void vscode.window.showErrorMessage(`Cannot send: ${inert(parsed.reason, 300)}`);
          return undefined;
        }
        const session = await resolveSession(deps, sessionId, 'Session to send on', isLive);
        return session ? send(deps, session, parsed.value) : undefined;
      }
      // The panel in front only receives: say so, rather than send on another session behind the user's back.
      const active = sessionId === undefined ? deps.launcher.activePanelSession() : undefined;
      const inFront = active && isLive(active) && !sendsAnything(active) ? active : undefined;
      const session =
        inFront ?? (await resolveSession(deps, sessionId, 'Session to send on', canSendOn, noSenderText(deps)));
      if (!session) return undefined;
      if (!sendsAnything(session)) {
        void vscode.window.showInformationMessage(receiveOnlyText(session));
        return undefined;
      }
      const prompted =
        session.options.kind === 'socketio'
          ? await promptSocketIoRequest(session)
          : await promptRequest(session.options.kind === 'engineio');
      return prompted ? send(deps, session, prompted) : undefined;
    },
  );
}

/** Whether sessions of this kind send anything at all (SSE and polling sessions only receive, issue 11). */
function sendsAnything(session: Session): boolean {
  return SEND_KINDS_BY_SESSION[session.info.kind].length > 0;
}

function canSendOn(session: Session): boolean {
  return isLive(session) && sendsAnything(session);
}

/** Our words for a session that only receives (its kind's label; nothing from the server). */
function receiveOnlyText(session: Session): string {
  return `${KIND_LABELS[session.info.kind]} sessions only receive: there is nothing to send on this one.`;
}

/** Why there is no session to pick: none open, or only sessions that receive. */
function noSenderText(deps: SendMessageDeps): string | undefined {
  const live = deps.registry.all().filter(isLive);
  if (live.length === 0 || live.some(sendsAnything)) return undefined;
  return 'The open Realtime Inspector sessions only receive (Server-Sent Events, polling): there is nothing to send.';
}

function send(deps: SendMessageDeps, session: Session, request: SendRequest): SendOutcome {
  const outcome = session.send(request);
  if (!outcome.ok) {
    deps.log.info(
      redactorFor(session).text(`[${session.id}] send refused: ${outcome.error.code}: ${outcome.error.message}`),
    );
    const hint = outcome.error.hint ? ` ${outcome.error.hint}` : '';
    void vscode.window.showErrorMessage(
      `Could not send: ${inert(redactorFor(session).text(`${outcome.error.message}${hint}`), 300)}`,
    );
  }
  return outcome;
}

/** Frames for a WebSocket session; for Engine.IO (`engineIo`) the kinds core says it accepts. */
async function promptRequest(engineIo: boolean): Promise<SendRequest | undefined> {
  const accepted = SEND_KINDS_BY_SESSION[engineIo ? 'engineio' : 'websocket'];
  const selection = activeSelection();
  const items = (
    [
      { sendKind: 'text', label: '$(symbol-text) Text', description: 'a text message, sent as typed' },
      { sendKind: 'json', label: '$(json) JSON', description: 'a text message that must parse as JSON' },
      { sendKind: 'binary', label: '$(file-binary) Binary', description: 'hex (01 ff …) or base64:…' },
      { sendKind: 'ping', label: '$(pulse) Ping', description: 'a ping control frame, optional payload' },
      {
        sendKind: 'close',
        label: '$(debug-disconnect) Close',
        description: engineIo ? 'close the Engine.IO session' : 'a close frame with an optional code and reason',
      },
    ] satisfies KindItem[] as KindItem[]
  ).filter((item) => item.sendKind === 'selection' || accepted.includes(item.sendKind));
  if (selection !== undefined)
    items.unshift({
      sendKind: 'selection',
      label: '$(selection) Send the selection as text',
      description: oneLine(selection),
    });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Realtime Inspector: Send Message',
    placeHolder: 'What to send',
  });
  if (!picked) return undefined;
  if (picked.sendKind === 'selection') return selection === undefined ? undefined : { kind: 'text', text: selection };
  if (engineIo && picked.sendKind === 'close') return { kind: 'close' };
  const spec = INPUTS[picked.sendKind];
  const value = await vscode.window.showInputBox({
    title: `Realtime Inspector: Send ${picked.label.replace(/^\$\([^)]*\)\s*/, '')}`,
    prompt: spec.prompt,
    placeHolder: spec.placeHolder,
    validateInput: (input) => {
      const request = spec.toRequest(input);
      if ('problem' in request) return request.problem;
      const prepared = prepareSend(request);
      return prepared.ok ? null : [prepared.error.message, prepared.error.hint].filter(Boolean).join(' ');
    },
  });
  if (value === undefined) return undefined;
  const request = spec.toRequest(value);
  return 'problem' in request ? undefined : request;
}

interface InputSpec {
  prompt: string;
  placeHolder: string;
  toRequest(input: string): SendRequest | { problem: string };
}

const INPUTS: Record<FrameKind, InputSpec> = {
  text: { prompt: 'Text to send', placeHolder: 'hello', toRequest: (text) => ({ kind: 'text', text }) },
  json: {
    prompt: 'JSON to send (sent exactly as typed)',
    placeHolder: '{"type":"subscribe","channel":"ticker"}',
    toRequest: (text) => ({ kind: 'json', text }),
  },
  binary: {
    prompt: 'Bytes as hex (01 ff 0a), or base64 with a "base64:" prefix',
    placeHolder: '01 02 ff',
    toRequest: (input) => {
      const trimmed = input.trim();
      if (trimmed === '') return { problem: 'Type at least one byte.' };
      return /^base64:/i.test(trimmed)
        ? { kind: 'binary', encoding: 'base64', data: trimmed.slice('base64:'.length) }
        : { kind: 'binary', encoding: 'hex', data: trimmed };
    },
  },
  ping: {
    prompt: 'Ping payload (optional, at most 125 bytes)',
    placeHolder: '',
    toRequest: (text) => (text === '' ? { kind: 'ping' } : { kind: 'ping', text }),
  },
  close: {
    prompt: 'Close code and reason (optional): e.g. "1000", "4000 bye"; empty for no code',
    placeHolder: '1000 done',
    toRequest: (input) => {
      const match = /^\s*(?:(\d+)(?:\s+(.*))?)?\s*$/s.exec(input);
      if (!match) return { problem: 'Start with a numeric close code, e.g. "1000" or "4000 bye".' };
      const request: SendRequest = { kind: 'close' };
      if (match[1] !== undefined) request.code = Number(match[1]);
      if (match[2]) request.reason = match[2].trim();
      return request;
    },
  },
};

/** The selected text in the active editor, if there is one. */
function activeSelection(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const text = editor.document.getText(editor.selection);
  return text === '' ? undefined : text;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
