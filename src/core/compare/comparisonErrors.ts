/**
 * The errors a comparison reports, in our words, each with its stable `RI_COMPARE_…` code (core/errors.ts) and,
 * when the session said why, the session's own code and message as the cause. URLs inside messages have their
 * secrets masked: a report is meant to be exported and shared.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { redactUrlsInText } from '../redaction/urlRedaction';
import type { ComparedTransport } from './comparisonPlan';
import type { ComparisonError } from './comparisonReport';

const TRANSPORT_NAMES: Record<ComparedTransport, string> = {
  'polling-only': 'HTTP long-polling',
  'websocket-only': 'WebSocket',
};

/** How the transport is named in messages. */
export function transportName(transport: ComparedTransport): string {
  return TRANSPORT_NAMES[transport];
}

export function invalidPlan(message: string): ComparisonError {
  return { code: ErrorCode.CompareInvalidPlan, message: redactUrlsInText(message) };
}

/** The session closed (or failed) before it was ready to send. */
export function connectFailed(
  transport: ComparedTransport,
  cause: ErrorMeta | undefined,
  summary?: string,
): ComparisonError {
  const why = cause?.message ?? summary ?? 'the session closed';
  return failure(ErrorCode.CompareConnectFailed, `Could not connect over ${transportName(transport)}: ${why}`, cause);
}

export function setupTimeout(transport: ComparedTransport, timeoutMs: number, opened: boolean): ComparisonError {
  const what = opened ? 'the namespace was not joined' : 'the session did not open';
  const message = `Over ${transportName(transport)}, ${what} within ${timeoutMs} ms.`;
  return failure(ErrorCode.CompareSetupTimeout, message);
}

export function namespaceRefused(transport: ComparedTransport, cause: ErrorMeta): ComparisonError {
  const message = `Over ${transportName(transport)}, the server refused the namespace: ${cause.message}`;
  return failure(ErrorCode.CompareNamespaceRefused, message, cause);
}

export function sendFailed(transport: ComparedTransport, index: number, cause: ErrorMeta): ComparisonError {
  const message = `Message ${index + 1} could not be sent over ${transportName(transport)}: ${cause.message}`;
  return failure(ErrorCode.CompareSendFailed, message, cause);
}

/** The session ended in the middle of the exchange (the server closed, the transport failed). */
export function sessionClosed(
  transport: ComparedTransport,
  answered: number,
  cause: ErrorMeta | undefined,
  summary: string | undefined,
): ComparisonError {
  const why = cause?.message ?? summary ?? 'the session closed';
  const message = `The ${transportName(transport)} session ended after ${answered} answer(s): ${why}`;
  return failure(ErrorCode.CompareSessionClosed, message, cause);
}

export function noAnswers(transport: ComparedTransport, inARow: number, timeoutMs: number): ComparisonError {
  const message =
    `Over ${transportName(transport)}, ${inARow} messages in a row got no answer within ${timeoutMs} ms: ` +
    'the exchange stopped. Check that the server answers the event (echo) or calls the ack callback.';
  return failure(ErrorCode.CompareNoAnswers, message);
}

/** Some messages timed out but the exchange went on. */
export function someUnanswered(transport: ComparedTransport, count: number, timeoutMs: number): ComparisonError {
  const message = `Over ${transportName(transport)}, ${count} message(s) got no answer within ${timeoutMs} ms.`;
  return failure(ErrorCode.CompareNoAnswers, message);
}

export function cancelled(transport: ComparedTransport, started: boolean): ComparisonError {
  const message = started
    ? `Cancelled while measuring ${transportName(transport)}: the figures are what was measured until then.`
    : `Cancelled before ${transportName(transport)} was measured.`;
  return failure(ErrorCode.CompareCancelled, message);
}

export function internalError(transport: ComparedTransport, error: unknown): ComparisonError {
  const detail = error instanceof Error ? error.message : String(error);
  return failure(ErrorCode.CompareInternal, `Internal error while measuring ${transportName(transport)}: ${detail}`);
}

function failure(code: string, message: string, cause?: ErrorMeta): ComparisonError {
  const error: ComparisonError = { code, message: redactUrlsInText(message) };
  if (cause) error.cause = { code: cause.code, message: redactUrlsInText(cause.message) };
  return error;
}
