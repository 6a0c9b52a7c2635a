/**
 * Request/response over postMessage: the webview sends a message with a fresh `requestId`, the host
 * answers with a message carrying the same id. Improves on hexeditor's helper with a per-request
 * timeout, a check that the reply has the expected type, and reject-all on dispose.
 */
import type { HostToWebview, WebviewToHost } from '../shared/protocol';
import type { Disposable } from './disposables';

/** Webview → host messages that expect a reply. */
export type RequestMessage = Extract<WebviewToHost, { requestId: number }>;
/** Host → webview messages that answer a request. */
export type ReplyMessage = Extract<HostToWebview, { requestId: number }>;

/** Which reply type answers which request type. */
export interface ReplyTypeFor {
  'events/getDetails': 'events/details';
  'events/getPage': 'events/page';
  'events/locate': 'events/located';
  'events/query': 'events/queryStarted';
  'composer/send': 'send/result';
  'events/replay': 'send/result';
  'events/openPayload': 'payload/opened';
  'events/editAndSend': 'action/result';
  'events/saveToBook': 'action/result';
  'events/replayRange': 'action/result';
}

export type RequestType = RequestMessage['type'];
/** The fields of request `K` other than `type` and `requestId`. */
export type RequestParams<K extends RequestType> = Omit<Extract<RequestMessage, { type: K }>, 'type' | 'requestId'>;
/** The reply message for request `K`. */
export type ReplyTo<K extends RequestType> = Extract<ReplyMessage, { type: ReplyTypeFor[K] }>;

const REPLY_TYPE: ReplyTypeFor = {
  'events/getDetails': 'events/details',
  'events/getPage': 'events/page',
  'events/locate': 'events/located',
  'events/query': 'events/queryStarted',
  'composer/send': 'send/result',
  'events/replay': 'send/result',
  'events/openPayload': 'payload/opened',
  'events/editAndSend': 'action/result',
  'events/saveToBook': 'action/result',
  'events/replayRange': 'action/result',
};

/**
 * A rejected request: timeout, dispose, a reply of the wrong type, or the host's `request/failed`
 * answer (then `errorCode` and `hint` say why, in the host's words).
 */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'disposed' | 'bad-reply' | 'failed',
    readonly errorCode?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Timer functions, injected so tests control time. */
export interface RpcTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Pending {
  expectedType: ReplyMessage['type'];
  resolve(reply: ReplyMessage): void;
  reject(error: Error): void;
  timer: unknown;
}

/** Default time a request may wait for its reply (ms). */
export const RPC_TIMEOUT_MS = 10_000;

/** Sends requests to the host and settles them with the matching reply. */
export class RpcClient implements Disposable {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(
    private readonly post: (message: WebviewToHost) => void,
    private readonly timers: RpcTimers = {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    },
    private readonly timeoutMs = RPC_TIMEOUT_MS,
  ) {}

  /** Number of requests still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Posts request `type` with a fresh id; resolves with its reply, rejects on timeout or dispose. */
  request<K extends RequestType>(type: K, params: RequestParams<K>): Promise<ReplyTo<K>> {
    if (this.disposed) return Promise.reject(new RpcError('The panel is closing.', 'disposed'));
    const requestId = this.nextId++;
    return new Promise<ReplyTo<K>>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.pending.delete(requestId);
        reject(new RpcError(`No answer from the extension after ${this.timeoutMs / 1000} s.`, 'timeout'));
      }, this.timeoutMs);
      this.pending.set(requestId, {
        expectedType: REPLY_TYPE[type],
        resolve: resolve as (reply: ReplyMessage) => void,
        reject,
        timer,
      });
      // Posted after registering, so even a synchronous echo (tests, a future in-process host) is matched.
      // The cast: TS cannot see that RequestParams<K> plus `type: K` rebuilds exactly one union member.
      this.post({ ...params, type, requestId } as unknown as RequestMessage);
    });
  }

  /**
   * Offers a host message to the pending requests. Returns true when it was a reply (matched or stale),
   * false when it is not a reply at all and the caller should handle it.
   */
  handleReply(message: HostToWebview): boolean {
    if (!('requestId' in message)) return false;
    const entry = this.pending.get(message.requestId);
    if (!entry) return true; // Late reply after a timeout, or for another webview instance: drop it.
    this.pending.delete(message.requestId);
    this.timers.clearTimeout(entry.timer);
    if (message.type === 'request/failed') {
      const { code, message: text, hint } = message.error;
      entry.reject(new RpcError(text, 'failed', code, hint));
    } else if (message.type !== entry.expectedType) {
      entry.reject(new RpcError(`Expected ${entry.expectedType}, got ${message.type}.`, 'bad-reply'));
    } else {
      entry.resolve(message);
    }
    return true;
  }

  /** Rejects every pending request; later requests reject at once. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      this.timers.clearTimeout(entry.timer);
      entry.reject(new RpcError('The panel is closing.', 'disposed'));
    }
  }
}
