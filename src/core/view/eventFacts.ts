/**
 * What the details pane says of one event: its headline, its facts (label and value, in display order)
 * and the plain-words explanation of an error or a close. Pure.
 */
import type { CloseMeta, ErrorMeta, FrameMeta, LogEvent } from '../events/logEvent';
import { closeCodeExplanation, closeCodeName, closeHeadline } from './closeCodes';
import { pushEngineFacts } from './engineFacts';
import { closedSummary, closeFramePreview, requestLine, statusHeadline } from './eventPreview';
import { pushPollFacts, pushSseFacts, streamSummaryOf } from './streamFacts';

const OPCODE_NAMES: Record<number, string> = {
  0: 'continuation',
  1: 'text',
  2: 'binary',
  8: 'close',
  9: 'ping',
  10: 'pong',
};

export function summaryOf(event: LogEvent): string | undefined {
  const meta = event.meta ?? {};
  switch (event.type) {
    case 'handshake-request':
      return requestLine(meta.request);
    case 'handshake-response':
      return meta.response?.status !== undefined ? statusHeadline(meta.response) : undefined;
    case 'close-frame':
      return closeFramePreview(meta.close);
    case 'closed':
      return closedSummary(meta.close) ?? 'Closed';
    case 'error':
    case 'heartbeat-timeout':
      return meta.error?.message ?? (event.type === 'heartbeat-timeout' ? 'Heartbeat timeout' : 'Error');
    case 'open':
      return 'Connection open';
    case 'message':
      return `${event.payload?.kind === 'binary' ? 'Binary' : 'Text'} message, ${formatBytes(event.size)}`;
    case 'ping':
    case 'pong':
      return `${event.type === 'ping' ? 'Ping' : 'Pong'}, ${formatBytes(event.size)}`;
    default:
      return streamSummaryOf(event) ?? meta.note;
  }
}

export function factsOf(event: LogEvent): Array<[string, string]> {
  const meta = event.meta ?? {};
  const facts: Array<[string, string]> = [
    ['Seq', String(event.seq)],
    ['Time', new Date(event.time).toISOString()],
    [
      'Direction',
      event.direction === 'in' ? 'in (from server)' : event.direction === 'out' ? 'out (to server)' : 'local',
    ],
    ['Layer', event.layer],
    ['Type', event.type],
  ];
  if (event.size > 0 || event.payload) facts.push(['Size', formatBytes(event.size)]);
  if (event.parent !== undefined) facts.push(['Parent', `#${event.parent}`]);
  if (meta.request?.method) facts.push(['Method', meta.request.method]);
  if (meta.request?.url) facts.push(['URL', meta.request.url]);
  if (meta.response?.status !== undefined) facts.push(['Status', statusHeadline(meta.response)]);
  if (meta.response?.httpVersion) facts.push(['HTTP version', meta.response.httpVersion]);
  if (meta.subprotocol) facts.push(['Subprotocol', meta.subprotocol]);
  if (meta.extensions) facts.push(['Extensions', meta.extensions]);
  if (meta.durationMs !== undefined)
    facts.push([event.type === 'poll-response' ? 'Held' : 'Duration', `${Math.round(meta.durationMs * 10) / 10} ms`]);
  if (meta.frame) pushFrameFacts(facts, meta.frame);
  if (meta.close) pushCloseFacts(facts, meta.close);
  if (meta.error) pushErrorFacts(facts, meta.error);
  pushEngineFacts(facts, meta);
  if (meta.sse) pushSseFacts(facts, meta.sse, event.type);
  if (meta.poll) pushPollFacts(facts, meta.poll);
  if (event.payload?.truncated)
    facts.push(['Stored', `first ${formatBytes(event.payload.truncated.keptBytes)} (truncated in the log)`]);
  if (meta.note && event.type !== 'error') facts.push(['Note', meta.note]);
  return facts;
}

function pushFrameFacts(facts: Array<[string, string]>, frame: FrameMeta): void {
  if (frame.opcode !== undefined)
    facts.push(['Opcode', `${frame.opcode} (${OPCODE_NAMES[frame.opcode] ?? 'reserved'})`]);
  if (frame.compressed !== undefined) facts.push(['Compressed', frame.compressed ? 'yes (permessage-deflate)' : 'no']);
  if (frame.frames !== undefined) facts.push(['Frames', String(frame.frames)]);
  if (frame.wireBytes !== undefined) facts.push(['Wire bytes', formatBytes(frame.wireBytes)]);
}

function pushCloseFacts(facts: Array<[string, string]>, close: CloseMeta): void {
  if (close.wireCode !== undefined) facts.push(['Close code', closeHeadline(close.wireCode)]);
  if (close.wireReason) facts.push(['Reason', close.wireReason]);
  if (close.sentCode !== undefined) facts.push(['Close code sent', closeHeadline(close.sentCode)]);
  if (close.sentReason) facts.push(['Reason sent', close.sentReason]);
  if (close.localCode !== undefined && close.localCode !== close.wireCode)
    facts.push(['Reported code', closeHeadline(close.localCode)]);
  if (close.localReason && close.localReason !== close.wireReason) facts.push(['Reported reason', close.localReason]);
  if (close.initiator) facts.push(['Closed by', close.initiator]);
  if (close.closeFrameSent !== undefined) facts.push(['Close frame sent', close.closeFrameSent ? 'yes' : 'no']);
  if (close.closeFrameReceived !== undefined)
    facts.push(['Close frame received', close.closeFrameReceived ? 'yes' : 'no']);
}

function pushErrorFacts(facts: Array<[string, string]>, error: ErrorMeta): void {
  facts.push(['Error code', error.code]);
  facts.push(['Message', error.message]);
  // First line only: an internal error's detail may carry a stack trace, which belongs in the output channel.
  const detail = error.detail?.split('\n', 1)[0];
  if (detail && detail !== error.message) facts.push(['Detail', detail]);
}

export function explanationOf(event: LogEvent): string | undefined {
  const meta = event.meta ?? {};
  if (meta.error) return meta.error.hint ? `${meta.error.message} ${meta.error.hint}` : meta.error.message;
  if (meta.close) {
    const code = meta.close.wireCode ?? meta.close.localCode;
    if (code !== undefined) return `${closeCodeName(code)}: ${closeCodeExplanation(code)}`;
    if (event.type === 'close-frame')
      return 'The close frame carried no status code (reported as 1005 No Status Received).';
  }
  return undefined;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB (${n} B)`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB (${n} B)`;
}
