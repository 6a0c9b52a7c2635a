/**
 * The messages of the scripted exchange and how their answers are recognised. Each message's data is exactly
 * `messageBytes` ASCII bytes: a marker `~<index in base 36>~` followed by filler. The filler is pseudo-random
 * letters and digits (a fixed seed, so runs are alike): a run of one repeated letter would shrink to nothing in
 * a gzip-compressed polling response and flatter polling. The marker tells an echo apart from other traffic;
 * below 8 bytes it is cut short, and a late echo of an unanswered message could then pass for the next one's.
 */
import type { LogEvent } from '../events/logEvent';
import type { SendRequest } from '../session/sendRequest';
import type { ResolvedPlan } from './comparisonPlan';

/** No `~` (the marker's delimiter), nothing JSON escapes. */
const FILLER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Characters of a message compared with the echo: the marker and some filler (payloads may be stored cut). */
const PROBE_CHARS = 48;

/** What was sent as message `index`, and how its answer is recognised. */
export interface SentMessage {
  index: number;
  /** Seq of the row the send produced (the `sio` emit row, or the `eio-message` row). */
  seq: number;
  /** Monotonic ms of that row: the start of the round trip. */
  mono: number;
  /** The start of the message's data, looked for in the echo. */
  probe: string;
}

export class ExchangeMessages {
  private readonly filler: string;

  constructor(private readonly plan: ResolvedPlan) {
    this.filler = fillerText(plan.messageBytes);
  }

  /** The data of message `index`: exactly `messageBytes` bytes. */
  data(index: number): string {
    const marker = `~${index.toString(36)}~`;
    const size = this.plan.messageBytes;
    return marker.length >= size ? marker.slice(0, size) : marker + this.filler.slice(marker.length);
  }

  /** The start of `data(index)` that identifies its echo. */
  probe(index: number): string {
    return this.data(index).slice(0, PROBE_CHARS);
  }

  /** The request that sends message `index`. */
  request(index: number): SendRequest {
    const { plan } = this;
    const data = this.data(index);
    if (plan.kind === 'engineio') return { kind: 'text', text: data };
    const args = JSON.stringify([data]);
    return { kind: 'sio-emit', namespace: plan.namespace, event: plan.event, args, ack: plan.mode === 'ack' };
  }

  /** Whether `event` (an appended row) is the answer to `sent`. */
  isAnswer(event: LogEvent, sent: SentMessage): boolean {
    if (event.direction !== 'in') return false;
    const { plan } = this;
    if (plan.kind === 'engineio') {
      return event.type === 'eio-message' && payloadText(event)?.startsWith(sent.probe) === true;
    }
    const sio = event.meta?.sio;
    if (event.layer !== 'sio' || !sio || sio.namespace !== plan.namespace) return false;
    if (plan.mode === 'ack') return sio.ackOf === sent.seq;
    // The row's payload is the event's JSON array: the echoed string starts right after a quote.
    return sio.event === plan.replyEvent && payloadText(event)?.includes(`"${sent.probe}`) === true;
  }
}

function payloadText(event: LogEvent): string | undefined {
  return event.payload?.kind === 'text' ? event.payload.text : undefined;
}

/** `length` filler characters from a xorshift32 generator with a fixed seed. */
function fillerText(length: number): string {
  const codes = new Uint8Array(length);
  let state = 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    codes[i] = FILLER_ALPHABET.charCodeAt((state >>> 0) % FILLER_ALPHABET.length);
  }
  return Buffer.from(codes.buffer, codes.byteOffset, codes.byteLength).toString('latin1');
}
