/**
 * The options being edited in `Connect…` (a draft of every field any kind may use) and the small
 * conversions its menu and editors share.
 */
import type * as vscode from 'vscode';
import {
  checkWebSocketUrl,
  validateConnectionOptions,
  type ConnectionOptions,
} from '../core/connection/connectionOptions';
import { checkEngineIoUrl, type TransportPolicy } from '../core/connection/engineIoOptions';
import { checkPollUrl } from '../core/connection/pollOptions';
import { checkSseUrl } from '../core/connection/sseOptions';
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
  | 'parser'
  | 'method'
  | 'body'
  | 'lastEventId'
  | 'reconnect'
  | 'interval'
  | 'requestTimeout'
  | 'cursor'
  | 'redirects'
  | 'autoReconnect';

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

/** Kinds that speak plain HTTP (issue 11): an http(s) URL only, and receive-only. */
export function isHttpStreamKind(kind: ConnectionKind): kind is 'sse' | 'longpoll' | 'shortpoll' {
  return kind === 'sse' || kind === 'longpoll' || kind === 'shortpoll';
}

/** What is wrong with `url` for a session of `kind`, in plain words; undefined when it will do. */
export function urlProblemFor(kind: ConnectionKind, url: string): string | undefined {
  if (kind === 'websocket') return checkWebSocketUrl(url);
  if (kind === 'sse') return checkSseUrl(url);
  if (kind === 'longpoll' || kind === 'shortpoll') return checkPollUrl(url);
  return checkEngineIoUrl(url);
}

/**
 * The draft as options of its kind: settings that speak of a kind's field by another name are carried over
 * (`maxPollBodyBytes`, the polling body cap, is a polling session's `maxBodyBytes`) unless the draft sets it.
 */
export function optionsOfDraft(draft: Draft): Draft {
  if (draft.kind !== 'longpoll' && draft.kind !== 'shortpoll') return draft;
  if (draft.maxBodyBytes !== undefined || draft.maxPollBodyBytes === undefined) return draft;
  return { ...draft, maxBodyBytes: draft.maxPollBodyBytes };
}
