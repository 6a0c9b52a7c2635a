/**
 * The interactive part of `Realtime Inspector: Connect…`: a URL input validated as the user types,
 * then a menu of options (headers, subprotocols, origin, permessage-deflate) showing the current
 * values, until "Connect" or Escape. Every problem is reported in the input box before anything is
 * sent.
 */
import * as vscode from 'vscode';
import {
  checkWebSocketUrl, parseHeaderLines, validateConnectionOptions, type WebSocketConnectionOptions,
} from '../core/connection/connectionOptions';
import type { Header } from '../core/events/logEvent';
import type { ConnectionDefaults } from './settings';

const TITLE = 'Realtime Inspector: Connect';

type OptionId = 'connect' | 'headers' | 'subprotocols' | 'origin' | 'deflate';

interface OptionItem extends vscode.QuickPickItem {
  id: OptionId;
}

/** Asks for a URL and options; undefined when the user cancels. */
export async function promptConnectionOptions(defaults: ConnectionDefaults, recentUrls: readonly string[]): Promise<WebSocketConnectionOptions | undefined> {
  const url = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'WebSocket URL (ws:// or wss://)',
    placeHolder: 'ws://localhost:8080/',
    value: recentUrls[0],
    ignoreFocusOut: true,
    validateInput: (value) => checkWebSocketUrl(value) ?? null,
  });
  if (url === undefined) return undefined;
  const options: WebSocketConnectionOptions = { kind: 'websocket', ...defaults, url: url.trim() };
  return chooseOptions(options);
}

async function chooseOptions(options: WebSocketConnectionOptions): Promise<WebSocketConnectionOptions | undefined> {
  for (;;) {
    const picked = await vscode.window.showQuickPick(optionItems(options), {
      title: `${TITLE} to ${options.url}`,
      placeHolder: 'Connect, or change an option first',
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    switch (picked.id) {
      case 'connect':
        return options;
      case 'headers': {
        const headers = await promptHeaders(options.headers ?? []);
        if (headers !== undefined) options.headers = headers;
        break;
      }
      case 'subprotocols': {
        const subprotocols = await promptSubprotocols(options);
        if (subprotocols !== undefined) options.subprotocols = subprotocols;
        break;
      }
      case 'origin': {
        const origin = await promptOrigin(options.origin);
        if (origin !== undefined) options.origin = origin === '' ? undefined : origin;
        break;
      }
      case 'deflate':
        options.perMessageDeflate = options.perMessageDeflate === false;
        break;
    }
  }
}

function optionItems(options: WebSocketConnectionOptions): OptionItem[] {
  const headers = options.headers ?? [];
  const subprotocols = options.subprotocols ?? [];
  return [
    { id: 'connect', label: '$(plug) Connect', description: options.url },
    { id: 'headers', label: '$(list-unordered) Headers…', description: headers.length ? headers.map(([n]) => n).join(', ') : 'none' },
    { id: 'subprotocols', label: '$(symbol-enum) Subprotocols…', description: subprotocols.length ? subprotocols.join(', ') : 'none' },
    { id: 'origin', label: '$(globe) Origin…', description: options.origin ?? 'none' },
    { id: 'deflate', label: `$(file-zip) permessage-deflate: ${options.perMessageDeflate === false ? 'off' : 'on'}`, description: 'toggle' },
  ];
}

/**
 * Headers typed on one line: `Name: value` entries separated by `;` or newlines. A `;` splits only
 * when a `Name:` follows it, so `Cookie: a=1; b=2` stays one header.
 */
export function splitHeaderInput(text: string): string {
  return text.split(/\r?\n|;\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:)/).map((line) => line.trim()).join('\n');
}

async function promptHeaders(current: Header[]): Promise<Header[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: headers`,
    prompt: 'Extra request headers: Name: value; Other-Name: value (empty for none)',
    placeHolder: 'Authorization: Bearer …; X-Client: inspector',
    value: current.map(([n, v]) => `${n}: ${v}`).join('; '),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parseHeaderLines(splitHeaderInput(value));
      return parsed.ok ? null : parsed.issues.map((i) => i.message).join(' ');
    },
  });
  if (text === undefined) return undefined;
  const parsed = parseHeaderLines(splitHeaderInput(text));
  return parsed.ok ? parsed.value : undefined;
}

async function promptSubprotocols(options: WebSocketConnectionOptions): Promise<string[] | undefined> {
  const toList = (value: string): string[] => value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: subprotocols`,
    prompt: 'Subprotocols to offer in Sec-WebSocket-Protocol, comma-separated (empty for none)',
    placeHolder: 'graphql-transport-ws, mqtt',
    value: (options.subprotocols ?? []).join(', '),
    ignoreFocusOut: true,
    validateInput: (value) => fieldProblem({ kind: 'websocket', url: options.url, subprotocols: toList(value) }, 'subprotocols'),
  });
  return text === undefined ? undefined : toList(text);
}

async function promptOrigin(current: string | undefined): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: `${TITLE}: origin`,
    prompt: 'Origin header (empty for none)',
    placeHolder: 'https://example.com',
    value: current ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => fieldProblem({ kind: 'websocket', url: 'ws://x/', origin: value.trim() }, 'origin'),
  });
  return text === undefined ? undefined : text.trim();
}

/** The core validator's message for one field, so the prompt and the engine agree on what is valid. */
function fieldProblem(options: WebSocketConnectionOptions, field: string): string | null {
  const result = validateConnectionOptions(options);
  if (result.ok) return null;
  const issues = result.issues.filter((i) => i.field === field || i.field.startsWith(`${field}[`));
  return issues.length ? issues.map((i) => i.message).join(' ') : null;
}
