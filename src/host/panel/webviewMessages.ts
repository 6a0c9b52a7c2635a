/**
 * The allowlist for messages from the webview (style.md rule 2). The webview renders hostile data,
 * so anything it posts is treated as untrusted input: only the types in `WebviewToHost`, with
 * exactly typed fields, get through. Valid messages are rebuilt from their known fields, so extra
 * properties never reach the host. Pure (no vscode), never throws.
 */
import {
  describe,
  fail,
  isInteger,
  isObject,
  ok,
  parseSendRequest,
  type ParseResult,
} from '../../core/session/sendRequestValidation';
import type { HostToWebview, RequestErrorDto, WebviewToHost } from '../../shared/protocol';

/** Validates one message posted by the webview. */
export function parseWebviewMessage(input: unknown): ParseResult<WebviewToHost> {
  try {
    return parseMessage(input);
  } catch {
    // Getters on a hostile object could throw; webview messages are structured clones, but be total anyway.
    return fail('The message could not be read.');
  }
}

function parseMessage(input: unknown): ParseResult<WebviewToHost> {
  if (!isObject(input)) return fail('A message must be an object.');
  const type = input.type;
  switch (type) {
    case 'webview/ready':
    case 'session/disconnect':
    case 'session/reconnect':
      return ok({ type });
    case 'events/getPage': {
      const { requestId, fromSeq, limit } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(fromSeq) || fromSeq < 0) return badField(type, 'fromSeq');
      if (!isInteger(limit) || limit < 0) return badField(type, 'limit');
      return ok({ type, requestId, fromSeq, limit });
    }
    case 'events/getDetails': {
      const { requestId, seq, reveal } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      if (reveal !== undefined && typeof reveal !== 'boolean') return badField(type, 'reveal');
      return ok(reveal ? { type, requestId, seq, reveal } : { type, requestId, seq });
    }
    case 'events/replay': {
      const { requestId, seq } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      return ok({ type, requestId, seq });
    }
    case 'composer/send': {
      const { requestId } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      const request = parseSendRequest(input.request);
      if (!request.ok) return fail(`composer/send: ${request.reason}`);
      return ok({ type, requestId, request: request.value });
    }
    default:
      return fail(`Unknown message type ${describe(type)}.`);
  }
}

/**
 * The `request/failed` answer to a message the host could not handle, when that message was a request
 * (it carries a usable requestId, read without trusting anything else in it); undefined otherwise.
 */
export function failedRequestReply(message: unknown, error: RequestErrorDto): HostToWebview | undefined {
  let requestId: unknown;
  try {
    requestId = isObject(message) ? message.requestId : undefined;
  } catch {
    return undefined;
  }
  return isRequestId(requestId) ? { type: 'request/failed', requestId, error } : undefined;
}

function isRequestId(value: unknown): value is number {
  return isInteger(value) && value >= 0;
}

function badField<T>(type: string, field: string): ParseResult<T> {
  return fail(`${type}: "${field}" must be a non-negative integer${field === 'seq' ? ' ≥ 1' : ''}.`);
}
