/**
 * Turns a book entry into the SendRequest a session sends: placeholders filled in, the file of a
 * `binary file` read, and the request checked against what the session's kind accepts (the one rule in
 * session/sendRequest.ts, worded by sendKindRefusal.ts) and against the bounds every request has
 * (sendRequestValidation.ts). Error messages name the entry and the placeholder, never a value.
 */
import type { ErrorMeta } from '../events/logEvent';
import { parseBase64, parseHex } from '../payload/binaryInput';
import { refuseUnacceptedKind } from '../session/sendKindRefusal';
import type { SendKind, SendRequest, SessionKind } from '../session/sendRequest';
import { parseSendRequest } from '../session/sendRequestValidation';
import { BookErrorCode, bookError, describeEntry, sentenceCase } from './bookErrors';
import { readBookFile, type BookFiles } from './bookFiles';
import type { BookEntry, EntryFields } from './bookTypes';
import { checkJson } from './jsonCheck';
import { substitute, type BookValues } from './placeholders';

export type EntryRequest = { ok: true; request: SendRequest } | { ok: false; error: ErrorMeta };

type MessageFields = Exclude<EntryFields, { kind: 'delay' } | { kind: 'wait' }>;

/** The send kind each entry kind becomes. */
const SEND_KIND: Record<MessageFields['kind'], SendKind> = {
  text: 'text',
  json: 'json',
  binary: 'binary',
  emit: 'sio-emit',
  connect: 'sio-connect',
  disconnect: 'sio-disconnect',
  eio: 'text',
  ping: 'ping',
  close: 'close',
};

/**
 * The request for `entry` on a session of `sessionKind`, or why there is none. `files` serves `binary file`
 * entries. Never rejects.
 */
export async function entryToSendRequest(
  entry: BookEntry,
  values: BookValues,
  sessionKind: SessionKind,
  files?: BookFiles,
): Promise<EntryRequest> {
  const refused = entryRefusal(entry, sessionKind);
  if (refused) return { ok: false, error: refused };
  const fields = entry.fields as MessageFields;
  const name = describeEntry(entry);
  const built = await buildRequest(fields, new Filler(values, name), files);
  if (!built.ok) return built;
  const checked = parseSendRequest(built.request);
  if (!checked.ok) return refuse(BookErrorCode.InvalidEntry, `${sentenceCase(name)}: ${checked.reason}`);
  return { ok: true, request: checked.value };
}

/**
 * Why `entry` cannot be sent on a session of `sessionKind`, before anything is filled in or read (a sequence
 * asks this of every entry before it sends the first), or undefined. Delays and waits are refused: they
 * are not messages.
 */
export function entryRefusal(entry: BookEntry, sessionKind: SessionKind): ErrorMeta | undefined {
  const fields = entry.fields;
  const name = sentenceCase(describeEntry(entry));
  if (!entry.valid || !fields) return bookError(BookErrorCode.InvalidEntry, `${name} has errors: fix them first.`);
  if (fields.kind === 'delay' || fields.kind === 'wait') {
    return bookError(BookErrorCode.InvalidEntry, `${name} is a ${fields.kind}, not a message: it paces Send All.`);
  }
  if (fields.kind === 'eio' && sessionKind !== 'engineio') {
    const hint = sessionKind === 'socketio' ? 'On a Socket.IO session, emit an event.' : 'Use "text" instead.';
    return bookError(
      BookErrorCode.InvalidEntry,
      `${name} is a raw Engine.IO message: it needs an Engine.IO session.`,
      hint,
    );
  }
  const refused = refuseUnacceptedKind(sessionKind, { kind: SEND_KIND[fields.kind] });
  return refused && { ...refused, message: `${name}: ${refused.message}` };
}

/** Fills placeholders in; the first failure is kept. */
class Filler {
  failure?: ErrorMeta;

  constructor(
    private readonly values: BookValues,
    readonly entryName: string,
  ) {}

