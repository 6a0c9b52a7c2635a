/**
 * What an Engine.IO / Socket.IO session knows of itself beyond its state: the facts its header shows.
 * Domain types, declared once here; src/shared derives the panel's DTOs from them.
 */

/** What an Engine.IO / Socket.IO session adds to its header: the same in core's SessionInfo and here. */
export interface EngineSessionFacts {
  sid?: string;
  transport?: 'polling' | 'websocket';
  /** e.g. "Engine.IO 4", "Socket.IO 5 / Engine.IO 4". */
  protocol?: string;
  pingInterval?: number;
  pingTimeout?: number;
  /** Where the polling → WebSocket upgrade stands. */
  upgrade?: 'none' | 'probing' | 'paused' | 'upgraded' | 'failed';
  /** Socket.IO: namespaces and their state. */
  namespaces?: NamespaceState[];
}

/** A Socket.IO namespace the session joined or asked to join, and where it stands. */
export interface NamespaceState {
  /** `/`, `/admin`… */
  name: string;
  state: 'connecting' | 'connected' | 'refused' | 'disconnected';
  sid?: string;
  reason?: string;
}
