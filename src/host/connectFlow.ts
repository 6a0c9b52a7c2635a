/**
 * The interactive part of `Realtime Inspector: Connect…`: a URL input validated as the user types,
 * the kind inferred from it (WebSocket, Socket.IO, Engine.IO, Server-Sent Events, long-polling), then a
 * menu of the options that kind has, showing current values, until "Connect" or Escape. Every problem is
 * reported before anything is sent.
 */
import * as vscode from 'vscode';
import { validateConnectionOptions, type ConnectionOptions } from '../core/connection/connectionOptions';
import { checkEngineIoUrl } from '../core/connection/engineIoOptions';
import { redactUrl } from '../core/redaction/urlRedaction';
import { optionsOfDraft, urlProblemFor, type Draft } from './connectDraft';
import { inferKind, KIND_LABELS } from './connectKinds';
import { editOption } from './connectOptionEditors';
import { optionItems } from './connectOptionItems';
import { TITLE } from './connectPrompts';
import { inert } from './notificationText';
import type { ConnectionDefaults } from './settings';

/** Asks for a URL and options; undefined when the user cancels. */
export async function promptConnectionOptions(
  defaults: ConnectionDefaults,
  recentUrls: readonly string[],
): Promise<ConnectionOptions | undefined> {
  const url = await vscode.window.showInputBox({
    title: TITLE,
    prompt:
      'URL: ws:// or wss:// for WebSocket; http(s):// for Socket.IO, Engine.IO, Server-Sent Events or polling ' +
      '(the kind can be changed next)',
    placeHolder: 'ws://localhost:8080/  or  http://localhost:3000',
    value: recentUrls[0],
    ignoreFocusOut: true,
    validateInput: (value) => checkEngineIoUrl(value) ?? null,
  });
  if (url === undefined) return undefined;
  const draft: Draft = { ...defaults, kind: inferKind(url), url: url.trim() };
  return chooseOptions(draft);
}

async function chooseOptions(draft: Draft): Promise<ConnectionOptions | undefined> {
  for (;;) {
    const picked = await vscode.window.showQuickPick(optionItems(draft), {
      title: `${TITLE} to ${redactUrl(draft.url)} (${KIND_LABELS[draft.kind]})`,
      placeHolder: 'Connect, or change an option first',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.id === 'connect') {
      const options = optionsOfDraft(draft);
      const problem = connectProblem(options);
      if (!problem) return options as unknown as ConnectionOptions;
      void vscode.window.showWarningMessage(inert(problem, 300));
      continue;
    }
    await editOption(draft, picked.id);
  }
}

/** What keeps the draft from connecting, in plain words; undefined when it can. */
function connectProblem(draft: Draft): string | undefined {
  const urlProblem = urlProblemFor(draft.kind, draft.url);
  if (urlProblem) return urlProblem;
  const result = validateConnectionOptions(draft);
  return result.ok ? undefined : result.issues.map((i) => `${i.field}: ${i.message}`).join(' ');
}
