/**
 * The webview's only line to the extension host: typed posting, typed receiving, and the state
 * VS Code keeps for us across reloads of a hidden panel.
 */
import type { HostToWebview, WebviewToHost } from '../shared/protocol';
import type { Disposable } from './disposables';
import { listen } from './dom';

/** What VS Code injects into the webview. It may be acquired only once per page load. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Typed access to the host. */
export interface HostBridge {
  post(message: WebviewToHost): void;
  /** Calls `handler` for each message from the host; the result removes the listener. */
  onMessage(handler: (message: HostToWebview) => void): Disposable;
  getState<T>(): T | undefined;
  setState(state: unknown): void;
}

/** True for anything shaped like a host message. Only the host can post into the webview frame, but a
 *  dev-tools console or an extension bug could post junk; junk must not crash the panel. */
function looksLikeHostMessage(message: unknown): message is HostToWebview {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

/** Acquires the VS Code API (once) and wraps it. */
export function connectToHost(): HostBridge {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      listen(window, 'message', (event) => {
        if (looksLikeHostMessage(event.data)) handler(event.data);
      }),
    getState: <T>() => (api.getState() ?? undefined) as T | undefined,
    setState: (state) => api.setState(state),
  };
}
