/**
 * The interactive part of `Realtime Inspector: Connect…`: a URL input validated as the user types,
 * the kind inferred from it (WebSocket, Socket.IO, Engine.IO), then a menu of the options that kind
 * has, showing current values, until "Connect" or Escape. Every problem is reported before anything
 * is sent.
 */
import * as vscode from 'vscode';
import { checkWebSocketUrl, validateConnectionOptions, type ConnectionOptions } from '../core/connection/connectionOptions';
import { checkEngineIoUrl, TRANSPORT_POLICIES, type EngineIoConnectionOptions, type TransportPolicy } from '../core/connection/engineIoOptions';
import { redactQuery, redactUrl } from '../core/redaction/urlRedaction';
import { inferKind, KIND_LABELS, type ConnectionKind } from './connectKinds';
import { promptHeaders, promptNamespaces, promptText, TITLE } from './connectPrompts';
import { inert } from './notificationText';
import type { ConnectionDefaults } from './settings';

type OptionId = 'connect' | 'kind' | 'headers' | 'subprotocols' | 'origin' | 'deflate' | 'transports' | 'version' | 'path' | 'namespaces' | 'query' | 'parser';

interface OptionItem extends vscode.QuickPickItem {
  id: OptionId;
}

/** The options being edited: every field any kind may use; the chosen kind decides which count. */
type Draft = Record<string, unknown> & { kind: ConnectionKind; url: string };

const TRANSPORT_LABELS: Record<TransportPolicy, string> = {
  'polling-then-websocket': 'long-polling, then upgrade to WebSocket',
  'websocket-only': 'WebSocket only',
  'polling-only': 'long-polling only',
};

/** Asks for a URL and options; undefined when the user cancels. */
export async function promptConnectionOptions(defaults: ConnectionDefaults, recentUrls: readonly string[]): Promise<ConnectionOptions | undefined> {
  const url = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'URL: ws:// or wss:// for WebSocket; http(s):// for Socket.IO or Engine.IO',
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
      const problem = connectProblem(draft);
      if (!problem) return draft as unknown as ConnectionOptions;
      void vscode.window.showWarningMessage(inert(problem, 300));
      continue;
    }
    await editOption(draft, picked.id);
  }
}

/** What keeps the draft from connecting, in plain words; undefined when it can. */
function connectProblem(draft: Draft): string | undefined {
  const urlProblem = draft.kind === 'websocket' ? checkWebSocketUrl(draft.url) : checkEngineIoUrl(draft.url);
  if (urlProblem) return urlProblem;
  const result = validateConnectionOptions(draft);
  return result.ok ? undefined : result.issues.map((i) => `${i.field}: ${i.message}`).join(' ');
}

async function editOption(draft: Draft, id: OptionId): Promise<void> {
  switch (id) {
    case 'kind': {
      // (`kind` is a reserved QuickPickItem field, hence `connectionKind`.)
      const kinds = (Object.keys(KIND_LABELS) as ConnectionKind[]).map((connectionKind) => ({ label: KIND_LABELS[connectionKind], connectionKind, picked: connectionKind === draft.kind }));
      const picked = await vscode.window.showQuickPick(kinds, { title: `${TITLE}: kind` });
      if (picked) draft.kind = picked.connectionKind;
      return;
    }
    case 'headers': {
      const headers = await promptHeaders((draft.headers as Array<[string, string]> | undefined) ?? []);
      if (headers !== undefined) draft.headers = headers;
      return;
    }
    case 'subprotocols': {
      const text = await promptText('subprotocols', 'Subprotocols to offer in Sec-WebSocket-Protocol, comma-separated (empty for none)', ((draft.subprotocols as string[] | undefined) ?? []).join(', '), 'graphql-transport-ws, mqtt',
        (value) => fieldProblem({ kind: 'websocket', url: 'ws://x/', subprotocols: toList(value) }, 'subprotocols'));
      if (text !== undefined) draft.subprotocols = toList(text);
      return;
    }
    case 'origin': {
      const text = await promptText('origin', 'Origin header (empty for none)', (draft.origin as string | undefined) ?? '', 'https://example.com',
        (value) => fieldProblem({ kind: 'websocket', url: 'ws://x/', origin: value.trim() }, 'origin'));
      if (text !== undefined) draft.origin = text.trim() === '' ? undefined : text.trim();
      return;
    }
    case 'deflate':
      draft.perMessageDeflate = draft.perMessageDeflate === false;
      return;
    case 'transports': {
      const items = TRANSPORT_POLICIES.map((policy) => ({ label: TRANSPORT_LABELS[policy], policy, picked: policy === (draft.transports ?? 'polling-then-websocket') }));
      const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: transports` });
      if (picked) draft.transports = picked.policy;
      return;
    }
    case 'version': {
      const items = [
        { label: 'Detect from the handshake', value: 'auto' as const },
        { label: 'Engine.IO 4 (Socket.IO 3 and newer)', value: 4 as const },
        { label: 'Engine.IO 3 (Socket.IO 1 and 2)', value: 3 as const },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: protocol version` });
      if (picked) draft.protocolVersion = picked.value;
      return;
    }
    case 'path': {
      const text = await promptText('path', 'Engine.IO path (empty for the default: /socket.io/ or /engine.io/)', (draft.path as string | undefined) ?? '', '/socket.io/',
        (value) => fieldProblem({ ...draft, kind: 'socketio', path: value.trim() } as Draft, 'path'));
      if (text !== undefined) draft.path = text.trim() === '' ? undefined : text.trim();
      return;
    }
    case 'query': {
      const text = await promptText('query', 'Extra query parameters: name=value&other=value (empty for none)', queryText(draft.query as Array<[string, string]> | undefined), 'token=abc&room=1',
        (value) => fieldProblem({ ...draft, kind: 'socketio', query: parseQuery(value) } as Draft, 'query'));
      if (text !== undefined) draft.query = parseQuery(text);
      return;
    }
    case 'namespaces': {
      const namespaces = await promptNamespaces((draft.namespaces as EngineIoConnectionOptions['namespaces']) ?? [{ name: '/' }]);
      if (namespaces !== undefined) draft.namespaces = namespaces;
      return;
    }
    case 'parser':
      draft.parser = draft.parser === 'msgpack' ? 'default' : 'msgpack';
      return;
    case 'connect':
      return;
  }
}