  fill(template: string): string {
    if (this.failure) return '';
    const result = substitute(template, this.values);
    if (result.ok) return result.text;
    this.failure = bookError(BookErrorCode.Variable, `${sentenceCase(this.entryName)}: ${result.message}`);
    return '';
  }

  fillOptional(template: string | undefined): string | undefined {
    return template === undefined ? undefined : this.fill(template);
  }
}

async function buildRequest(fields: MessageFields, filler: Filler, files?: BookFiles): Promise<EntryRequest> {
  const request = await requestOf(fields, filler, files);
  if (filler.failure) return { ok: false, error: filler.failure };
  if ('error' in request) return { ok: false, error: request.error };
  const problem = contentProblem(request);
  if (problem) return refuse(BookErrorCode.InvalidEntry, `${sentenceCase(filler.entryName)}: ${problem}`);
  return { ok: true, request };
}

async function requestOf(
  fields: MessageFields,
  filler: Filler,
  files?: BookFiles,
): Promise<SendRequest | { error: ErrorMeta }> {
  switch (fields.kind) {
    case 'text':
    case 'eio':
      return { kind: 'text', text: filler.fill(fields.text) };
    case 'json':
      return { kind: 'json', text: filler.fill(fields.text) };
    case 'binary': {
      if (fields.encoding !== 'file')
        return { kind: 'binary', encoding: fields.encoding, data: filler.fill(fields.data) };
      const path = filler.fill(fields.path);
      if (filler.failure) return { kind: 'binary', encoding: 'base64', data: '' };
      const read = await readBookFile(path, files, fields.path);
      return read.ok ? { kind: 'binary', encoding: 'base64', data: Buffer.from(read.bytes).toString('base64') } : read;
    }
    case 'emit': {
      const { namespace, ack } = fields;
      return { kind: 'sio-emit', namespace, event: filler.fill(fields.event), args: filler.fill(fields.args), ack };
    }
    case 'connect': {
      const auth = filler.fillOptional(fields.auth);
      return auth === undefined
        ? { kind: 'sio-connect', namespace: fields.namespace }
        : { kind: 'sio-connect', namespace: fields.namespace, auth };
    }
    case 'disconnect':
      return { kind: 'sio-disconnect', namespace: fields.namespace };
    case 'ping':
      return fields.text === undefined ? { kind: 'ping' } : { kind: 'ping', text: filler.fill(fields.text) };
    case 'close':
      return closeRequest(fields, filler);
  }
}

function closeRequest(fields: Extract<MessageFields, { kind: 'close' }>, filler: Filler): SendRequest {
  const request: Extract<SendRequest, { kind: 'close' }> = { kind: 'close' };
  if (fields.code !== undefined) request.code = fields.code;
  if (fields.reason !== undefined) request.reason = filler.fill(fields.reason);
  return request;
}

/**
 * What is wrong with the content once filled in (the file was checked as written; values may break it).
 * Never quotes the content: it may hold a secret now.
 */
function contentProblem(request: SendRequest): string | undefined {
  const refill = 'check the values of the variables it uses.';
  switch (request.kind) {
    case 'json':
      return checkJson(request.text) ? `its JSON is not valid once filled in: ${refill}` : undefined;
    case 'sio-emit':
      if (request.event === '') return 'the event name is empty once filled in.';
      return checkJson(request.args) || !request.args.trimStart().startsWith('[')
        ? `its arguments are not a valid JSON array once filled in: ${refill}`
        : undefined;
    case 'sio-connect':
      return request.auth !== undefined && (checkJson(request.auth) || !request.auth.trimStart().startsWith('{'))
        ? `its auth is not a JSON object once filled in: ${refill}`
        : undefined;
    case 'binary': {
      const parsed = request.encoding === 'hex' ? parseHex(request.data) : parseBase64(request.data);
      return parsed.ok ? undefined : `its ${request.encoding} is not valid once filled in: ${refill}`;
    }
    default:
      return undefined;
  }
}

function refuse(code: string, message: string): EntryRequest {
  return { ok: false, error: { code, message } };
}
