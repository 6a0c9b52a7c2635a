/**
 * The webview's only line to the extension host: typed posting, typed receiving, and the state
 * VS Code keeps for us across reloads of a hidden panel.
 */
import type { HostToWebview, WebviewToHost } from '../shared/protocol';
import { acquireHostApi, hostChannel, type HostChannel } from './hostChannel';

/** Typed access to the host. */
export interface HostBridge extends HostChannel<WebviewToHost, HostToWebview> {
  getState<T>(): T | undefined;
  setState(state: unknown): void;
}

/** Acquires the VS Code API (once) and wraps it. */
export function connectToHost(): HostBridge {
  const api = acquireHostApi();
  return {
    ...hostChannel<WebviewToHost, HostToWebview>(api),
    getState: <T>() => (api.getState() ?? undefined) as T | undefined,
    setState: (state) => api.setState(state),
  };
}
