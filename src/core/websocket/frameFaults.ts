/**
 * What is wrong with a frame the server sent, in plain words, judged from the header facts our own
 * frame parser saw. `ws` reports some faults under one code (WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH
 * covers both a control payload over 125 bytes and a 1-byte close payload); the parser knows which.
 */
import { OPCODE, parseClosePayload, type WireFrame } from './frameParser';
import { isUtf8 } from '../payload/storedPayload';
import { isSendableCloseCode } from './sendPreparation';

/** A rule the frame broke, with the `ws` error code that reports it. */
export interface FrameFault {
  /** The `WS_ERR_…` code `ws` raises for this fault. */
  wsCode: string;
  message: string;
}

/** Control frames carry at most 125 bytes (RFC 6455 §5.5). */
const CONTROL_MAX = 125;
const OPCODE_NAMES: Record<number, string> = {
  0x0: 'continuation',
  0x1: 'text',
  0x2: 'binary',
  0x8: 'close',
  0x9: 'ping',
  0xa: 'pong',
};

/**
 * The first rule of RFC 6455 a frame from the server breaks, in the order `ws` checks them; undefined when none.
 * `messageOpen`: a fragmented data message is in progress (its first frame came, its FIN frame not yet).
 */
export function incomingFrameFault(frame: WireFrame, messageOpen = false): FrameFault | undefined {
  const name = OPCODE_NAMES[frame.opcode];
  // §5.2: RSV2 and RSV3 are 0 unless an extension defines them (none we offer does).
  if (frame.rsv2 || frame.rsv3)
    return {
      wsCode: 'WS_ERR_UNEXPECTED_RSV_2_3',
      message: 'The server set the reserved RSV2/RSV3 bits, which no negotiated extension defines (RFC 6455 §5.2).',
    };
  // §5.2: opcodes 0x3–0x7 and 0xB–0xF are reserved.
  if (name === undefined)
    return {
      wsCode: 'WS_ERR_INVALID_OPCODE',
      message: `The server sent a frame with the reserved opcode 0x${frame.opcode.toString(16)} (RFC 6455 §5.2).`,
    };
  // §5.4: ws reports both as "invalid opcode", which the user cannot act on; the frame says which it was.
  const fragmentFault = fragmentationFault(frame.opcode, messageOpen);
  if (fragmentFault) return fragmentFault;
  if (frame.opcode >= 0x8) {
    // §5.5: control frames must not be fragmented and carry at most 125 bytes.
    if (!frame.fin)
      return {
        wsCode: 'WS_ERR_EXPECTED_FIN',
        message:
          `The server fragmented a ${name} frame (FIN not set): control frames must not be fragmented ` +
          `(RFC 6455 §5.5).`,
      };
    if (frame.payloadLength > CONTROL_MAX) {
      return {
        wsCode: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
        message:
          `The server sent a ${name} frame with a ${frame.payloadLength}-byte payload: control frames ` +
          `carry at most ${CONTROL_MAX} bytes (RFC 6455 §5.5).`,
      };
    }
    if (frame.opcode === OPCODE.close) return closeFault(frame);
  }
  // §5.1: a server must not mask the frames it sends.
  if (frame.masked)
    return {
      wsCode: 'WS_ERR_UNEXPECTED_MASK',
      message: `The server masked a ${name} frame: servers must not mask what they send (RFC 6455 §5.1).`,
    };
  return undefined;
}

/** §5.4: a continuation frame continues an open fragmented message; a new text or binary message waits for its end. */
function fragmentationFault(opcode: number, messageOpen: boolean): FrameFault | undefined {
  if (opcode === OPCODE.continuation && !messageOpen)
    return {
      wsCode: 'WS_ERR_INVALID_OPCODE',
      message:
        'The server sent a continuation frame with no message to continue: no fragmented message was in ' +
        'progress (RFC 6455 §5.4).',
    };
  if ((opcode === OPCODE.text || opcode === OPCODE.binary) && messageOpen)
    return {
      wsCode: 'WS_ERR_INVALID_OPCODE',
      message:
        `The server started a new ${OPCODE_NAMES[opcode]} message before finishing the fragmented one it had ` +
        'begun (RFC 6455 §5.4).',
    };
  return undefined;
}

/** §5.5.1: a close payload is empty, or a 2-byte status code then a UTF-8 reason; §7.4: only some codes may be sent. */
function closeFault(frame: WireFrame): FrameFault | undefined {
  if (frame.payloadLength === 1) {
    return {
      wsCode: 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
      message:
        'The server sent a close frame with a 1-byte payload: a close payload is either empty or starts with a ' +
        '2-byte status code (RFC 6455 §5.5.1).',
    };
  }
  const { code } = parseClosePayload(frame.payload);
  if (code !== undefined && !isSendableCloseCode(code)) {
    return {
      wsCode: 'WS_ERR_INVALID_CLOSE_CODE',
      message:
        `The server sent a close frame with status code ${code}, which an endpoint may not send (RFC ` + `6455 §7.4).`,
    };
  }
  // ws reports a bad reason as a bad text message (WS_ERR_INVALID_UTF8); the frame says which it was.
  if (frame.payload.length > 2 && !isUtf8(frame.payload.subarray(2))) {
    return {
      wsCode: 'WS_ERR_INVALID_UTF8',
      message: 'The server sent a close frame whose reason is not valid UTF-8 (RFC 6455 §5.5.1).',
    };
  }
  return undefined;
}
