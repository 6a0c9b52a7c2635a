/**
 * What a polling exchange looks like in the log (issue 11): a `poll-request` row (out) with the method, the
 * URL with the cursor applied, the headers as sent and the body; a `poll-response` row (in, child of its
 * request) with the status, the headers, the decoded body and `meta.poll` — hold time, gap, empty answer,
 * cursor change, retry, bytes both ways and the timing split. Each row is complete when built. Pure.
 */
import type { EventMeta, Header, Payload, PollMeta } from '../events/logEvent';
import { textOrBinary, textPayload } from '../payload/storedPayload';
import type { ExchangeResponse, ExchangeTiming } from './pollExchange';
import type { PlannedRequest } from './pollRequestPlan';

/** A row as the writer appends it. */
export interface RowParts {
  meta: EventMeta;
  payload?: Payload;
  size: number;
}

/** What the loop knew when it sent a request; the response row repeats it next to what came back. */
export interface SentFacts {
  gapMs?: number;
  attempt?: number;
  cursorBefore?: string;
  requestBytes: number;
}

/** Empty-looking bodies are short: no need to look at a long one. */
const EMPTY_SCAN_BYTES = 64;
const EMPTY_JSON = /^\s*(?:\[\s*\]|\{\s*\})\s*$/;

/** An empty answer (issue 11): 204, no body, `[]` or `{}` (whitespace aside). */
export function isEmptyAnswer(status: number, body: Uint8Array): boolean {
  if (status === 204 || body.length === 0) return true;
  return body.length <= EMPTY_SCAN_BYTES && EMPTY_JSON.test(Buffer.from(body).toString('latin1'));
}

export function requestRow(plan: PlannedRequest, sentHeaders: Header[], sent: SentFacts, maxStored: number): RowParts {
  const poll: PollMeta = { requestBytes: sent.requestBytes };
  if (sent.gapMs !== undefined) poll.gapMs = sent.gapMs;
  if (sent.attempt !== undefined) poll.attempt = sent.attempt;
  if (sent.cursorBefore !== undefined) poll.cursor = { before: sent.cursorBefore };
  const retry = sent.attempt !== undefined ? `, retry ${sent.attempt}` : '';
  const note = `${plan.method} ${plan.url.pathname}${plan.url.search}${retry}`;
  const meta: EventMeta = { request: { method: plan.method, url: plan.url.href, headers: sentHeaders }, poll, note };
  if (plan.body === undefined) return { meta, size: 0 };
  return { meta, payload: textPayload(plan.body, maxStored), size: Buffer.byteLength(plan.body) };
}

/** How the response row describes a complete or partial answer. */
export interface AnswerFacts {
  complete: boolean;
  timing: ExchangeTiming;
  /** The cursor after this answer, when the session has a cursor rule. */
  cursorAfter?: string;
  /** Something wrong that is not an error (a cursor that could not be read). */
  warning?: string;
}

export function responseRow(
  response: ExchangeResponse,
  requestSeq: number,
  sent: SentFacts,
  answer: AnswerFacts,
  maxStored: number,
): RowParts {
  const { status, statusText, httpVersion, headers, body } = response;
  const poll = answerPollMeta(response, sent, answer);
  const meta: EventMeta = {
    response: { status, statusText, httpVersion, headers },
    durationMs: answer.timing.totalMs,
    requestSeq,
    poll,
    note: answerNote(response, poll, answer.complete),
  };
  if (answer.warning) meta.warning = answer.warning;
  if (body.length === 0) return { meta, size: 0 };
  return { meta, payload: textOrBinary(body, maxStored), size: body.length };
}

function answerPollMeta(response: ExchangeResponse, sent: SentFacts, answer: AnswerFacts): PollMeta {
  const { timing } = answer;
  const poll: PollMeta = {
    holdMs: timing.totalMs,
    empty: answer.complete && isEmptyAnswer(response.status, response.body),
    requestBytes: sent.requestBytes,
    responseBytes: response.headBytes + response.wireBodyBytes,
  };
  if (sent.gapMs !== undefined) poll.gapMs = sent.gapMs;
  if (sent.cursorBefore !== undefined || answer.cursorAfter !== undefined) {
    poll.cursor = {};
    if (sent.cursorBefore !== undefined) poll.cursor.before = sent.cursorBefore;
    if (answer.cursorAfter !== undefined) poll.cursor.after = answer.cursorAfter;
  }
  if (sent.attempt !== undefined) poll.attempt = sent.attempt;
  if (timing.firstByteMs !== undefined) poll.firstByteMs = timing.firstByteMs;
  if (timing.dnsMs !== undefined) poll.dnsMs = timing.dnsMs;
  if (timing.connectMs !== undefined) poll.connectMs = timing.connectMs;
  if (timing.tlsMs !== undefined) poll.tlsMs = timing.tlsMs;
  if (timing.reusedConnection !== undefined) poll.reusedConnection = timing.reusedConnection;
  return poll;
}

function answerNote(response: ExchangeResponse, poll: PollMeta, complete: boolean): string {
  const parts = [`${response.status} ${response.statusText}`.trim(), `held ${formatMs(poll.holdMs ?? 0)}`];
  if (poll.gapMs !== undefined) parts.push(`gap ${formatMs(poll.gapMs)}`);
  if (!complete) parts.push(`incomplete: ${response.wireBodyBytes} body bytes arrived`);
  else if (poll.empty) parts.push('empty');
  const cursor = poll.cursor;
  if (cursor && cursor.after !== cursor.before) parts.push(`cursor ${cursor.before ?? '(none)'} → ${cursor.after}`);
  return parts.join(', ');
}

export function formatMs(ms: number): string {
  return `${Math.round(ms * 10) / 10} ms`;
}
