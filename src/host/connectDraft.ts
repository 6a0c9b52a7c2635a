/**
 * The options being edited in `Connect…` (a draft of every field any kind may use) and the small
 * conversions its menu and editors share.
 */
import type * as vscode from 'vscode';
import { validateConnectionOptions, type ConnectionOptions } from '../core/connection/connectionOptions';
import type { TransportPolicy } from '../core/connection/engineIoOptions';
import type { ConnectionKind } from './connectKinds';

export type OptionId =
  | 'connect'
  | 'kind'
  | 'headers'
  | 'subprotocols'
  | 'origin'
  | 'deflate'
  | 'transports'
  | 'version'
  | 'path'
  | 'namespaces'
  | 'query'
  | 'parser';

export interface OptionItem extends vscode.QuickPickItem {
  id: OptionId;
}

/** The options being edited: every field any kind may use; the chosen kind decides which count. */
export type Draft = Record<string, unknown> & { kind: ConnectionKind; url: string };

export const TRANSPORT_LABELS: Record<TransportPolicy, string> = {
  'polling-then-websocket': 'long-polling, then upgrade to WebSocket',
  'websocket-only': 'WebSocket only',
  'polling-only': 'long-polling only',
};

export function toList(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

export function parseQuery(text: string): Array<[string, string]> {
  return [...new URLSearchParams(text.trim().replace(/^\?/, ''))];
}

export function queryText(query: Array<[string, string]> | undefined): string {
  return query?.length ? new URLSearchParams(query).toString() : '';
}

/** The core validator's message for one field, so the prompt and the engine agree on what is valid. */
export function fieldProblem(options: Draft | ConnectionOptions, field: string): string | null {
  const result = validateConnectionOptions(options);
  if (result.ok) return null;
  const issues = result.issues.filter((i) => i.field === field || i.field.startsWith(`${field}[`));
  return issues.length ? issues.map((i) => i.message).join(' ') : null;
}
