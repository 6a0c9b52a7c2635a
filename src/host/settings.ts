/**
 * Connection defaults from the `realtimeInspector.*` settings (declared in package.json). The CA file
 * is read here, once per connect, so a missing or unreadable file is reported before anything is sent.
 * TLS trust comes from the user's own settings only (trustedSettings.ts).
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WebSocketConnectionOptions } from '../core/connection/connectionOptions';
import { limitOptionsFromSettings, logBudgetsFromSettings } from '../core/limits/limitSettings';
import { userValue, workspaceTried } from './trustedSettings';

/**
 * Everything a connection takes from settings; the URL and per-connection choices come from the user.
 * `maxPollBodyBytes` applies to Engine.IO / Socket.IO sessions (the WebSocket kind ignores it), `maxLineBytes` to
 * SSE, `maxAttachments` to Socket.IO: each kind's validation reads only its own fields.
 */
export type ConnectionDefaults = Omit<WebSocketConnectionOptions, 'kind' | 'url'> & {
  maxPollBodyBytes?: number;
  maxLineBytes?: number;
  maxAttachments?: number;
};

export type DefaultsResult = { ok: true; value: ConnectionDefaults } | { ok: false; error: string };

/** Reads the settings and the CA file. Never throws. */
export async function readConnectionDefaults(): Promise<DefaultsResult> {
  const config = vscode.workspace.getConfiguration('realtimeInspector');
  const defaults: ConnectionDefaults = {
    handshakeTimeoutMs: config.get<number>('handshakeTimeoutMs'),
    heartbeatIntervalMs: config.get<number>('heartbeatIntervalMs'),
    heartbeatTimeoutMs: config.get<number>('heartbeatTimeoutMs'),
    perMessageDeflate: config.get<boolean>('perMessageDeflate'),
    maxStoredPayloadBytes: config.get<number>('maxPayloadPreviewBytes'),
    // The limits (issue 12): maxMessageBytes → maxPayloadBytes, maxSseLineBytes → maxLineBytes… (limits.ts).
    ...limitOptionsFromSettings((key) => config.get(settingInSection(key))),
    tls: { rejectUnauthorized: userValue(config.inspect<boolean>('tls.rejectUnauthorized'), true) },
  };
  const caFile = userValue(config.inspect<string>('tls.caFile'), '').trim();
  if (caFile !== '') {
    const ca = await readCaFile(caFile);
    if (!ca.ok) return ca;
    defaults.tls = { ...defaults.tls, ca: ca.value };
  }
  return { ok: true, value: dropUndefined(defaults) };
}

/**
 * What each session's log may use (`realtimeInspector.log.*`): memory for the newest events; past it the
 * oldest spill to disk in the extension's storage, and past the disk budget the oldest are let go (counted).
 */
export function readLogBudgets(): { memoryBudgetBytes: number; diskBudgetBytes: number } {
  const config = vscode.workspace.getConfiguration('realtimeInspector');
  return logBudgetsFromSettings((key) => config.get(settingInSection(key)));
}

/** `realtimeInspector.maxMessageBytes` as the section's `get` names it: `maxMessageBytes`. */
function settingInSection(key: string): string {
  return key.replace(/^realtimeInspector\./, '');
}

/** A note for the log when a workspace tried to change TLS trust (it has no effect). */
export function ignoredWorkspaceTlsSettings(): string | undefined {
  const config = vscode.workspace.getConfiguration('realtimeInspector');
  const tried = ['tls.rejectUnauthorized', 'tls.caFile'].filter((key) => workspaceTried(config.inspect(key)));
  if (tried.length === 0) return undefined;
  const names = tried.map((k) => `realtimeInspector.${k}`).join(' and ');
  return `Workspace settings ${names} are ignored: TLS trust comes from your user settings only.`;
}

async function readCaFile(setting: string): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const file = resolvePath(setting);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : 'it could not be read';
    return {
      ok: false,
      error: `The CA file in setting realtimeInspector.tls.caFile cannot be used: ${why} (${file}).`,
    };
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return {
      ok: false,
      error:
        `The CA file ${file} (realtimeInspector.tls.caFile) contains no PEM certificate ` +
        '(-----BEGIN CERTIFICATE-----).',
    };
  }
  return { ok: true, value: text };
}

/** `~` is the home folder; a relative path is relative to the first workspace folder. */
function resolvePath(setting: string): string {
  if (setting === '~' || setting.startsWith('~/')) return path.join(homedir(), setting.slice(1));
  if (path.isAbsolute(setting)) return setting;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? path.join(folder, setting) : path.resolve(setting);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
