/**
 * The prompts of `Send Message…` for a Socket.IO session: emit an event (namespace when several are
 * joined, event name, arguments as a JSON array, ack or not), join or leave a namespace, or close.
 * Each input is checked as the user types; undefined when cancelled.
 */
import * as vscode from 'vscode';
import type { Session } from '../../core/session/session';
import type { SendRequest } from '../../core/session/sendRequest';
import { authProblem, emitArgsProblem, emitArgsText, namespaceProblem } from '../../core/socketio/sioInput';

const TITLE = 'Realtime Inspector: Send';

interface ActionItem extends vscode.QuickPickItem {
  action: 'sio-emit' | 'sio-connect' | 'sio-disconnect' | 'close';
}

/** Asks what to send on a Socket.IO session. */
export async function promptSocketIoRequest(session: Session): Promise<SendRequest | undefined> {
  const items: ActionItem[] = [
    {
      action: 'sio-emit',
      label: '$(symbol-event) Emit an event',
      description: 'event name, JSON arguments, optional ack',
    },
    { action: 'sio-connect', label: '$(plug) Join a namespace', description: 'CONNECT with optional auth' },
    { action: 'sio-disconnect', label: '$(debug-disconnect) Leave a namespace', description: 'DISCONNECT' },
    { action: 'close', label: '$(close) Close the session', description: 'Engine.IO close' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE} (Socket.IO)`,
    placeHolder: 'What to send',
  });
  if (!picked) return undefined;
  switch (picked.action) {
    case 'sio-emit':
      return promptEmit(session);
    case 'sio-connect': {
      const namespace = await promptNamespace('Namespace to join', '/admin');
      if (namespace === undefined) return undefined;
      const auth = await input(
        'auth',
        `Auth for ${namespace} as a JSON object (empty for none)`,
        '{"token":"abc"}',
        authProblem,
      );
      if (auth === undefined) return undefined;
      return auth.trim() === ''
        ? { kind: 'sio-connect', namespace }
        : { kind: 'sio-connect', namespace, auth: auth.trim() };
    }
    case 'sio-disconnect': {
      const namespace = await pickNamespace(session, 'Namespace to leave');
      return namespace === undefined ? undefined : { kind: 'sio-disconnect', namespace };
    }
    case 'close':
      return { kind: 'close' };
  }
}

async function promptEmit(session: Session): Promise<SendRequest | undefined> {
  const namespace = await pickNamespace(session, 'Namespace to emit on');
  if (namespace === undefined) return undefined;
  const event = await input('event', `Event name to emit on ${namespace}`, 'chat message', (value) =>
    value.trim() === '' ? 'Type the event name.' : undefined,
  );
  if (event === undefined) return undefined;
  const args = await input(
    'arguments',
    'Arguments as a JSON array (empty for none); binary as {"$binary": "<base64>"}',
    '["hello", {"n": 1}]',
    emitArgsProblem,
  );
  if (args === undefined) return undefined;
  const ack = await vscode.window.showQuickPick(
    [
      { label: '$(circle-slash) No acknowledgement', ack: false },
      {
        label: '$(reply) Ask for an acknowledgement',
        description: 'the reply is matched to this emit and timed',
        ack: true,
      },
    ],
    { title: `${TITLE}: ${event.trim()} on ${namespace}`, placeHolder: 'Acknowledgement' },
  );
  if (!ack) return undefined;
  return { kind: 'sio-emit', namespace, event: event.trim(), args: emitArgsText(args), ack: ack.ack };
}

/** The namespace: "/" when it is the only one joined, a pick among the joined ones, or typed. */
async function pickNamespace(session: Session, title: string): Promise<string | undefined> {
  const joined = (session.info.namespaces ?? []).filter((n) => n.state === 'connected').map((n) => n.name);
  if (joined.length <= 1) return joined[0] ?? promptNamespace(title, '/');
  const items = [...joined.map((name) => ({ label: name })), { label: '$(edit) Another namespace…', other: true }];
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: ${title}` });
  if (!picked) return undefined;
  return 'other' in picked ? promptNamespace(title, '/') : picked.label;
}

async function promptNamespace(title: string, placeHolder: string): Promise<string | undefined> {
  const text = await input('namespace', title, placeHolder, (value) => namespaceProblem(value.trim() || '/'));
  return text === undefined ? undefined : text.trim() || '/';
}

function input(
  field: string,
  prompt: string,
  placeHolder: string,
  problem: (value: string) => string | undefined,
): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `${TITLE}: ${field}`,
    prompt,
    placeHolder,
    ignoreFocusOut: true,
    validateInput: (value) => problem(value) ?? null,
  });
}
