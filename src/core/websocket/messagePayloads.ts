/**
 * The per-message work of a WebSocket session, done once per byte (issue #7): an incoming message's
 * bytes become its stored payload and, when a layer above reads messages, its text or bytes; an
 * outgoing message is encoded once for both the wire and the log.
 */
import type WebSocket from 'ws';
import type { Payload } from '../events/logEvent';
import { adoptedBinaryPayload, binaryPayload, textPayloadFromBytes } from '../payload/storedPayload';

/** An incoming data message as the session logs and forwards it. */
export interface ReceivedMessage {
  payload: Payload;
  /** Message length in bytes (after inflation). */
  size: number;
  /** The whole message for the layer above; undefined when none reads. */
  data?: string | Uint8Array;
}

/**
 * `ws` hands over each message's bytes and never touches them again, so a binary message is stored
 * without a copy (a copy of the kept part only when truncated). Text is decoded once: the whole text
 * when it is stored whole or a layer above reads it (the kept part is then sliced from it), otherwise
 * only the kept bytes. The SHA-256 of a truncated message is computed once, over the bytes.
 */
export function receivedMessage(
  data: WebSocket.RawData,
  isBinary: boolean,
  maxStoredBytes: number,
  upperLayerReads: boolean,
): ReceivedMessage {
  const bytes = rawDataToBuffer(data);
  if (isBinary)
    return {
      payload: adoptedBinaryPayload(bytes, maxStoredBytes),
      size: bytes.length,
      data: upperLayerReads ? bytes : undefined,
    };
  const text = upperLayerReads || bytes.length <= maxStoredBytes ? bytes.toString('utf8') : undefined;
  return {
    payload: textPayloadFromBytes(bytes, maxStoredBytes, text),
    size: bytes.length,
    data: upperLayerReads ? text : undefined,
  };
}

/** An outgoing data message: what `ws` sends and what the log stores. */
export interface OutgoingMessage {
  /** Text is encoded once here; `ws` sends a Buffer as is (and never masks a caller's buffer in place). */
  wire: Uint8Array;
  binary: boolean;
  payload: Payload;
  size: number;
}

/** Text or bytes to send; bytes are copied into the log (the caller keeps its buffer). */
export function outgoingMessage(data: string | Uint8Array, maxStoredBytes: number): OutgoingMessage {
  if (typeof data !== 'string')
    return { wire: data, binary: true, payload: binaryPayload(data, maxStoredBytes), size: data.length };
  const wire = Buffer.from(data, 'utf8');
  return { wire, binary: false, payload: textPayloadFromBytes(wire, maxStoredBytes, data), size: wire.length };
}

function rawDataToBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data as ArrayBuffer);
}
