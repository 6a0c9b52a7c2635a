/**
 * The interactive part of `Realtime Inspector: Connect…`: a URL input validated as the user types,
 * the kind inferred from it (WebSocket, Socket.IO, Engine.IO, Server-Sent Events, long-polling), then a
 * menu of the options that kind has, showing current values, until "Connect" or Escape. Every problem is
 * reported before anything is sent. The menu's ending can be replaced (the profile editor ends with "Save").
 */
import * as vscode from 'vscode';
import { validateConnectionOptions, type ConnectionOptions } from '../core/connection/connectionOptions';
import { checkEngineIoUrl } from '../core/connection/engineIoOptions';
import { redactUrl } from '../core/redaction/urlRedaction';
import { optionsOfDraft, urlProblemFor, type Draft, type OptionId } from './connectDraft';
import { inferKind, KIND_LABELS } from './connectKinds';
import { editOption } from './connectOptionEditors';
import { optionItems } from './connectOptionItems';
import { TITLE } from './connectPrompts';
import { inert } from './notificationText';
import type { ConnectionDefaults } from './settings';

/** An item of the menu's ending (Connect, Save as profile…, Save, Name…): its id is not an option's. */
export interface EndingItem extends vscode.QuickPickItem {
  id: string;
}

/** How the options menu ends: the items at its top, and what picking one of them does. */
export interface MenuEnding<T> {
  /** The menu's title; default: `Connect to <url> (<kind>)`. */
  title?(draft: Draft): string;
  /** The items above the options (the first one is the default action). */
  items(draft: Draft): EndingItem[];
  /** One of them was picked: a value ends the menu with it; undefined keeps the menu open. */
  pick(id: string, draft: Draft): Promise<T | undefined>;
}

/** The usual ending: "Connect" with the options, once they are valid. */
export const CONNECT_ENDING: MenuEnding<ConnectionOptions> = {
  items: (draft) => optionItems(draft).filter((i) => i.id === 'connect'),
  pick: async (_id, draft) => checkedOptions(draft),
};

/** Asks for a URL and options; undefined when the user cancels. */
export async function promptConnectionOptions<T = ConnectionOptions>(
  defaults: ConnectionDefaults,
  recentUrls: readonly string[],
  ending: MenuEnding<T> = CONNECT_ENDING as unknown as MenuEnding<T>,
): Promise<T | undefined> {
  const url = await promptUrl(recentUrls[0]);
  if (url === undefined) return undefined;
  const draft: Draft = { ...defaults, kind: inferKind(url), url: url.trim() };
  return chooseOptions(draft, ending);
}

/** The URL input box (checked as the user types); undefined when cancelled. */
export function promptUrl(value: string | undefined, title = TITLE): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt:
      'URL: ws:// or wss:// for WebSocket; http(s):// for Socket.IO, Engine.IO, Server-Sent Events or polling ' +
      '(the kind can be changed next)',
    placeHolder: 'ws://localhost:8080/  or  http://localhost:3000',
    value,
    ignoreFocusOut: true,
    validateInput: (text) => checkEngineIoUrl(text) ?? null,
  });
}

/** The options menu over `draft` (edited in place) until its ending gives a value or the user cancels. */
export async function chooseOptions<T>(draft: Draft, ending: MenuEnding<T>): Promise<T | undefined> {
  for (;;) {
    const endingItems = ending.items(draft);
    const endingIds = new Set(endingItems.map((i) => i.id));
    const items = [...endingItems, ...optionItems(draft).filter((i) => i.id !== 'connect')];
    const picked = await vscode.window.showQuickPick(items, {
      title: ending.title?.(draft) ?? `${TITLE} to ${redactUrl(draft.url)} (${KIND_LABELS[draft.kind]})`,
      placeHolder: `${endingItems[0]?.label.replace(/^\$\([\w-]+\)\s*/, '') ?? 'Connect'}, or change an option first`,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (endingIds.has(picked.id)) {
      const result = await ending.pick(picked.id, draft);
      if (result !== undefined) return result;
      continue;
    }
    await editOption(draft, picked.id as OptionId);
  }
}

/** The draft as options when they can connect; otherwise says why (a warning) and gives undefined. */
export function checkedOptions(draft: Draft): ConnectionOptions | undefined {
  const options = optionsOfDraft(draft);
  const problem = connectProblem(options);
  if (!problem) return options as unknown as ConnectionOptions;
  void vscode.window.showWarningMessage(inert(problem, 300));
  return undefined;
}

/** What keeps the draft from connecting, in plain words; undefined when it can. */
function connectProblem(draft: Draft): string | undefined {
  const urlProblem = urlProblemFor(draft.kind, draft.url);
  if (urlProblem) return urlProblem;
  const result = validateConnectionOptions(draft);
  return result.ok ? undefined : result.issues.map((i) => `${i.field}: ${i.message}`).join(' ');
}
