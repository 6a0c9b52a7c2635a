/**
 * The `Connect…` menu: one item per option of the chosen kind, each showing its current value
 * (credentials masked). The plain-HTTP kinds' items are in connectHttpItems.ts.
 */
import type { EngineIoConnectionOptions, TransportPolicy } from '../core/connection/engineIoOptions';
import { redactQuery, redactUrl } from '../core/redaction/urlRedaction';
import { queryText, TRANSPORT_LABELS, type Draft, type OptionItem } from './connectDraft';
import { pollItems, sseItems } from './connectHttpItems';
import { autoReconnectItems } from './connectReconnect';
import { KIND_LABELS } from './connectKinds';

/** The menu for the draft's kind. */
export function optionItems(draft: Draft): OptionItem[] {
  const headers = (draft.headers as Array<[string, string]> | undefined) ?? [];
  const common: OptionItem[] = [
    { id: 'connect', label: '$(plug) Connect', description: redactUrl(draft.url) },
    {
      id: 'kind',
      label: `$(symbol-class) Kind: ${KIND_LABELS[draft.kind]}`,
      description: 'WebSocket, Socket.IO, Engine.IO, Server-Sent Events, long or short polling',
    },
    {
      id: 'headers',
      label: '$(list-unordered) Headers…',
      description: headers.length ? headers.map(([n]) => n).join(', ') : 'none',
    },
  ];
  return [...common, ...kindItems(draft), ...autoReconnectItems(draft), redirectsItem(draft)];
}

function kindItems(draft: Draft): OptionItem[] {
  if (draft.kind === 'websocket') return webSocketItems(draft);
  if (draft.kind === 'sse') return sseItems(draft);
  if (draft.kind === 'longpoll' || draft.kind === 'shortpoll') return pollItems(draft);
  return [...engineIoItems(draft), ...(draft.kind === 'socketio' ? socketIoItems(draft) : [])];
}

/** Every kind: follow redirects (issue 12; off unless chosen). */
function redirectsItem(draft: Draft): OptionItem {
  return {
    id: 'redirects',
    label: `$(arrow-right) Follow redirects: ${draft.followRedirects === true ? 'on' : 'off'}`,
    description: 'toggle; at most 5 hops, credentials not sent to another origin, never from TLS to plain text',
  };
}

function webSocketItems(draft: Draft): OptionItem[] {
  const subprotocols = (draft.subprotocols as string[] | undefined) ?? [];
  const deflate = draft.perMessageDeflate === false ? 'off' : 'on';
  return [
    {
      id: 'subprotocols',
      label: '$(symbol-enum) Subprotocols…',
      description: subprotocols.length ? subprotocols.join(', ') : 'none',
    },
    { id: 'origin', label: '$(globe) Origin…', description: (draft.origin as string | undefined) ?? 'none' },
    { id: 'deflate', label: `$(file-zip) permessage-deflate: ${deflate}`, description: 'toggle' },
  ];
}

function engineIoItems(draft: Draft): OptionItem[] {
  const transports = (draft.transports as TransportPolicy | undefined) ?? 'polling-then-websocket';
  const version = draft.protocolVersion;
  const query = redactQuery(queryText(draft.query as Array<[string, string]> | undefined));
  return [
    { id: 'transports', label: '$(arrow-swap) Transports…', description: TRANSPORT_LABELS[transports] },
    {
      id: 'version',
      label: '$(versions) Protocol version…',
      description: version === undefined || version === 'auto' ? 'detect' : `Engine.IO ${String(version)}`,
    },
    { id: 'path', label: '$(folder) Path…', description: (draft.path as string | undefined) ?? 'default' },
    { id: 'query', label: '$(symbol-key) Query…', description: query || 'none' },
  ];
}

function socketIoItems(draft: Draft): OptionItem[] {
  const namespaces = (draft.namespaces as EngineIoConnectionOptions['namespaces']) ?? [{ name: '/' }];
  const parser = draft.parser === 'msgpack' ? 'msgpack' : 'default (JSON)';
  return [
    {
      id: 'namespaces',
      label: '$(symbol-namespace) Namespaces…',
      description: namespaces.map((n) => (n.auth ? `${n.name} (auth)` : n.name)).join(', '),
    },
    { id: 'parser', label: `$(symbol-misc) Parser: ${parser}`, description: 'toggle' },
  ];
}
