/**
 * Every limit the inspector puts on what a server may make it hold, in one list (issue 12: "every limit is one
 * named constant with a setting behind it"). Each entry is the facts the rest agree on: the setting that
 * changes it (package.json declares it with this default, minimum and maximum — a unit test checks), the
 * connection option it fills (a profile may set that instead), the unit, and what hitting it does. Validation
 * of the options, the error rows and the README table all read from here. Pure data.
 */

/** What a limit counts. */
export type LimitUnit = 'bytes' | 'count';

export interface LimitFacts {
  /** The setting, as package.json declares it. */
  readonly setting: string;
  /** The connection option it becomes (undefined: not a connection option, e.g. the log's budgets). */
  readonly option: string | undefined;
  /** The sessions it applies to, in words. */
  readonly appliesTo: string;
  readonly default: number;
  /** The smallest and largest values the setting accepts. */
  readonly min: number;
  readonly max: number;
  readonly unit: LimitUnit;
  /** What happens when a server reaches it, in words (README and the setting's description). */
  readonly onHit: string;
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;
/** Largest value a Node buffer size or timer takes (2^31 − 1). */
export const MAX_INT32 = 2 ** 31 - 1;

/** The limits, by name. */
export const LIMITS = {
  /** One incoming message: ws's `maxPayload` counts its bytes across fragments and after inflating (issue #7). */
  maxMessageBytes: {
    setting: 'realtimeInspector.maxMessageBytes',
    option: 'maxPayloadBytes',
    appliesTo: 'WebSocket, Engine.IO and Socket.IO over WebSocket',
    default: 16 * MiB,
    min: KiB,
    max: MAX_INT32,
    unit: 'bytes',
    onHit: 'the message is refused and the connection closed with 1009 (Message Too Big)',
  },
  /**
   * Frames of one incoming message. A server sending 1-byte fragments forever stays under the size cap for
   * 16 million frames, each an object `ws` keeps until the message ends: gigabytes for 16 MiB of data.
   */
  maxFragmentsPerMessage: {
    setting: 'realtimeInspector.maxFragmentsPerMessage',
    option: 'maxFragmentsPerMessage',
    appliesTo: 'WebSocket, Engine.IO and Socket.IO over WebSocket',
    default: 10_000,
    min: 1,
    max: 1_000_000,
    unit: 'count',
    onHit: 'the rest of the stream is not read and the connection is closed with 1009 (Message Too Big)',
  },
  /**
   * Bytes written but not yet taken by the network (`ws.bufferedAmount`): a server that stops reading would
   * otherwise let every send pile up in memory.
   */
  maxBufferedSendBytes: {
    setting: 'realtimeInspector.maxBufferedSendBytes',
    option: 'maxBufferedSendBytes',
    appliesTo: 'WebSocket, Engine.IO and Socket.IO over WebSocket',
    default: 16 * MiB,
    min: 64 * KiB,
    max: MAX_INT32,
    unit: 'bytes',
    onHit: 'a send is refused (an error row) until the server has read what is waiting; the session stays open',
  },
  /** One long-polling response body, after decompression (issue #7: a 10 MiB body of noops took 3.2 GB). */
  maxPollBodyBytes: {
    setting: 'realtimeInspector.maxPollBodyBytes',
    option: 'maxPollBodyBytes',
    appliesTo: 'Engine.IO / Socket.IO polling, generic long and short polling (as maxBodyBytes)',
    default: 4 * MiB,
    min: KiB,
    max: MAX_INT32,
    unit: 'bytes',
    onHit: 'the request is aborted and the session ends with an error row',
  },
  /** One SSE line, and one event's data before its blank line. */
  maxSseLineBytes: {
    setting: 'realtimeInspector.maxSseLineBytes',
    option: 'maxLineBytes',
    appliesTo: 'Server-Sent Events',
    default: MiB,
    min: 256,
    max: MAX_INT32,
    unit: 'bytes',
    onHit: 'the connection is closed with an error row and not reconnected',
  },
  /** Binary attachments one Socket.IO packet announces: a hostile count must not make us wait or allocate. */
  maxSocketIoAttachments: {
    setting: 'realtimeInspector.maxSocketIoAttachments',
    option: 'maxAttachments',
    appliesTo: 'Socket.IO',
    default: 1000,
    min: 1,
    max: 100_000,
    unit: 'count',
    onHit: 'the packet is shown as a decode error row; the session goes on',
  },
  /**
   * Events kept in memory, as bytes rather than a count: an event's size varies from 100 bytes to a whole
   * stored payload, so only bytes bound the memory.
   */
  logMemoryBudgetBytes: {
    setting: 'realtimeInspector.log.memoryBudgetBytes',
    option: undefined,
    appliesTo: 'every session’s log',
    default: 256 * MiB,
    min: 4 * MiB,
    max: 8 * GiB,
    unit: 'bytes',
    onHit: 'the oldest events spill to disk (read back when shown); nothing is lost',
  },
  /** Spilled events on disk. */
  logDiskBudgetBytes: {
    setting: 'realtimeInspector.log.diskBudgetBytes',
    option: undefined,
    appliesTo: 'every session’s log',
    default: 2 * GiB,
    min: 16 * MiB,
    max: 1024 * GiB,
    unit: 'bytes',
    onHit: 'the oldest spilled events are let go, and the panel says how many',
  },
} as const satisfies Record<string, LimitFacts>;

export type LimitName = keyof typeof LIMITS;

/** `16 MiB`, `1.50 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  const units: Array<[number, string]> = [
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/**
 * The sentence every limit's error row ends with: the setting to raise (and the profile field that overrides
 * it), e.g. "Raise the setting realtimeInspector.maxMessageBytes (a profile's maxPayloadBytes) to accept larger
 * messages."
 */
export function raiseSettingHint(name: LimitName, toAccept: string): string {
  const { setting, option } = LIMITS[name];
  return `Raise the setting ${setting}${option ? ` (a profile's ${option})` : ''} to accept ${toAccept}.`;
}
