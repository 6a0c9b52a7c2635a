/**
 * `realtimeInspector.connect [options | url]`: opens a session and its panel.
 * Without an argument it prompts (connectFlow.ts); with a URL string or a ConnectionOptions object
 * it connects without prompts, settings filling in what the argument leaves out.
 * Returns the new session's id, or undefined when cancelled or invalid.
 */
import * as vscode from 'vscode';
import { redactUrlsInText, urlForHistory } from '../../core/redaction/urlRedaction';
import { optionsOfDraft, type Draft } from '../connectDraft';
import { checkedOptions, CONNECT_ENDING, promptConnectionOptions, type MenuEnding } from '../connectFlow';
import { inferKind } from '../connectKinds';
import { inert } from '../notificationText';
import type { OutputLog } from '../outputLog';
import type { ConnectChoice } from '../profiles/saveAsProfile';
import { reconnectPolicyOfDraft } from '../connectReconnect';
import type { SessionLauncher } from '../sessionLauncher';
import type { SessionOrigin } from '../sessionOrigin';
import { ignoredWorkspaceTlsSettings, readConnectionDefaults, type ConnectionDefaults } from '../settings';

export const CONNECT_COMMAND = 'realtimeInspector.connect';

const RECENT_URLS_KEY = 'realtimeInspector.recentUrls';
const MAX_RECENT_URLS = 5;

export interface ConnectCommandDeps {
  launcher: SessionLauncher;
  log: OutputLog;
  globalState: vscode.Memento;
  /** "Save as profile…" at the end of the menu (profiles/saveAsProfile.ts); absent: Connect only. */
  saveAs?: SaveAsProfile;
}

/** How Connect… saves its options as a profile before connecting from it. */
export interface SaveAsProfile {
  ending: MenuEnding<ConnectChoice>;
  /** Saves and connects; the new session's id, or undefined. */
  saveAndConnect(
    options: ConnectChoice['options'],
    target: NonNullable<ConnectChoice['saveAs']>,
    defaults: ConnectionDefaults,
    reconnect?: ConnectChoice['reconnect'],
  ): Promise<string | undefined>;
}

/** Connect… without profiles: "Connect" ends the menu. */
const CONNECT_ONLY: MenuEnding<ConnectChoice> = {
  items: CONNECT_ENDING.items,
  pick: async (_id, draft) => {
    const options = checkedOptions(draft);
    const reconnect = reconnectPolicyOfDraft(draft);
    return options && (reconnect ? { options, reconnect } : { options });
  },
};

export function registerConnectCommand(deps: ConnectCommandDeps): vscode.Disposable {
  return vscode.commands.registerCommand(CONNECT_COMMAND, (arg?: unknown) => connect(deps, arg));
}

async function connect(deps: ConnectCommandDeps, arg: unknown): Promise<string | undefined> {
  const defaults = await readConnectionDefaults();
  const ignored = ignoredWorkspaceTlsSettings();
  if (ignored) deps.log.warn(ignored);
  if (!defaults.ok) {
    deps.log.warn(defaults.error);
    void vscode.window.showErrorMessage(inert(defaults.error, 300), 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'realtimeInspector.tls.caFile');
    });
    return undefined;
  }
  let options: unknown;
  let origin: SessionOrigin | undefined;
  if (arg === undefined) {
    const ending = deps.saveAs?.ending ?? CONNECT_ONLY;
    const choice = await promptConnectionOptions(defaults.value, recentUrls(deps.globalState), ending);
    if (choice?.saveAs && deps.saveAs)
      return deps.saveAs.saveAndConnect(choice.options, choice.saveAs, defaults.value, choice.reconnect);
    options = choice?.options;
    // "Reconnect automatically" (issue 12): the session reconnects by the default backoff.
    if (choice?.reconnect) origin = { reconnect: choice.reconnect };
  } else options = fromArgument(arg, defaults.value);
  if (options === undefined) return undefined;
  const result = deps.launcher.open(options, undefined, origin);
  if (!result.ok) {
    const message = redactUrlsInText(result.message);
    deps.log.warn(`Connect refused: ${message}`);
    void vscode.window.showErrorMessage(`Cannot connect: ${inert(message, 300)}`);
    return undefined;
  }
  // Credentials in the URL (userinfo, token query parameters) are not kept in globalState (style.md rule 11).
  await rememberUrl(deps.globalState, urlForHistory(result.session.options.url));
  return result.session.id;
}

/**
 * A URL string or an options object, with settings underneath. The result is validated by
 * createSession, so anything odd in the argument is reported there, field by field.
 */
function fromArgument(arg: unknown, defaults: ConnectionDefaults): unknown {
  if (typeof arg === 'string') return optionsOfDraft({ kind: inferKind(arg), ...defaults, url: arg });
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return arg;
  const given = Object.fromEntries(Object.entries(arg).filter(([, v]) => v !== undefined)) as Record<string, unknown>;
  const merged: Record<string, unknown> = {
    kind: typeof given.url === 'string' ? inferKind(given.url) : 'websocket',
    ...defaults,
    ...given,
  };
  if (typeof given.tls === 'object' && given.tls !== null && !Array.isArray(given.tls))
    merged.tls = { ...defaults.tls, ...given.tls };
  return optionsOfDraft(merged as Draft);
}

/** The remembered URLs, cleaned again on the way out: lists saved by earlier versions may hold credentials. */
function recentUrls(state: vscode.Memento): string[] {
  const stored = state.get<unknown>(RECENT_URLS_KEY);
  return Array.isArray(stored) ? stored.filter((u): u is string => typeof u === 'string').map(urlForHistory) : [];
}

async function rememberUrl(state: vscode.Memento, url: string): Promise<void> {
  const next = [...new Set([url, ...recentUrls(state)])].slice(0, MAX_RECENT_URLS);
  // Losing the history is harmless; the session is already open.
  await Promise.resolve(state.update(RECENT_URLS_KEY, next)).catch(() => undefined);
}
