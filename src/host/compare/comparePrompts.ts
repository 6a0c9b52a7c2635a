/**
 * The questions of `Realtime Inspector: Compare Transports…`, one after the other: server URL, kind (inferred
 * from the URL, confirmed here), number of messages, message size, mode (Socket.IO), event (Socket.IO). Each
 * input box checks what is typed as it is typed (compareInput.ts); Escape anywhere cancels the whole command.
 */
import * as vscode from 'vscode';
import type { ExchangeMode } from '../../core/compare/comparisonPlan';
import { redactUrl } from '../../core/redaction/urlRedaction';
import * as input from './compareInput';

const TITLE = 'Realtime Inspector: Compare Transports';

const KIND_NAMES: Record<input.CompareKind, string> = { socketio: 'Socket.IO', engineio: 'Engine.IO' };

const MODE_WORDS: Record<ExchangeMode, { label: string; detail: string }> = {
  ack: { label: 'ack', detail: 'Emit with an acknowledgement callback; the round trip ends when the server acks.' },
  echo: { label: 'echo', detail: 'Send a message; the round trip ends when the server sends the same data back.' },
};

/** Where the questions start: what the user answered last time in this window, if anything. */
export interface PromptDefaults {
  url?: string;
}

/** Asks every question; undefined when the user cancels. */
export async function promptComparison(defaults: PromptDefaults): Promise<input.CompareAnswers | undefined> {
  const url = await ask('server URL', {
    prompt: 'The Socket.IO or Engine.IO server: http://, https://, ws:// or wss://',
    placeHolder: 'http://localhost:3000',
    value: defaults.url,
    validateInput: input.urlProblem,
  });
  if (url === undefined) return undefined;
  const kind = await pickKind(url.trim());
  if (!kind) return undefined;
  const messages = await askNumber(
    'messages',
    'How many messages to send over each transport',
    input.DEFAULT_MESSAGES,
    input.messageCountProblem,
  );
  if (messages === undefined) return undefined;
  const messageBytes = await askNumber(
    'message size',
    'Size of each message in bytes',
    input.DEFAULT_MESSAGE_BYTES,
    input.messageBytesProblem,
  );
  if (messageBytes === undefined) return undefined;
  const answers: input.CompareAnswers = { url: url.trim(), kind, messages, messageBytes, mode: 'echo' };
  if (kind === 'engineio') return answers;
  const mode = await pickMode(kind);
  if (!mode) return undefined;
  const event = await ask('event', {
    prompt:
      mode === 'ack'
        ? 'The event emitted; the server must call its acknowledgement callback'
        : 'The event emitted; the server must emit the same event back with the same data',
    value: input.DEFAULT_EVENT,
    validateInput: input.eventNameProblem,
  });
  return event === undefined ? undefined : { ...answers, mode, event };
}

async function pickKind(url: string): Promise<input.CompareKind | undefined> {
  const inferred = input.inferCompareKind(url);
  const kinds: input.CompareKind[] = inferred === 'socketio' ? ['socketio', 'engineio'] : ['engineio', 'socketio'];
  const items = kinds.map((value) => ({
    value,
    label: KIND_NAMES[value],
    description: value === inferred ? 'inferred from the URL' : undefined,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE}: kind of ${redactUrl(url)}`,
    placeHolder: 'Which protocol the server speaks',
    ignoreFocusOut: true,
  });
  return picked?.value;
}

async function pickMode(kind: input.CompareKind): Promise<ExchangeMode | undefined> {
  const items = input.modesFor(kind).map((mode) => ({
    mode,
    label: MODE_WORDS[mode].label,
    description: mode === input.defaultMode(kind) ? 'default' : undefined,
    detail: MODE_WORDS[mode].detail,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE}: mode`,
    placeHolder: 'How each round trip ends',
    ignoreFocusOut: true,
  });
  return picked?.mode;
}

async function askNumber(
  field: string,
  prompt: string,
  fallback: number,
  problem: (text: string) => string | null,
): Promise<number | undefined> {
  const text = await ask(field, { prompt, value: String(fallback), validateInput: problem });
  return text === undefined ? undefined : input.wholeNumber(text);
}

function ask(field: string, options: vscode.InputBoxOptions): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: `${TITLE}: ${field}`, ignoreFocusOut: true, ...options });
}
