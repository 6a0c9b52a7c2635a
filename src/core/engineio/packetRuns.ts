/**
 * Runs of identical control packets in one response, collapsed into one row with a count (issue #7):
 * a hostile server can fill a 4 MiB poll body with two million noops, and one row per noop would cost
 * the log, the webview and the user far more than the facts are worth. Only control packets collapse
 * (ping, pong, noop, upgrade, close): a message is data for the layer on top and an open packet is
 * acted upon, so each of those keeps its own row.
 */
import type { EioPacket, EioPacketType } from './eioPacket';

/** A packet and how many times it came in a row (1 for a packet on its own). */
export interface PacketRun {
  packet: EioPacket;
  count: number;
}

/** Packet types whose identical repetitions say nothing more than their count. */
const COLLAPSIBLE: ReadonlySet<EioPacketType> = new Set<EioPacketType>(['ping', 'pong', 'noop', 'upgrade', 'close']);

/** Whether `next` continues a run of `current`: a collapsible type, the same type and the same text data. */
export function continuesRun(current: EioPacket, next: EioPacket): boolean {
  if (current.binary || next.binary || !COLLAPSIBLE.has(current.type)) return false;
  return current.type === next.type && current.data === next.data;
}

/**
 * Groups packets pushed one at a time into runs. `push` returns the run that the new packet ended (if
 * any); `flush` returns the run still open. Nothing is held but the current run, so a body of millions
 * of identical packets costs one object.
 */
export class RunCollapser {
  private current: PacketRun | undefined;

  push(packet: EioPacket): PacketRun | undefined {
    if (this.current && continuesRun(this.current.packet, packet)) {
      this.current.count++;
      return undefined;
    }
    const finished = this.current;
    this.current = { packet, count: 1 };
    return finished;
  }

  flush(): PacketRun | undefined {
    const finished = this.current;
    this.current = undefined;
    return finished;
  }
}

/** Collapses a list of packets into runs, in order (pure; the collapser above, all at once). */
export function collapseRuns(packets: Iterable<EioPacket>): PacketRun[] {
  const collapser = new RunCollapser();
  const runs: PacketRun[] = [];
  for (const packet of packets) {
    const finished = collapser.push(packet);
    if (finished) runs.push(finished);
  }
  const last = collapser.flush();
  if (last) runs.push(last);
  return runs;
}

/** The warning shown on the row of a collapsed run, or undefined for a packet on its own. */
export function describeRun(run: PacketRun): string | undefined {
  if (run.count < 2) return undefined;
  return `${run.count.toLocaleString('en-US')} identical ${run.packet.type} packets in one response, shown as one row`;
}
