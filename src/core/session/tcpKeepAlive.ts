/**
 * TCP keep-alive on every connection a session makes (issue 12, liveness): a peer that vanished without FIN or
 * RST (a laptop closed, a NAT entry dropped) leaves a half-open link that a silent stream never notices. With
 * keep-alive the kernel probes an idle connection and reports it dead. Node sets only the idle time before the
 * first probe; the probe interval and count stay the system's (Linux: 75 s × 9), so a heartbeat (WebSocket) or
 * an idle timeout (SSE `idleTimeoutMs`) is what notices within seconds; keep-alive is the floor under both.
 */
import type { Socket } from 'node:net';

/** Idle time before the first keep-alive probe: below the 30–60 s after which NATs and firewalls forget a flow. */
export const TCP_KEEPALIVE_IDLE_MS = 15_000;

/** Turns keep-alive on for `socket` (a request's `socket` event hands it over); never throws. */
export function keepSocketAlive(socket: Socket): void {
  try {
    socket.setKeepAlive(true, TCP_KEEPALIVE_IDLE_MS);
  } catch {
    // A socket already destroyed (or a test's stand-in without the method): nothing to keep alive.
  }
}
