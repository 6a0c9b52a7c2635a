/**
 * What `Realtime Inspector: Compare Transports…` asks, checked as the user types: each check returns null when
 * the text is fine, else one line that names what is wrong and what is expected. The limits are core's
 * (src/core/compare/comparisonPlan.ts), asked here rather than written again. Pure (no vscode), unit-tested.
 */
import { MAX_MESSAGE_BYTES, MAX_MESSAGES, validatePlan, type ComparisonPlan } from '../../core/compare/comparisonPlan';
import type { ComparedTransport, ExchangeMode } from '../../core/compare/comparisonPlan';
import { checkEngineIoUrl } from '../../core/connection/engineIoOptions';
import { inferKind } from '../connectKinds';

export type CompareKind = ComparisonPlan['kind'];

export const DEFAULT_MESSAGES = 100;
export const DEFAULT_MESSAGE_BYTES = 100;
export const DEFAULT_EVENT = 'echo';

/** The answers of the prompts, before they become a plan. */
export interface CompareAnswers {
  url: string;
  kind: CompareKind;
  messages: number;
  messageBytes: number;
  mode: ExchangeMode;
  /** Socket.IO only. */
  event?: string;
}

/** The server URL: http(s) or ws(s), with a host, no fragment. */
export function urlProblem(text: string): string | null {
  return checkEngineIoUrl(text) ?? null;
}

/** Socket.IO unless the URL says Engine.IO (a ws:// URL without /engine.io/ is taken for Socket.IO too). */
export function inferCompareKind(url: string): CompareKind {
  return inferKind(url) === 'engineio' ? 'engineio' : 'socketio';
}

/** Engine.IO has no acknowledgements: it echoes. Socket.IO acknowledges by default. */
export function defaultMode(kind: CompareKind): ExchangeMode {
  return kind === 'socketio' ? 'ack' : 'echo';
}

/** The modes a kind offers, its default first. */
export function modesFor(kind: CompareKind): ExchangeMode[] {
  return kind === 'socketio' ? ['ack', 'echo'] : ['echo'];
}

/** How many round trips per transport. */
export function messageCountProblem(text: string): string | null {
  return wholeNumberProblem(text, 1, MAX_MESSAGES, 'the number of messages sent over each transport');
}

/** The size of each message's data. */
export function messageBytesProblem(text: string): string | null {
  return wholeNumberProblem(text, 1, MAX_MESSAGE_BYTES, 'the size of each message in bytes');
}

/** A Socket.IO event name: not empty, not too long, not one Socket.IO reserves (core's rule). */
export function eventNameProblem(text: string): string | null {
  if (text === '') return 'Enter the event the server answers, e.g. "echo".';
  if (text.trim() !== text) return 'The event name must not start or end with spaces.';
  const probe = validatePlan({
    kind: 'socketio',
    url: 'http://localhost/',
    messages: 1,
    messageBytes: 1,
    mode: 'ack',
    event: text,
  });
  if (probe.ok) return null;
  const issue = probe.issues.find((i) => i.field === 'event');
  return issue ? `Event name: ${issue.message}` : null;
}

/** The number typed (already checked by the matching `…Problem`). */
export function wholeNumber(text: string): number {
  return Number(text.trim());
}

/** The plan the answers describe (core validates it again before anything is sent). */
export function planOf(answers: CompareAnswers): ComparisonPlan {
  const plan: ComparisonPlan = {
    kind: answers.kind,
    url: answers.url.trim(),
    messages: answers.messages,
    messageBytes: answers.messageBytes,
    mode: answers.kind === 'engineio' ? 'echo' : answers.mode,
  };
  if (answers.kind === 'socketio') plan.event = answers.event ?? DEFAULT_EVENT;
  return plan;
}

/** The progress line of a run: `polling 40/100`, `websocket 3/100`. */
export function progressText(transport: ComparedTransport, done: number, total: number): string {
  return `${transport === 'polling-only' ? 'polling' : 'websocket'} ${done}/${total}`;
}

function wholeNumberProblem(text: string, min: number, max: number, what: string): string | null {
  const trimmed = text.trim();
  const range = `from ${formatInteger(min)} to ${formatInteger(max)}`;
  if (trimmed === '') return `Enter ${what}, ${range}.`;
  if (!/^\d+$/.test(trimmed)) return `"${shorten(trimmed)}" is not a whole number: enter ${what}, ${range}.`;
  const value = Number(trimmed);
  if (value < min || value > max) return `${formatInteger(value)} is out of range: enter ${what}, ${range}.`;
  return null;
}

/** 10000 → `10,000` (locale-independent, so the words are the same on every machine). */
function formatInteger(n: number): string {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : 'a very large number';
}

function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 19)}…` : text;
}
