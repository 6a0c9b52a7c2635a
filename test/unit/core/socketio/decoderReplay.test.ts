/**
 * Issue #8: the layer decoders are pure, so a recorded log decodes again to the same rows. A live
 * Socket.IO session runs against a real socket.io 4.8.4 server (polling first, then the upgrade to
 * WebSocket) with a binary event, an emit whose ack comes back, and an ack the server asked for. Its
 * carrier events (poll responses and incoming WebSocket messages, in order) are then fed to fresh
 * decoders, together with its outgoing Socket.IO rows (what the decoder learns acks and namespaces
 * from), into a fresh log. The Engine.IO and Socket.IO child rows must be the same as the live
 * session's: types, directions, parents, payloads, sizes, times and meta — seqs compared by role
 * (the n-th carrier, the n-th child…), since the fresh log numbers its rows differently.
 */
import assert from 'node:assert/strict';
import { carrierInput, EioLayerDecoder } from '../../../../src/core/engineio/eioLayerDecoder';
import type { LogEvent } from '../../../../src/core/events/logEvent';
import { MemoryEventLog } from '../../../../src/core/events/memoryEventLog';
import { SioLayerDecoder } from '../../../../src/core/socketio/sioLayerDecoder';
import { events, useSessions, waitForEvent } from '../../support/sessions';
import { startSocketIoEcho } from '../../support/socketIoEcho';
import { DEADLINE_MS, errorsOf } from './serverMatrixHelpers';

const MAX_STORED = 1024 * 1024;

/** The decoder's own rule: a GET's poll response, or an incoming WebSocket message. */
const isCarrier = (e: LogEvent): boolean => carrierInput(e) !== undefined;
const isOutgoingSio = (e: LogEvent): boolean => e.layer === 'sio' && e.direction === 'out';

/** The rows that matter, labelled by role: C<n> carriers, O<n> outgoing sio rows, E<n>/S<n> children. */
interface Labelled {
  rows: LogEvent[];
  label: Map<number, string>;
}

function labelRows(all: LogEvent[], carriers: Set<number>): Labelled {
  const label = new Map<number, string>();
  const counts: Record<string, number> = { C: 0, O: 0, E: 0, S: 0 };
  const rows: LogEvent[] = [];
  const name = (e: LogEvent, kind: string): void => {
    label.set(e.seq, `${kind}${counts[kind]++}`);
    if (kind === 'E' || kind === 'S') rows.push(e);
  };
  for (const e of all) {
    if (carriers.has(e.seq)) name(e, 'C');
    else if (isOutgoingSio(e)) name(e, 'O');
    else if (e.layer === 'eio' && e.direction === 'in' && e.parent !== undefined && carriers.has(e.parent))
      name(e, 'E');
    else if (e.layer === 'sio' && e.direction === 'in') name(e, 'S');
  }
  return { rows, label };
}

/** A child row with every seq replaced by its role label. */
function normalise(e: LogEvent, label: Map<number, string>): unknown {
  const seq = (n: number | undefined): string | undefined => (n === undefined ? undefined : (label.get(n) ?? `?${n}`));
  const meta = structuredClone(e.meta ?? {});
  if (meta.sio?.attachmentSeqs)
    meta.sio.attachmentSeqs = meta.sio.attachmentSeqs.map((n) => seq(n) as unknown as number);
  if (meta.sio?.ackOf !== undefined) meta.sio.ackOf = seq(meta.sio.ackOf) as unknown as number;
  if (meta.note) meta.note = meta.note.replace(/#(\d+)/g, (_, n: string) => `#${seq(Number(n))}`);
  const payload = e.payload?.kind === 'binary' ? { ...e.payload, bytes: [...e.payload.bytes] } : e.payload;
  const { time, mono, direction, layer, type, size } = e;
  return { time, mono, direction, layer, type, size, payload, parent: seq(e.parent), meta };
}

/** Feeds the live session's carriers and outgoing sio rows to fresh decoders, into a fresh log. */
function replay(live: LogEvent[]): LogEvent[] {
  const log = new MemoryEventLog();
  const eio = new EioLayerDecoder({ version: 4, maxStoredPayloadBytes: MAX_STORED });
  const sio = new SioLayerDecoder({ parser: 'default', protocol: 5, maxStoredPayloadBytes: MAX_STORED });
  for (const e of live) {
    const copy = { ...e, seq: undefined, parent: undefined };
    if (isOutgoingSio(e)) sio.noteOutgoing(log.append(copy));
    if (!isCarrier(e)) continue;
    for (const child of eio.decode(log.append(copy))) {
      const row = log.append(child);
      if (row.type === 'eio-message') for (const sioRow of sio.push(row)) log.append(sioRow);
    }
  }
  return log.page(1, log.count);
}

describe('decoder replay: a recorded session decodes again to the same rows (issue #8)', function () {
  this.timeout(20000);
  const fixture = useSessions();

  it('socket.io@4.8.4, polling then WebSocket, binary event and acks: fresh decoders give the live rows', async () => {
    const session = await startSocketIoEcho(fixture, 'socket.io@4.8.4', DEADLINE_MS);
    assert.ok(session.send({ kind: 'sio-emit', namespace: '/', event: 'ask-server-ack', args: '[]', ack: false }).ok);
    const asked = await waitForEvent(session, (e) => e.meta?.sio?.event === 'please-ack', DEADLINE_MS);
    assert.ok(session.send({ kind: 'sio-ack', namespace: '/', id: asked.meta!.sio!.ackId!, args: '["yes"]' }).ok);
    await waitForEvent(
      session,
      (e) => e.type === 'eio-ping' && e.direction === 'in' && !e.meta?.eio?.probe,
      DEADLINE_MS,
    );
    await session.close();
    assert.deepEqual(errorsOf(session), []);

    const live = events(session);
    const liveCarriers = new Set(live.filter(isCarrier).map((e) => e.seq));
    const replayed = replay(live);
    const replayCarriers = new Set(replayed.filter(isCarrier).map((e) => e.seq));
    const a = labelRows(live, liveCarriers);
    const b = labelRows(replayed, replayCarriers);

    // The session exercised what the decoders must reproduce.
    const types = new Set(a.rows.map((e) => e.type));
    for (const type of [
      'eio-open',
      'eio-message',
      'eio-ping',
      'eio-pong',
      'sio-connect',
      'sio-binary-event',
      'sio-binary-ack',
    ]) {
      assert.ok(types.has(type), `the live session has a ${type} row`);
    }
    assert.ok(
      live.some((e) => e.type === 'poll-response') && live.some((e) => e.layer === 'ws' && e.type === 'message'),
    );
    assert.ok(
      a.rows.some((e) => e.meta?.sio?.attachmentSeqs?.length),
      'attachments were regrouped',
    );
    assert.ok(
      a.rows.some((e) => e.meta?.sio?.ackOf !== undefined && e.meta.durationMs !== undefined),
      'an ack was matched',
    );
    assert.ok(
      a.rows.some((e) => e.meta?.eio?.probe),
      'the probe answer is a child of its WebSocket message',
    );

    assert.equal(b.rows.length, a.rows.length, 'as many child rows');
    assert.deepEqual(
      b.rows.map((e) => normalise(e, b.label)),
      a.rows.map((e) => normalise(e, a.label)),
    );
  });
});
