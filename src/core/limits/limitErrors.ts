/**
 * The error rows of the limits that are new with issue 12, in our own words: what the server did, the limit and
 * the setting that sets it, what the inspector did about it, and which setting to raise. (The older limits say
 * the same where they are raised: errors.ts messageTooBig, sse/sseNotes.ts, polling/pollErrors.ts…)
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';
import { LIMITS, formatBytes, raiseSettingHint } from './limits';

/** Close reason sent with the 1009 of a message in too many fragments (a close reason is at most 123 bytes). */
export const TOO_MANY_FRAGMENTS_REASON = 'Too many fragments';

/** An incoming message past maxFragmentsPerMessage frames (RFC 6455 §7.4.1: 1009, too big to process). */
export function tooManyFragments(max: number): ErrorMeta {
  return {
    code: ErrorCode.TooManyFragments,
    message:
      `The server split one message into more than ${max} frames (the limit set by ` +
      `${LIMITS.maxFragmentsPerMessage.setting}): the rest of the stream was not read and the connection was ` +
      'closed with 1009 (Message Too Big).',
    hint: raiseSettingHint('maxFragmentsPerMessage', 'messages in more fragments'),
  };
}

/** A send refused because `buffered` bytes still wait for a server that is not reading. */
export function sendBufferFull(buffered: number, max: number): ErrorMeta {
  return {
    code: ErrorCode.SendBufferFull,
    message:
      `Not sent: ${formatBytes(buffered)} are still waiting to be sent, at least the limit of ${formatBytes(max)} ` +
      `set by ${LIMITS.maxBufferedSendBytes.setting}. The server is not reading; the session stays open.`,
    hint: `Send again once the server has read what is waiting, or ${lowerFirst(
      raiseSettingHint('maxBufferedSendBytes', 'more bytes waiting'),
    )}`,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
