/**
 * The comparison panel's line to the extension host: typed posting and receiving over the compare protocol
 * (src/shared/compareProtocol.ts). The panel keeps no state of its own: after a reload it asks again.
 */
import type { CompareWebviewToHost, HostToCompareWebview } from '../../shared/compareProtocol';
import type { Disposable } from '../disposables';
import { listen } from '../dom';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface CompareBridge {
  post(message: CompareWebviewToHost): void;
  /** Calls `handler` for each message from the host; the result removes the listener. */
  onMessage(handler: (message: HostToCompareWebview) => void): Disposable;
}

/** Only objects with a string `type` are taken for host messages: junk posted by anyone else is ignored. */
function looksLikeHostMessage(message: unknown): message is HostToCompareWebview {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

/** Acquires the VS Code API (once per page load) and wraps it. */
export function connectCompareBridge(): CompareBridge {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    onMessage: (handler) =>
      listen(window, 'message', (event) => {
        if (looksLikeHostMessage(event.data)) handler(event.data);
      }),
  };
}
