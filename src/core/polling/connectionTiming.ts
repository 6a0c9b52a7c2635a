/**
 * The timing split of one polling request (protocols.md, "Generic long-polling": DNS, connect, TLS, first
 * byte, total), measured on the session's clock from the socket's own events. A request on a kept-alive
 * socket has no DNS, connect or TLS phase: it says it reused the connection instead.
 */
import type { Socket } from 'node:net';
import type { Clock } from '../clock';
import { routedConnectionFacts } from '../network/connectionFacts';

export interface ExchangeTiming {
  /** Request created → response complete, or → the failure. */
  totalMs: number;
  /** Request created → status line and headers parsed. */
  firstByteMs?: number;
  /** New connections only: name lookup, TCP connect (after the lookup), TLS handshake (after the connect). */
  dnsMs?: number;
  connectMs?: number;
  tlsMs?: number;
  /** Whether the request went over a kept-alive socket. */
  reusedConnection?: boolean;
}

export class ConnectionTiming {
  /** When the request was created, on the session's clock: the start of every duration here. */
  readonly started: number;
  private readonly timing: Partial<ExchangeTiming> = {};
  private lookupAt: number | undefined;
  private connectAt: number | undefined;
  private detach: (() => void) | undefined;

  constructor(private readonly clock: Clock) {
    this.started = clock.mono();
  }

  /** The request got its socket: a reused one, or a new one whose phases are timed as they happen. */
  onSocket(socket: Socket, reused: boolean): void {
    this.timing.reusedConnection = reused;
    const routed = reused ? undefined : routedConnectionFacts(socket);
    // A routed agent (issue 12) hands over a socket already connected: it measured the phases itself.
    if (routed) {
      this.timing.connectMs = routed.connectMs + (routed.tunnelMs ?? 0);
      if (routed.tlsMs !== undefined) this.timing.tlsMs = routed.tlsMs;
    }
    if (reused || !socket.connecting) return;
    const onLookup = (): void => {
      this.lookupAt = this.clock.mono();
      this.timing.dnsMs = this.lookupAt - this.started;
    };
    const onConnect = (): void => {
      this.connectAt = this.clock.mono();
      this.timing.connectMs = this.connectAt - (this.lookupAt ?? this.started);
    };
    const onSecure = (): void => {
      this.timing.tlsMs = this.clock.mono() - (this.connectAt ?? this.started);
    };
    socket.once('lookup', onLookup);
    socket.once('connect', onConnect);
    socket.once('secureConnect', onSecure);
    // The socket may outlive this request (keep-alive): its listeners must not.
    this.detach = () => {
      socket.removeListener('lookup', onLookup);
      socket.removeListener('connect', onConnect);
      socket.removeListener('secureConnect', onSecure);
    };
  }

  firstByte(): void {
    this.timing.firstByteMs = this.clock.mono() - this.started;
  }

  /** The timing so far, with the total; listeners on the socket are removed. */
  finish(): ExchangeTiming {
    this.detach?.();
    this.detach = undefined;
    return { ...this.timing, totalMs: this.clock.mono() - this.started };
  }
}
