/**
 * Turns an error `ws` reports on an open (or opening) connection into our error row, with what only
 * the session knows: the message size limit in force, and the faulty frame our parser saw.
 */
import { ErrorCode, describeError, messageTooBig } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import type { FrameFault } from './frameFaults';

export interface WsErrorFacts {
  /** The session's maxPayloadBytes: what "too big" meant. */
  maxMessageBytes: number;
  /** The first frame from the server that broke a rule, as our frame parser saw it. */
  incomingFault?: FrameFault;
}

/** describeError, made precise by the facts; never throws. */
export function explainWsError(error: unknown, facts: WsErrorFacts): ErrorMeta {
  const meta = describeError(error);
  if (meta.code === ErrorCode.MessageTooBig) return messageTooBig(facts.maxMessageBytes, meta.detail);
  const wsCode =
    typeof (error as { code?: unknown } | undefined)?.code === 'string' ? (error as { code: string }).code : undefined;
  // Only when ws names the same fault: the parser may have seen a later frame ws never read.
  if (facts.incomingFault && wsCode === facts.incomingFault.wsCode)
    return { ...meta, message: facts.incomingFault.message };
  return meta;
}
