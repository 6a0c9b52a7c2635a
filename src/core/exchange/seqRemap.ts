/**
 * Seqs of a file → seqs of the fresh log it is imported into. A fresh log numbers from 1; a file may start
 * later (the live log had let its oldest events go) or skip some. The mapping is kept as runs of consecutive
 * seqs (one run for a whole file, however long), and every reference an event holds — its parent, the request a
 * response answers, the packets a POST carried, a Socket.IO packet's attachments and the emit an ack answers, and
 * `#n` in its note — is rewritten; a reference to an event not in the file is dropped.
 */
import type { EventMeta, LogEvent, NewLogEvent } from '../events/logEvent';

interface Run {
  from: number;
  to: number;
  /** New seq of `from`. */
  start: number;
}

export class SeqRemap {
  private readonly runs: Run[] = [];

  /** Records that the file's `oldSeq` became `newSeq` (old seqs come in increasing order). */
  add(oldSeq: number, newSeq: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && oldSeq === last.to + 1 && newSeq === last.start + (oldSeq - last.from)) last.to = oldSeq;
    else this.runs.push({ from: oldSeq, to: oldSeq, start: newSeq });
  }

  /** The new seq of an old one, if that event was imported. */
  get(oldSeq: number): number | undefined {
    let low = 0;
    let high = this.runs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const run = this.runs[mid];
      if (oldSeq < run.from) high = mid - 1;
      else if (oldSeq > run.to) low = mid + 1;
      else return run.start + (oldSeq - run.from);
    }
    return undefined;
  }

  /** Whether every seq maps to itself (nothing to rewrite). */
  get isIdentity(): boolean {
    return this.runs.every((run) => run.from === run.start);
  }

  /** The event with its references rewritten to new seqs (as it is when nothing moves). */
  apply(event: LogEvent): NewLogEvent {
    const { seq: _seq, ...rest } = event;
    if (this.isIdentity) return rest;
    const out: NewLogEvent = { ...rest };
    if (event.parent !== undefined) out.parent = this.get(event.parent);
    if (out.parent === undefined) delete out.parent;
    if (event.meta) out.meta = this.applyMeta(event.meta);
    return out;
  }

  private applyMeta(meta: EventMeta): EventMeta {
    const out: EventMeta = { ...meta };
    const map = (seqs: number[]): number[] => seqs.flatMap((s) => this.get(s) ?? []);
    if (meta.requestSeq !== undefined) out.requestSeq = this.get(meta.requestSeq);
    if (out.requestSeq === undefined) delete out.requestSeq;
    if (meta.eio?.carries) out.eio = { ...meta.eio, carries: map(meta.eio.carries) };
    if (meta.sio) {
      out.sio = { ...meta.sio };
      if (meta.sio.attachmentSeqs) out.sio.attachmentSeqs = map(meta.sio.attachmentSeqs);
      if (meta.sio.ackOf !== undefined) out.sio.ackOf = this.get(meta.sio.ackOf);
      if (out.sio.ackOf === undefined) delete out.sio.ackOf;
    }
    if (meta.note) out.note = meta.note.replace(/#(\d+)/g, (_all, n: string) => `#${this.get(Number(n)) ?? '?'}`);
    return out;
  }
}
