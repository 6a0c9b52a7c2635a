/**
 * What the parts of one SSE session share (its attempts, its inbound stream): the validated options, time, the
 * lifecycle (guard, timers, teardown), the network and the log appender. Composition, not inheritance.
 */
import type { Clock } from '../clock';
import type { ResolvedSseOptions } from '../connection/sseOptions';
import type { Network } from '../session/network';
import type { SessionLifecycle } from '../session/sessionLifecycle';
import type { AppendEvent } from '../websocket/eventAppender';

export interface SseContext {
  readonly options: ResolvedSseOptions;
  readonly clock: Clock;
  readonly lifecycle: SessionLifecycle;
  readonly network: Network;
  /** Appends one finished event (the WebSocket engine's appender: one key order for every event). */
  readonly append: AppendEvent;
}
