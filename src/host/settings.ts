/**
 * Connection defaults from the `realtimeInspector.*` settings (declared in package.json). The CA file
 * is read here, once per connect, so a missing or unreadable file is reported before anything is sent.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WebSocketConnectionOptions } from '../core/connection/connectionOptions';

/** Everything a WebSocket connection takes from settings; the URL and per-connection choices come from the user. */
export type ConnectionDefaults = Omit<WebSocketConnectionOptions, 'kind' | 'url'>;

export type DefaultsResult = { ok: true; value: ConnectionDefaults } | { ok: false; error: string };

/** Reads the settings and the CA file. Never throws. */
export async function readConnectionDefaults(): Promise<DefaultsResult> {
  const config = vscode.workspace.getConfiguration('realtimeInspector');
  const defaults: ConnectionDefaults = {
    handshakeTimeoutMs: config.get<number>('handshakeTimeoutMs'),
    heartbeatIntervalMs: config.get<number>('heartbeatIntervalMs'),
    perMessageDeflate: config.get<boolean>('perMessageDeflate'),
    maxStoredPayloadBytes: config.get<number>('maxPayloadPreviewBytes'),
    tls: { rejectUnauthorized: config.get<boolean>('tls.rejectUnauthorized', true) },
  };
  const caFile = config.get<string>('tls.caFile', '').trim();
  if (caFile !== '') {
    const ca = await readCaFile(caFile);
    if (!ca.ok) return ca;
    defaults.tls = { ...defaults.tls, ca: ca.value };
  }
  return { ok: true, value: dropUndefined(defaults) };
}

async function readCaFile(setting: string): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  const file = resolvePath(setting);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : 'it could not be read';
    return { ok: false, error: `The CA file in setting realtimeInspector.tls.caFile cannot be used: ${why} (${file}).` };
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    return { ok: false, error: `The CA file ${file} (realtimeInspector.tls.caFile) contains no PEM certificate (-----BEGIN CERTIFICATE-----).` };
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
