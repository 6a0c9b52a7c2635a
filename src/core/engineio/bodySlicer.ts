/**
 * Delivers a polling body in slices (issue #7): a 10 MiB body of 5 million noops used to decode in one
 * synchronous loop for a minute, with the extension host frozen. Records are decoded one at a time,
 * collapsed into runs (packetRuns.ts) and handed over in order; after every slice of records the loop
 * yields to the event loop, so timers, I/O and the UI keep running.
 *
 * Order is the caller's to keep: the session does not read the next poll response nor complete an
 * upgrade while a body is being sliced, so nothing that arrives later is delivered before its rest.
 */
import { systemClock, yieldToLoop } from '../clock';
import { iterateV3BinaryPayload, iterateV3TextPayload } from './eioCodecV3';
import { iterateV4Payload } from './eioCodecV4';
import { isDecodeError, type EioDecodeError, type EioRecord, type EioVersion } from './eioPacket';
import { RunCollapser, type PacketRun } from './packetRuns';

/**
 * Records decoded and delivered before yielding. A slice of messages costs a few milliseconds with the
 * Socket.IO layer on top; a slice of noops far less. Small enough to keep the host responsive, large
 * enough that yielding (one turn of the event loop per slice) costs nothing measurable.
 */
export const RECORDS_PER_SLICE = 1_000;

export interface SlicedDeliveryHooks {
  /** A packet on its own (count 1), or a run of identical control packets. */
  onRun(run: PacketRun): void;
  /** The first record that is not Engine.IO; delivery stops after it (engine.io-client stops there too). */
  onError(error: EioDecodeError): void;
  /** Asked after each delivery and each yield: true once the session has closed, to stop mid-body. */
  isStopped(): boolean;
}

/** What a delivered body held, for the poll pacing. */
export interface BodySummary {
  /** Packets decoded (each packet of a run counts). */
  packets: number;
  /** The body held nothing but noops, or nothing at all (and no error): an empty answer. */
  empty: boolean;
  /** How many times delivery yielded to the event loop. */
  yields: number;
}

/** Lets the event loop run (timers, I/O) before the next slice. */
export type YieldToLoop = () => Promise<void>;

/** The default yield: the system clock's (setImmediate runs after pending I/O callbacks, unlike a microtask). */
export const yieldOnSystemClock: YieldToLoop = () => yieldToLoop(systemClock);

export interface SliceOptions {
  recordsPerSlice?: number;
  yieldToLoop?: YieldToLoop;
}

/**
 * Delivers the records in order, collapsing runs, yielding between slices. Resolves when the body is
 * done, when it held an error, or when `isStopped` says so; never rejects as long as the hooks do not
 * throw (the session guards them).
 */
export async function deliverInSlices(
  records: Iterator<EioRecord>,
  hooks: SlicedDeliveryHooks,
  options: SliceOptions = {},
): Promise<BodySummary> {
  const perSlice = Math.max(1, options.recordsPerSlice ?? RECORDS_PER_SLICE);
  const yieldNow = options.yieldToLoop ?? yieldOnSystemClock;
  const collapser = new RunCollapser();
  const summary: BodySummary = { packets: 0, empty: true, yields: 0 };
  // Hands a finished run over; true when the session stopped because of it (a close packet, a bad open…).
  const emit = (run: PacketRun | undefined): boolean => {
    if (run) hooks.onRun(run);
    return hooks.isStopped();
  };
  for (;;) {
    for (let n = 0; n < perSlice; n++) {
      const next = records.next();
      if (next.done) {
        emit(collapser.flush());
        return summary;
      }
      const record = next.value;
      if (isDecodeError(record)) {
        summary.empty = false;
        if (!emit(collapser.flush())) hooks.onError(record);
        return summary;
      }
      summary.packets++;
      if (record.type !== 'noop') summary.empty = false;
      if (emit(collapser.push(record))) return summary;
    }
    summary.yields++;
    await yieldNow();
    if (hooks.isStopped()) return summary;
  }
}

/** The incremental decoder for a polling body: v4 text, v3 text, or v3 binary (`application/octet-stream`). */
export function pollingBodyRecords(
  version: EioVersion,
  body: Uint8Array,
  text: string,
  contentType: string,
): Iterator<EioRecord> {
  if (version === 4) return iterateV4Payload(text);
  return /octet-stream/i.test(contentType) ? iterateV3BinaryPayload(body) : iterateV3TextPayload(text);
}
