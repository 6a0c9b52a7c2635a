/**
 * Shared checks of the real-server matrix (engineIoMatrix / socketIoMatrix / serverMatrix tests):
 * the transport policy's footprint in the log, the heartbeat in the version's direction, and
 * deadline-based waits that never assert on speed.
 */
import assert from 'node:assert/strict';
import type { TransportPolicy } from '../../../../src/core/connection/engineIoOptions';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import type { Session } from '../../../../src/core/session/session';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../../fixtures/servers/socketIoServers';
import { events, ofType, waitForEvent } from '../../support/sessions';

export const TRANSPORT_POLICIES: readonly TransportPolicy[] = [
  'polling-then-websocket',
  'websocket-only',
  'polling-only',
];

/** Generous: the suite runs on a loaded 2-core machine. Deadlines, never speed assertions. */
export const DEADLINE_MS = 8000;

/** Several heartbeat periods: a mishandled beat would end the session within one of them. */
export const HEARTBEAT_WINDOW_MS = 3 * (PING_INTERVAL_MS + PING_TIMEOUT_MS);

export function bytesOf(e: LogEvent | undefined): number[] | undefined {
  return e?.payload?.kind === 'binary' ? [...e.payload.bytes] : undefined;
}

export function textOf(e: LogEvent | undefined): string | undefined {
  return e?.payload?.kind === 'text' ? e.payload.text : undefined;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` until it holds or the deadline passes (for state that lives outside the log). */
export async function until(condition: () => boolean, what: string, ms = DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Waits for the session to be closed, whatever the path there. */
export async function waitClosed(session: Session, ms = DEADLINE_MS): Promise<void> {
  await until(
    () => session.info.state === 'closed',
    `the session to close (state ${session.info.state}; log: ${summary(session)})`,
    ms,
  );
}

export function summary(session: Session): string {
  return events(session)
    .slice(-40)
    .map((e) => `${e.seq}:${e.direction}:${e.type}${e.meta?.error ? `(${e.meta.error.code})` : ''}`)
    .join(', ');
}

/** Errors in the log, as `code: message` lines, for assertion messages. */
export function errorsOf(session: Session): string[] {
  return events(session)
    .filter((e) => e.meta?.error && e.type !== 'sio-connect-error')
    .map((e) => `${e.meta!.error!.code}: ${e.meta!.error!.message}`);
}

/**
 * The transport policy's footprint: the open packet with its sid (also in `info.sid`) and its carrier,
 * the upgrade steps in order for polling-first, and no trace of the other transport otherwise.
 */
export async function checkTransportFootprint(session: Session, transports: TransportPolicy): Promise<void> {
  const opens = ofType(session, 'eio-open', 'in');
  assert.equal(opens.length, 1, 'exactly one open packet');
  const open = opens[0];
  const sid = open.meta?.eio?.sid;
  assert.ok(typeof sid === 'string' && sid.length > 0, 'the eio-open event has the sid');
  assert.equal(session.info.sid, sid, 'info.sid is the sid of the open packet');
  assert.ok(textOf(open)?.includes(sid), 'the raw open packet contains the sid');
  assert.equal(session.info.pingInterval, PING_INTERVAL_MS);
  assert.equal(session.info.pingTimeout, PING_TIMEOUT_MS);
  const carrier = open.parent === undefined ? undefined : session.log.get(open.parent);

  if (transports === 'polling-then-websocket') {
    assert.equal(carrier?.type, 'poll-response', 'the open packet came in the handshake poll response');
    await waitForEvent(
      session,
      (e) => e.type === 'upgrade-step' && (e.meta?.eio?.step === 'upgraded' || e.meta?.eio?.step === 'upgrade-failed'),
      DEADLINE_MS,
    );
    const steps = ofType(session, 'upgrade-step').map((e) => e.meta?.eio?.step);
    assert.deepEqual(steps, ['probe', 'probe-ok', 'pause', 'paused', 'upgraded'], 'upgrade steps in order');
    assert.equal(session.info.transport, 'websocket');
    assert.equal(session.info.upgrade, 'upgraded');
    // The probe went over the new WebSocket: 2probe out, 3probe in, then the upgrade packet.
    const probePing = ofType(session, 'eio-ping', 'out').find((e) => e.meta?.eio?.probe);
    const probePong = ofType(session, 'eio-pong', 'in').find((e) => e.meta?.eio?.probe);
    const upgrade = ofType(session, 'eio-upgrade', 'out')[0];
    assert.ok(probePing && probePong && upgrade, 'probe ping, probe pong and upgrade packets are logged');
    assert.ok(probePing.seq < probePong.seq && probePong.seq < upgrade.seq, 'probe → probe answer → upgrade packet');
    assert.equal(upgrade.meta?.eio?.transport, 'websocket');
  } else if (transports === 'websocket-only') {
    assert.equal(carrier?.type, 'message', 'the open packet came in the first WebSocket message');
    assert.equal(carrier?.layer, 'ws');
    assert.deepEqual(open.meta?.eio?.upgrades, [], 'a WebSocket-only session is offered no upgrade');
    assert.equal(session.info.transport, 'websocket');
    assert.equal(ofType(session, 'poll-request').length, 0, 'no polling request at all');
    assert.equal(ofType(session, 'upgrade-step').length, 0, 'no upgrade steps');
  } else {
    assert.equal(carrier?.type, 'poll-response');
    assert.equal(session.info.transport, 'polling');
    assert.equal(ofType(session, 'upgrade-step').length, 0, 'no upgrade steps');
    assert.equal(events(session).filter((e) => e.layer === 'ws').length, 0, 'no WebSocket events at all');
    assert.equal(ofType(session, 'handshake-request').length, 0, 'no WebSocket handshake');
  }
}

/**
 * Stays open over several heartbeat periods and checks the ping/pong pairs in the version's
 * direction: v4 the server pings and we pong, v3 we ping and the server pongs. Probe pings excluded.
 */
export async function checkHeartbeat(session: Session, engineVersion: 3 | 4): Promise<void> {
  // Wait until the session has been open for the whole window (part of it may already have passed).
  const openedAt = session.info.openedAt ?? Date.now();
  await sleep(Math.max(0, openedAt + HEARTBEAT_WINDOW_MS - Date.now()) + 100);
  assert.equal(
    session.info.state,
    'open',
    `still open after ${HEARTBEAT_WINDOW_MS} ms; ${errorsOf(session).join('; ')}`,
  );

  const pingDirection = engineVersion === 4 ? 'in' : 'out';
  const pongDirection = engineVersion === 4 ? 'out' : 'in';
  const beats = events(session).filter((e) => (e.type === 'eio-ping' || e.type === 'eio-pong') && !e.meta?.eio?.probe);
  const pings = beats.filter((e) => e.type === 'eio-ping');
  const pongs = beats.filter((e) => e.type === 'eio-pong');
  assert.ok(
    pings.every((e) => e.direction === pingDirection),
    `Engine.IO v${engineVersion}: pings go ${pingDirection}`,
  );
  assert.ok(
    pongs.every((e) => e.direction === pongDirection),
    `Engine.IO v${engineVersion}: pongs go ${pongDirection}`,
  );
  // Pair each ping with the next pong after it; the last ping may still be waiting for its pong.
  let pairs = 0;
  let waiting: LogEvent | undefined;
  for (const beat of beats) {
    if (beat.type === 'eio-ping') {
      assert.equal(waiting, undefined, `ping #${beat.seq} before the pong of ping #${waiting?.seq}`);
      waiting = beat;
    } else {
      assert.ok(waiting, `pong #${beat.seq} answers no ping`);
      pairs++;
      waiting = undefined;
    }
  }
  assert.ok(pairs >= 2, `at least two ping/pong pairs in ${HEARTBEAT_WINDOW_MS} ms (saw ${pairs})`);
  assert.equal(ofType(session, 'error').length, 0, errorsOf(session).join('; '));
}

/** A clean client close: `closed` once, state closed, initiated by the client, no error. */
export async function checkClientClose(session: Session): Promise<void> {
  await session.close();
  assert.equal(session.info.state, 'closed');
  const closed = ofType(session, 'closed').filter((e) => e.layer === 'eio');
  assert.equal(closed.length, 1, 'one Engine.IO closed event');
  assert.equal(closed[0].meta?.close?.initiator, 'client');
  assert.deepEqual(errorsOf(session), [], 'no error on a clean client close');
}
