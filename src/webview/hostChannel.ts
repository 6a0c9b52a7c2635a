/**
 * The line every webview page has to the extension host: VS Code's injected API, acquired once per page
 * load, and typed posting and receiving over it. The session panel (hostBridge.ts) and the transport
 * comparison panel (compare/compareBridge.ts) each type it with their own protocol.
 */
import type { Disposable } from './disposables';
import { listen } from './dom';

/** What VS Code injects into the webview. It may be acquired only once per page load. */
export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Typed posting to the host and receiving from it, over one protocol. */
export interface HostChannel<ToHost, FromHost> {
  post(message: ToHost): void;
  /** Calls `handler` for each message from the host; the result removes the listener. */
  onMessage(handler: (message: FromHost) => void): Disposable;
}

/** Acquires the VS Code API. Call it once per page load (VS Code throws on a second call). */
export function acquireHostApi(): VsCodeApi {
  return acquireVsCodeApi();
}

/** True for anything shaped like a host message. Only the host can post into the webview frame, but a
 *  dev-tools console or an extension bug could post junk; junk must not crash the panel. */
function looksLikeHostMessage<FromHost>(message: unknown): message is FromHost {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

/** Wraps `api` in typed posting and a window `message` listener that drops anything not shaped like a message. */
export function hostChannel<ToHost, FromHost>(api: VsCodeApi): HostChannel<ToHost, FromHost> {
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      listen(window, 'message', (event) => {
        if (looksLikeHostMessage<FromHost>(event.data)) handler(event.data);
      }),
  };
}