function optionItems(draft: Draft): OptionItem[] {
  const headers = (draft.headers as Array<[string, string]> | undefined) ?? [];
  const common: OptionItem[] = [
    { id: 'connect', label: '$(plug) Connect', description: redactUrl(draft.url) },
    { id: 'kind', label: `$(symbol-class) Kind: ${KIND_LABELS[draft.kind]}`, description: 'WebSocket, Socket.IO or Engine.IO' },
    { id: 'headers', label: '$(list-unordered) Headers…', description: headers.length ? headers.map(([n]) => n).join(', ') : 'none' },
  ];
  if (draft.kind === 'websocket') {
    const subprotocols = (draft.subprotocols as string[] | undefined) ?? [];
    return [...common,
      { id: 'subprotocols', label: '$(symbol-enum) Subprotocols…', description: subprotocols.length ? subprotocols.join(', ') : 'none' },
      { id: 'origin', label: '$(globe) Origin…', description: (draft.origin as string | undefined) ?? 'none' },
      { id: 'deflate', label: `$(file-zip) permessage-deflate: ${draft.perMessageDeflate === false ? 'off' : 'on'}`, description: 'toggle' },
    ];
  }
  const items: OptionItem[] = [...common,
    { id: 'transports', label: '$(arrow-swap) Transports…', description: TRANSPORT_LABELS[(draft.transports as TransportPolicy | undefined) ?? 'polling-then-websocket'] },
    { id: 'version', label: '$(versions) Protocol version…', description: draft.protocolVersion === undefined || draft.protocolVersion === 'auto' ? 'detect' : `Engine.IO ${String(draft.protocolVersion)}` },
    { id: 'path', label: '$(folder) Path…', description: (draft.path as string | undefined) ?? 'default' },
    { id: 'query', label: '$(symbol-key) Query…', description: redactQuery(queryText(draft.query as Array<[string, string]> | undefined)) || 'none' },
  ];
  if (draft.kind === 'socketio') {
    const namespaces = (draft.namespaces as EngineIoConnectionOptions['namespaces']) ?? [{ name: '/' }];
    items.push(
      { id: 'namespaces', label: '$(symbol-namespace) Namespaces…', description: namespaces.map((n) => (n.auth ? `${n.name} (auth)` : n.name)).join(', ') },
      { id: 'parser', label: `$(symbol-misc) Parser: ${draft.parser === 'msgpack' ? 'msgpack' : 'default (JSON)'}`, description: 'toggle' },
    );
  }
  return items;
}

function toList(value: string): string[] {
  return value.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function parseQuery(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text.trim().replace(/^\?/, ''))];
}

function queryText(query: Array<[string, string]> | undefined): string {
  return query?.length ? new URLSearchParams(query).toString() : '';
}

/** The core validator's message for one field, so the prompt and the engine agree on what is valid. */
function fieldProblem(options: Draft | ConnectionOptions, field: string): string | null {
  const result = validateConnectionOptions(options);
  if (result.ok) return null;
  const issues = result.issues.filter((i) => i.field === field || i.field.startsWith(`${field}[`));
  return issues.length ? issues.map((i) => i.message).join(' ') : null;
}
