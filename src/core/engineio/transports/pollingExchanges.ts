/**
 * How the polling transport (pollingTransport.ts) starts one exchange with the server, kept apart from its
 * state machine (which decides *when* a GET or a POST may go): the URL with the sid and a cache-busting
 * timestamp, the cookies and route headers, the `poll-request` row written before the bytes leave, the limits
 * of each kind of request, and the POST body in the payload encoding of the version spoken. Also the `eio` row
 * of a packet queued for the next POST.
 */
import { textPayload } from '../../payload/storedPayload';
import { appendPacket } from '../appendPacket';
import { encodeV3Payload } from '../eioCodecV3';
import { encodeV4Payload } from '../eioCodecV4';
import type { EioPacket } from '../eioPacket';
import { engineIoUrl } from '../eioUrls';
import { sendPoll, type InFlightPoll } from '../pollingRequest';
import { longPollNote } from '../pollPacing';
import type { OutgoingPacket, TransportContext } from './transport';

/** Largest answer to a POST we read: the server answers `ok`. */
const POST_ANSWER_MAX_BYTES = 64 * 1024;

/** A request that went: its `poll-request` row's seq and its URL. */
export interface SentPoll {
  seq: number;
  url: URL;
}

/** A request on its way: what was sent, and the poll to await. */
export interface StartedPoll {
  sent: SentPoll;
  poll: InFlightPoll;
}

/** A GET on its way, and when it started (the poll floor counts from there). */
export interface StartedGet extends StartedPoll {
  startedMono: number;
}

/** One GET: the handshake, or the next long-poll (`waitedMs`: how long the poll floor held it back). */
export function startGet(ctx: TransportContext, handshake: boolean, waitedMs?: number): StartedGet {
  const url = pollingUrl(ctx);
  const headers = ctx.cookies.apply(ctx.route.headers);
  const note = handshake ? 'Handshake (long-polling GET)' : longPollNote(waitedMs);
  const request = ctx.writer.append('out', 'http', 'poll-request', {
    request: { method: 'GET', url: url.href, headers },
    eio: { transport: 'polling' },
    note,
  });
  const startedMono = ctx.clock.mono();
  const timeoutMs = ctx.pollTimeoutMs();
  const maxBodyBytes = ctx.options.maxPollBodyBytes;
  const poll = sendPoll(
    { method: 'GET', url, headers, maxBodyBytes, timeoutMs },
    ctx.network.pollingAgent(url),
    ctx.clock,
  );
  return { sent: { seq: request.seq, url }, poll, startedMono };
}

/** One POST carrying `packets`, whose own `eio` rows have the seqs `carries`. */
export function startPost(ctx: TransportContext, packets: EioPacket[], carries: number[]): StartedPoll {
  const body = ctx.version() === 4 ? encodeV4Payload(packets) : encodeV3Payload(packets);
  const url = pollingUrl(ctx);
  const headers = ctx.cookies.apply(ctx.route.headers);
  const request = ctx.writer.append(
    'out',
    'http',
    'poll-request',
    {
      request: { method: 'POST', url: url.href, headers },
      eio: { transport: 'polling', carries },
      note: `POST carrying ${carries.length} packet${carries.length === 1 ? '' : 's'}`,
    },
    textPayload(body, ctx.options.maxStoredPayloadBytes),
    Buffer.byteLength(body),
  );
  const limits = { maxBodyBytes: POST_ANSWER_MAX_BYTES, timeoutMs: ctx.options.handshakeTimeoutMs };
  const poll = sendPoll({ method: 'POST', url, headers, body, ...limits }, ctx.network.pollingAgent(url), ctx.clock);
  return { sent: { seq: request.seq, url }, poll };
}

/** Writes the `eio` row of a packet queued for the next POST; returns its seq. */
export function logQueuedPacket(ctx: TransportContext, packet: OutgoingPacket): number {
  const facts = { eio: { packetType: packet.packet.type, transport: 'polling' as const }, send: packet.send };
  return appendPacket(ctx.writer, 'out', packet.packet, facts, ctx.options.maxStoredPayloadBytes).seq;
}

function pollingUrl(ctx: TransportContext): URL {
  const { route, clock } = ctx;
  const sid = ctx.sid();
  return engineIoUrl(route.endpoint, {
    version: ctx.version(),
    transport: 'polling',
    sid,
    query: route.query,
    now: clock.now(),
  });
}
