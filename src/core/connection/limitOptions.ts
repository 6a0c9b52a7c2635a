/**
 * The limit options a connection carries besides the older size fields (issue 12: limits as settings): the
 * fragments of one incoming WebSocket message and the bytes waiting to be sent, on every kind that speaks
 * WebSocket, and the attachments of one Socket.IO packet. Defaults and ranges come from the limits list
 * (limits/limits.ts), as the settings' do. Pure; never throws.
 */
import { LIMITS, type LimitName } from '../limits/limits';
import { numberInRange, type ValidationIssue } from './commonOptions';

/** What a WebSocket (raw, or Engine.IO's transport) caps besides the message size. */
export interface WebSocketLimitOptions {
  /** Frames one incoming message may take (default 10 000); past it the connection closes with 1009. */
  maxFragmentsPerMessage?: number;
  /** Sends are refused while this many bytes wait to be sent (default 16 MiB). */
  maxBufferedSendBytes?: number;
}

/** What a Socket.IO session caps besides its transports'. */
export interface SocketIoLimitOptions {
  /** Binary attachments one packet may announce (default 1000); more make the packet a decode error row. */
  maxAttachments?: number;
}

export type ResolvedWebSocketLimitOptions = Required<WebSocketLimitOptions>;
export type ResolvedSocketIoLimitOptions = Required<SocketIoLimitOptions>;

/** Validates the WebSocket limit fields of any kind's options. */
export function validateWebSocketLimits(
  o: Record<string, unknown>,
  issues: ValidationIssue[],
): ResolvedWebSocketLimitOptions {
  return {
    maxFragmentsPerMessage: limitOption(o, 'maxFragmentsPerMessage', issues),
    maxBufferedSendBytes: limitOption(o, 'maxBufferedSendBytes', issues),
  };
}

/** Validates the Socket.IO limit fields. */
export function validateSocketIoLimits(
  o: Record<string, unknown>,
  issues: ValidationIssue[],
): ResolvedSocketIoLimitOptions {
  return { maxAttachments: limitOption(o, 'maxSocketIoAttachments', issues) };
}

/** The option of limit `name`: its default when absent, an issue naming the option when out of range. */
function limitOption(o: Record<string, unknown>, name: LimitName, issues: ValidationIssue[]): number {
  const limit = LIMITS[name];
  const field = limit.option ?? name;
  return numberInRange(o[field], field, limit.default, limit.min, limit.max, issues);
}
