/** Close frames and close summaries (RFC 6455 §5.5.1, §7.4). */
import type { CloseMeta } from '../events/logEvent';

/** The payload of a close frame: the code as 2 bytes big-endian, then the UTF-8 reason. */
export function closePayload(code: number, reason: string): Uint8Array {
  const reasonBytes = Buffer.from(reason, 'utf8');
  const out = Buffer.alloc(2 + reasonBytes.length);
  out.writeUInt16BE(code, 0);
  reasonBytes.copy(out, 2);
  return out;
}

/** One line for the session header: who closed, with which code and reason. */
export function summarizeClose(close: CloseMeta, wasOpen: boolean): string {
  if (!wasOpen) return 'Closed before the connection opened.';
  const by =
    close.initiator === 'server'
      ? 'by the server'
      : close.initiator === 'client'
        ? 'by us'
        : 'without a closing handshake';
  const code =
    close.initiator === 'server' ? close.wireCode : close.initiator === 'client' ? close.sentCode : close.localCode;
  const reason =
    close.initiator === 'server'
      ? close.wireReason
      : close.initiator === 'client'
        ? close.sentReason
        : close.localReason;
  const codeText =
    code !== undefined
      ? `${code}${reason ? ` "${reason}"` : ''}`
      : close.localCode !== undefined
        ? `${close.localCode}`
        : 'no code';
  return `Closed ${by}: ${codeText}.`;
}
