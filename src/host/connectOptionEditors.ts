/**
 * One editor per `Connect…` option: each asks for its value (checked by core's validator as the user
 * types) and writes it into the draft, or leaves the draft alone when the user cancels.
 */
import * as vscode from 'vscode';
import { TRANSPORT_POLICIES, type EngineIoConnectionOptions } from '../core/connection/engineIoOptions';
import {
  fieldProblem,
  parseQuery,
  queryText,
  toList,
  TRANSPORT_LABELS,
  type Draft,
  type OptionId,
} from './connectDraft';
import { HTTP_OPTION_EDITORS } from './connectHttpEditors';
import { KIND_LABELS, type ConnectionKind } from './connectKinds';
import { toggleAutoReconnect } from './connectReconnect';
import { promptHeaders, promptNamespaces, promptText, TITLE } from './connectPrompts';

type OptionEditor = (draft: Draft) => Promise<void> | void;

/** Edits the option `id` of the draft. */
export async function editOption(draft: Draft, id: OptionId): Promise<void> {
  await OPTION_EDITORS[id](draft);
}

const OPTION_EDITORS: Record<OptionId, OptionEditor> = {
  connect: () => undefined,
  kind: editKind,
  headers: async (draft) => {
    const headers = await promptHeaders((draft.headers as Array<[string, string]> | undefined) ?? []);
    if (headers !== undefined) draft.headers = headers;
  },
  subprotocols: async (draft) => {
    const current = ((draft.subprotocols as string[] | undefined) ?? []).join(', ');
    const text = await promptText(
      'subprotocols',
      'Subprotocols to offer in Sec-WebSocket-Protocol, comma-separated (empty for none)',
      current,
      'graphql-transport-ws, mqtt',
      (value) => fieldProblem({ kind: 'websocket', url: 'ws://x/', subprotocols: toList(value) }, 'subprotocols'),
    );
    if (text !== undefined) draft.subprotocols = toList(text);
  },
  origin: async (draft) => {
    const text = await promptText(
      'origin',
      'Origin header (empty for none)',
      (draft.origin as string | undefined) ?? '',
      'https://example.com',
      (value) => fieldProblem({ kind: 'websocket', url: 'ws://x/', origin: value.trim() }, 'origin'),
    );
    if (text !== undefined) draft.origin = text.trim() === '' ? undefined : text.trim();
  },
  deflate: (draft) => {
    draft.perMessageDeflate = draft.perMessageDeflate === false;
  },
  transports: editTransports,
  version: editVersion,
  path: async (draft) => {
    const text = await promptText(
      'path',
      'Engine.IO path (empty for the default: /socket.io/ or /engine.io/)',
      (draft.path as string | undefined) ?? '',
      '/socket.io/',
      (value) => fieldProblem({ ...draft, kind: 'socketio', path: value.trim() } as Draft, 'path'),
    );
    if (text !== undefined) draft.path = text.trim() === '' ? undefined : text.trim();
  },
  query: async (draft) => {
    const text = await promptText(
      'query',
      'Extra query parameters: name=value&other=value (empty for none)',
      queryText(draft.query as Array<[string, string]> | undefined),
      'token=abc&room=1',
      (value) => fieldProblem({ ...draft, kind: 'socketio', query: parseQuery(value) } as Draft, 'query'),
    );
    if (text !== undefined) draft.query = parseQuery(text);
  },
  namespaces: async (draft) => {
    const current = (draft.namespaces as EngineIoConnectionOptions['namespaces']) ?? [{ name: '/' }];
    const namespaces = await promptNamespaces(current);
    if (namespaces !== undefined) draft.namespaces = namespaces;
  },
  parser: (draft) => {
    draft.parser = draft.parser === 'msgpack' ? 'default' : 'msgpack';
  },
  redirects: (draft) => {
    draft.followRedirects = draft.followRedirects !== true;
  },
  autoReconnect: toggleAutoReconnect,
  ...HTTP_OPTION_EDITORS,
};

/** What each kind means, beside its name in the kind picker. */
const KIND_DESCRIPTIONS: Record<ConnectionKind, string> = {
  websocket: 'ws:// or wss://: frames both ways',
  socketio: 'http(s):// or ws(s)://: events, acks and namespaces over Engine.IO',
  engineio: 'http(s)://…/engine.io/: long-polling, the upgrade, messages',
  sse: 'http(s)://: a text/event-stream, received only',
  longpoll: 'http(s)://: each answer held until there is news, then asked again; received only',
  shortpoll: 'http(s)://: one request every interval; received only',
};

async function editKind(draft: Draft): Promise<void> {
  // (`kind` is a reserved QuickPickItem field, hence `connectionKind`.)
  const kinds = (Object.keys(KIND_LABELS) as ConnectionKind[]).map((connectionKind) => ({
    label: KIND_LABELS[connectionKind],
    description: KIND_DESCRIPTIONS[connectionKind],
    connectionKind,
    picked: connectionKind === draft.kind,
  }));
  const picked = await vscode.window.showQuickPick(kinds, { title: `${TITLE}: kind` });
  if (picked) draft.kind = picked.connectionKind;
}

async function editTransports(draft: Draft): Promise<void> {
  const current = draft.transports ?? 'polling-then-websocket';
  const items = TRANSPORT_POLICIES.map((policy) => ({
    label: TRANSPORT_LABELS[policy],
    policy,
    picked: policy === current,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: transports` });
  if (picked) draft.transports = picked.policy;
}

async function editVersion(draft: Draft): Promise<void> {
  const items = [
    { label: 'Detect from the handshake', value: 'auto' as const },
    { label: 'Engine.IO 4 (Socket.IO 3 and newer)', value: 4 as const },
    { label: 'Engine.IO 3 (Socket.IO 1 and 2)', value: 3 as const },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: `${TITLE}: protocol version` });
  if (picked) draft.protocolVersion = picked.value;
}
