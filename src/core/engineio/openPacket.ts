/**
 * The Engine.IO open packet: `0{"sid","upgrades","pingInterval","pingTimeout","maxPayload"}`.
 * A hostile or broken server can send anything here; every field is checked for type and range
 * before it drives a timer (a string or 2^31 ms interval would overflow setTimeout).
 */

export interface OpenPacket {
  sid: string;
  upgrades: string[];
  pingInterval: number;
  pingTimeout: number;
  /** Absent in v3 and in engine.io 4.x. */
  maxPayload?: number;
}

/** Largest timer delay Node accepts (2^31 − 1 ms); above it setTimeout fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A long-poll may be held pingInterval + pingTimeout; we allow this much more before calling it dead. */
export const POLL_GRACE_MS = 5_000;

export type OpenPacketResult = { ok: true; value: OpenPacket } | { ok: false; error: string };

/**
 * Longest pingInterval, and longest pingTimeout, the client waits on (issue 12): a server that names days would
 * leave a dead link unnoticed for as long. Servers use seconds (socket.io: 25 s and 20 s); five minutes is far
 * beyond any of them.
 */
export const MAX_HEARTBEAT_MS = 5 * 60_000;

/** The heartbeat the client keeps: the open packet's values, each at most MAX_HEARTBEAT_MS. */
export function keptHeartbeat(open: OpenPacket): { pingInterval: number; pingTimeout: number; capped: boolean } {
  const pingInterval = Math.min(open.pingInterval, MAX_HEARTBEAT_MS);
  const pingTimeout = Math.min(open.pingTimeout, MAX_HEARTBEAT_MS);
  return { pingInterval, pingTimeout, capped: pingInterval < open.pingInterval || pingTimeout < open.pingTimeout };
}

/**
 * Longest sid taken (characters): real servers send 20 (engine.io's base64id); the sid goes into every request's
 * query and into the header, so a server's 10 KB one is refused rather than repeated.
 */
export const MAX_SID_LENGTH = 256;

/** What is wrong with the open packet's sid, in words that name the rule it broke; undefined when valid. */
function invalidSid(sid: unknown): string | undefined {
  if (typeof sid !== 'string') return `The open packet has no "sid" string (got ${describeType(sid)}).`;
  if (sid === '') return 'The open packet\'s "sid" is empty.';
  if (sid.length > MAX_SID_LENGTH)
    return `The open packet's "sid" is ${sid.length} characters long; at most ${MAX_SID_LENGTH} are accepted.`;
  return undefined;
}

/** A JSON value's kind, for a message (never the value itself: it may be huge). */
function describeType(value: unknown): string {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

export function parseOpenPacket(data: string | undefined): OpenPacketResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data ?? '');
  } catch {
    return { ok: false, error: `The open packet is not JSON: ${JSON.stringify((data ?? '').slice(0, 80))}.` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, error: 'The open packet must be a JSON object.' };
  const o = parsed as Record<string, unknown>;
  const sidError = invalidSid(o.sid);
  if (sidError) return { ok: false, error: sidError };
  if (!Array.isArray(o.upgrades) || !o.upgrades.every((u) => typeof u === 'string'))
    return { ok: false, error: 'The open packet\'s "upgrades" must be a list of transport names.' };
  for (const field of ['pingInterval', 'pingTimeout'] as const) {
    const v = o[field];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > MAX_TIMER_MS) {
      return {
        ok: false,
        error:
          `The open packet's "${field}" must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS} ` +
          `(got ${JSON.stringify(v)}).`,
      };
    }
  }
  // The heartbeat and the long-poll deadline use the sums: they must fit a timer too.
  if ((o.pingInterval as number) + (o.pingTimeout as number) + POLL_GRACE_MS > MAX_TIMER_MS) {
    return {
      ok: false,
      error:
        `The open packet's pingInterval + pingTimeout (${(o.pingInterval as number) + (o.pingTimeout as number)} ms) ` +
        `is too large for a timer (at most ${MAX_TIMER_MS - POLL_GRACE_MS} ms).`,
    };
  }
  if (
    o.maxPayload !== undefined &&
    (typeof o.maxPayload !== 'number' || !Number.isInteger(o.maxPayload) || o.maxPayload <= 0)
  ) {
    return {
      ok: false,
      error: `The open packet's "maxPayload" must be a positive whole number (got ${JSON.stringify(o.maxPayload)}).`,
    };
  }
  return {
    ok: true,
    value: {
      sid: o.sid as string,
      upgrades: o.upgrades as string[],
      pingInterval: o.pingInterval as number,
      pingTimeout: o.pingTimeout as number,
      maxPayload: o.maxPayload as number | undefined,
    },
  };
}
