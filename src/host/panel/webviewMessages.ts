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
import {
  MAX_REPLAY_RANGE_EVENTS,
  MAX_ROWS_PER_MESSAGE,
  type HostToWebview,
  type RequestErrorDto,
  type WebviewToHost,
} from '../../shared/protocol';
import { parseViewSpec } from './viewSpecValidation';

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
    case 'session/disconnect':
    case 'session/reconnect':
    case 'session/retryNow':
    case 'session/cancelReconnect':
    case 'session/export':
      return ok({ type });
    case 'webview/ready':
      return parseReady(input);
    case 'events/getPage':
      return parseGetPage(input);
    case 'events/locate': {
      const { requestId, view, seq } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isRequestId(view)) return badField(type, 'view');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      return ok({ type, requestId, view, seq });
    }
    case 'events/query': {
      const { requestId } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      const spec = parseViewSpec(input.spec);
      if (!spec.ok) return fail(`${type}: ${spec.reason}`);
      return ok({ type, requestId, spec: spec.value });
    }
    case 'view/follow':
      if (typeof input.following !== 'boolean') return fail(`${type}: "following" must be true or false.`);
      return ok({ type, following: input.following });
    case 'events/getDetails': {
      const { requestId, seq, reveal } = input;
      if (!isRequestId(requestId)) return badField(type, 'requestId');
      if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
      if (reveal !== undefined && typeof reveal !== 'boolean') return badField(type, 'reveal');
      return ok(reveal ? { type, requestId, seq, reveal } : { type, requestId, seq });
    }
    case 'events/replay':
    case 'events/openPayload':
    case 'events/editAndSend':
    case 'events/saveToBook':
      return parseSeqRequest(type, input);
    case 'events/replayRange':
      return parseReplayRange(input);
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

/** `events/getPage`: rows of a view from a position, at most MAX_ROWS_PER_MESSAGE of them. */
function parseGetPage(input: Record<string, unknown>): ParseResult<WebviewToHost> {
  const type = 'events/getPage';
  const { requestId, view, from, limit } = input;
  if (!isRequestId(requestId)) return badField(type, 'requestId');
  if (!isRequestId(view)) return badField(type, 'view');
  if (!isRequestId(from)) return badField(type, 'from');
  if (!isInteger(limit) || limit < 0 || limit > MAX_ROWS_PER_MESSAGE)
    return fail(`${type}: "limit" must be an integer from 0 to ${MAX_ROWS_PER_MESSAGE}.`);
  return ok({ type, requestId, view, from, limit });
}

/** `webview/ready`, with the view the webview restores (both fields optional). */
function parseReady(input: Record<string, unknown>): ParseResult<WebviewToHost> {
  const message: Extract<WebviewToHost, { type: 'webview/ready' }> = { type: 'webview/ready' };
  if (input.spec !== undefined) {
    const spec = parseViewSpec(input.spec);
    if (!spec.ok) return fail(`webview/ready: ${spec.reason}`);
    message.spec = spec.value;
  }
  if (input.following !== undefined) {
    if (typeof input.following !== 'boolean') return fail('webview/ready: "following" must be true or false.');
    message.following = input.following;
  }
  return ok(message);
}

type SeqRequestType = 'events/replay' | 'events/openPayload' | 'events/editAndSend' | 'events/saveToBook';

/** A request about one event: `requestId` and `seq`. */
function parseSeqRequest(type: SeqRequestType, input: Record<string, unknown>): ParseResult<WebviewToHost> {
  const { requestId, seq } = input;
  if (!isRequestId(requestId)) return badField(type, 'requestId');
  if (!isInteger(seq) || seq < 1) return badField(type, 'seq');
  return ok({ type, requestId, seq });
}

/** `events/replayRange`: two seqs ≥ 1 in order, at most MAX_REPLAY_RANGE_EVENTS events apart. */
function parseReplayRange(input: Record<string, unknown>): ParseResult<WebviewToHost> {
  const type = 'events/replayRange';
  const { requestId, from, to } = input;
  if (!isRequestId(requestId)) return badField(type, 'requestId');
  if (!isInteger(from) || from < 1) return fail(`${type}: "from" must be an integer ≥ 1.`);
  if (!isInteger(to) || to < from) return fail(`${type}: "to" must be an integer ≥ "from".`);
  if (to - from >= MAX_REPLAY_RANGE_EVENTS)
    return fail(`${type}: a range spans at most ${MAX_REPLAY_RANGE_EVENTS} events.`);
  return ok({ type, requestId, from, to });
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
