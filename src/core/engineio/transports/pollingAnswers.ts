/**
 * What the polling transport (pollingTransport.ts) does with the answer to one GET or POST, kept apart from its
 * state machine because reading an answer has rules of its own: the `poll-response` row as received, cookies
 * stored, a failure turned into the error that ends the session (an abort after close is silent), a redirected
 * handshake followed or refused (issue 12), and a GET's body handed to the session as the carrier it decodes.
 * What comes back is how the GET ended, for the transport to decide the next one.
 */
import type { Header, LogEvent } from '../../events/logEvent';
import { headerValue } from '../../http/headers';
import { REDIRECT_EVENT, redirectRowMeta } from '../../redirects/redirectRow';
import { pollingError, pollResponseEvent } from '../pollingEvents';
import type { PollResult } from '../pollingRequest';
import { explainHandshakeFailure } from '../versionHints';
import type { SentPoll } from './pollingExchanges';
import type { TransportContext, TransportSink } from './transport';

/** How a GET ended for the next one: an empty answer waits the floor; a redirected handshake goes again. */
export type GetOutcome = { empty: boolean; handshakeAgain?: boolean };

/** The transport's side of reading an answer. */
export interface AnswerReader {
  readonly ctx: TransportContext;
  readonly sink: TransportSink;
  /** Whether the transport was closed (an aborted request is then expected, not an error). */
  isClosed(): boolean;
}

/** Logs a GET's response and hands its body to the session; undefined when the transport ends here. */
export function readGetAnswer(
  reader: AnswerReader,
  result: PollResult,
  sent: SentPoll,
  handshake: boolean,
): Promise<GetOutcome | undefined> | undefined {
  const { ctx, sink } = reader;
  const requestSeq = sent.seq;
  const aborted = !result.ok && result.error.code === 'RI_ABORTED';
  if (reader.isClosed() && aborted) return undefined;
  const response = logPollResponse(ctx, result, requestSeq, 'GET', handshake ? 'Handshake response' : undefined);
  if (!result.ok) {
    if (!aborted) sink.onError(pollingError(result.error, 'GET'), 'transport error');
    return undefined;
  }
  const res = result.response;
  ctx.cookies.store(res.headers);
  if (handshake && ctx.route.follows(res.status)) return followRedirect(reader, sent, res.status, res.headers);
  const text = Buffer.from(res.body).toString('utf8');
  if (res.status !== 200 || !response) {
    const error = explainHandshakeFailure(res.status, text, ctx.version(), handshake);
    sink.onError(error, handshake ? 'handshake refused' : 'transport error');
    return undefined;
  }
  const contentType = headerValue(res.headers, 'content-type') ?? '';
  const at = { seq: response.seq, time: response.time, mono: response.mono };
  return sink.onCarrier({ ...at, transport: 'polling', data: res.body, text, contentType, handshake }) ?? undefined;
}

/** Logs a POST's response; a failure (not an abort) or a status other than 200 ends the session. */
export function readPostAnswer(reader: AnswerReader, result: PollResult, requestSeq: number): void {
  const { ctx, sink } = reader;
  logPollResponse(ctx, result, requestSeq, 'POST');
  if (reader.isClosed()) return;
  if (!result.ok) {
    if (result.error.code !== 'RI_ABORTED') sink.onError(pollingError(result.error, 'POST'), 'transport error');
    return;
  }
  ctx.cookies.store(result.response.headers);
  if (result.response.status !== 200) {
    const body = Buffer.from(result.response.body).toString('utf8');
    sink.onError(explainHandshakeFailure(result.response.status, body, ctx.version(), false), 'transport error');
  }
}

/**
 * A redirected handshake while redirects are followed (issue 12): the route moves, a `redirect` row says where,
 * and the handshake goes again; or the chain ends with its error.
 */
function followRedirect(
  reader: AnswerReader,
  sent: SentPoll,
  status: number,
  headers: Header[],
): Promise<GetOutcome> | undefined {
  const { ctx } = reader;
  const decision = ctx.route.follow(sent.url, status, headers);
  if (!decision.ok) {
    reader.sink.onError(decision.error, 'handshake refused');
    return undefined;
  }
  if (decision.crossOrigin) ctx.cookies.clear();
  const meta = redirectRowMeta(status, sent.url, decision, ctx.options.maxRedirects);
  ctx.writer.append('local', 'http', REDIRECT_EVENT, meta, undefined, 0, sent.seq);
  return Promise.resolve({ empty: true, handshakeAgain: true });
}

function logPollResponse(
  ctx: TransportContext,
  result: PollResult,
  requestSeq: number,
  method: 'GET' | 'POST',
  note?: string,
): LogEvent | undefined {
  const event = pollResponseEvent(result, requestSeq, ctx.options.maxStoredPayloadBytes, note, method);
  return event && ctx.writer.append('in', 'http', 'poll-response', event.meta, event.payload, event.size);
}
