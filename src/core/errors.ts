/**
 * Stable error codes and plain-words explanations. Core attaches these to error events; the host
 * decides how to show them (a row in the log, a notification only where the user can act).
 */
import type { ErrorMeta } from './events/logEvent';
import { LIMITS, raiseSettingHint } from './limits/limits';
import { CERT_NOT_PINNED } from './network/certificatePins';
import { tlsPeerOf } from './network/tlsPeers';

export const ErrorCode = {
  InvalidOptions: 'RI_INVALID_OPTIONS',
  HandshakeTimeout: 'RI_HANDSHAKE_TIMEOUT',
  UnexpectedResponse: 'RI_UNEXPECTED_RESPONSE',
  ConnectionRefused: 'RI_CONNECTION_REFUSED',
  HostNotFound: 'RI_HOST_NOT_FOUND',
  ConnectionReset: 'RI_CONNECTION_RESET',
  NetworkError: 'RI_NETWORK_ERROR',
  TlsError: 'RI_TLS_ERROR',
  InvalidAccept: 'RI_INVALID_ACCEPT',
  SubprotocolMismatch: 'RI_SUBPROTOCOL_MISMATCH',
  ExtensionMismatch: 'RI_EXTENSION_MISMATCH',
  ProtocolError: 'RI_PROTOCOL_ERROR',
  InvalidHttpResponse: 'RI_INVALID_HTTP_RESPONSE',
  MessageTooBig: 'RI_MESSAGE_TOO_BIG',
  HeartbeatTimeout: 'RI_HEARTBEAT_TIMEOUT',
  NotOpen: 'RI_NOT_OPEN',
  InvalidMessage: 'RI_INVALID_MESSAGE',
  SendFailed: 'RI_SEND_FAILED',
  Internal: 'RI_INTERNAL',
  // Engine.IO / Socket.IO
  ProtocolMismatch: 'RI_PROTOCOL_MISMATCH',
  ParseError: 'RI_PARSE_ERROR',
  InvalidOpenPacket: 'RI_INVALID_OPEN_PACKET',
  TransportError: 'RI_TRANSPORT_ERROR',
  TransportClosed: 'RI_TRANSPORT_CLOSED',
  PingTimeout: 'RI_PING_TIMEOUT',
  PollBodyTooLarge: 'RI_POLL_BODY_TOO_LARGE',
  ServerRefused: 'RI_SERVER_REFUSED',
  NamespaceRefused: 'RI_NAMESPACE_REFUSED',
  // Generic long-polling and short polling (issue 11)
  PollTimeout: 'RI_POLL_TIMEOUT',
  PollBadEncoding: 'RI_POLL_BAD_ENCODING',
  PollRefused: 'RI_POLL_REFUSED',
  PollServerError: 'RI_POLL_SERVER_ERROR',
  // Server-Sent Events (issue 11)
  SseNotEventStream: 'RI_SSE_NOT_EVENT_STREAM',
  SseLineTooLong: 'RI_SSE_LINE_TOO_LONG',
  SseEventTooLarge: 'RI_SSE_EVENT_TOO_LARGE',
  SseBadEncoding: 'RI_SSE_BAD_ENCODING',
  // Limits as settings (issue 12)
  TooManyFragments: 'RI_TOO_MANY_FRAGMENTS',
  SendBufferFull: 'RI_SEND_BUFFER_FULL',
  /** ws dropped the connection: a ping came while its pending automatic pongs were at their limit. */
  PingFlood: 'RI_PING_FLOOD',
  // Redirects and liveness (issue 12)
  TooManyRedirects: 'RI_TOO_MANY_REDIRECTS',
  RedirectLoop: 'RI_REDIRECT_LOOP',
  RedirectInvalid: 'RI_REDIRECT_INVALID',
  RedirectDowngrade: 'RI_REDIRECT_DOWNGRADE',
  IdleTimeout: 'RI_IDLE_TIMEOUT',
  // Transport comparison (issue 11)
  CompareInvalidPlan: 'RI_COMPARE_INVALID_PLAN',
  CompareConnectFailed: 'RI_COMPARE_CONNECT_FAILED',
  CompareSetupTimeout: 'RI_COMPARE_SETUP_TIMEOUT',
  CompareNamespaceRefused: 'RI_COMPARE_NAMESPACE_REFUSED',
  CompareSendFailed: 'RI_COMPARE_SEND_FAILED',
  CompareSessionClosed: 'RI_COMPARE_SESSION_CLOSED',
  CompareNoAnswers: 'RI_COMPARE_NO_ANSWERS',
  CompareCancelled: 'RI_COMPARE_CANCELLED',
  CompareInternal: 'RI_COMPARE_INTERNAL',
  // Proxies (issue 12): the CONNECT tunnel and the proxy settings
  ProxyInvalid: 'RI_PROXY_INVALID',
  ProxyRefused: 'RI_PROXY_REFUSED',
  ProxyUnreachable: 'RI_PROXY_UNREACHABLE',
  ProxyAuthRequired: 'RI_PROXY_AUTH_REQUIRED',
  ProxyConnectFailed: 'RI_PROXY_CONNECT_FAILED',
  ProxyTimeout: 'RI_PROXY_TIMEOUT',
  ProxyClosed: 'RI_PROXY_CLOSED',
  ProxyBadResponse: 'RI_PROXY_BAD_RESPONSE',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Node network error codes → our code, message and hint. */
const NETWORK_ERRORS: Record<string, { code: ErrorCodeValue; message: string; hint?: string }> = {
  ECONNREFUSED: {
    code: ErrorCode.ConnectionRefused,
    message: 'The connection was refused: nothing is listening on that host and port.',
    hint: 'Check the port and that the server is running.',
  },
  ENOTFOUND: {
    code: ErrorCode.HostNotFound,
    message: 'The host name could not be resolved (DNS).',
    hint: 'Check the spelling of the host, or your DNS / VPN.',
  },
  EAI_AGAIN: {
    code: ErrorCode.HostNotFound,
    message: 'The host name could not be resolved right now (temporary DNS failure).',
    hint: 'Retry; check your network or VPN.',
  },
  ECONNRESET: {
    code: ErrorCode.ConnectionReset,
    message: 'The server (or something in between) reset the connection.',
    hint: 'A proxy, firewall or the server closed the TCP connection abruptly.',
  },
  EPIPE: { code: ErrorCode.ConnectionReset, message: 'The connection was closed while we were still writing to it.' },
  ETIMEDOUT: {
    code: ErrorCode.NetworkError,
    message: 'The TCP connection timed out.',
    hint: 'A firewall may be dropping packets to that port.',
  },
  EHOSTUNREACH: { code: ErrorCode.NetworkError, message: 'The host is unreachable from this machine.' },
  ENETUNREACH: { code: ErrorCode.NetworkError, message: 'The network is unreachable from this machine.' },
  EADDRNOTAVAIL: { code: ErrorCode.NetworkError, message: 'The address is not available on this machine.' },
};

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
]);

/** `ws` error codes (`WS_ERR_…`) → plain words. The close code that went on the wire is in the close frame row. */
const WS_PROTOCOL_ERRORS: Record<string, string> = {
  WS_ERR_INVALID_UTF8: 'The server sent a text message that is not valid UTF-8.',
  WS_ERR_UNEXPECTED_RSV_1:
    'The server set the RSV1 bit without a negotiated compression extension (or sent bytes that are not ' +
    'WebSocket frames).',
  WS_ERR_UNEXPECTED_RSV_2_3: 'The server set the reserved RSV2/RSV3 bits.',
  WS_ERR_INVALID_OPCODE: 'The server sent a frame with an invalid opcode.',
  // ws raises this for both faults; the session names the one its frame parser saw (wsErrorExplanation.ts).
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH:
    'The server sent a control frame with an invalid payload length: over 125 bytes, or a close frame with 1 byte.',
  WS_ERR_EXPECTED_FIN: 'The server fragmented a control frame.',
  WS_ERR_EXPECTED_MASK: 'The frame was expected to be masked.',
  WS_ERR_UNEXPECTED_MASK: 'The server masked a frame (servers must not).',
  WS_ERR_INVALID_CLOSE_CODE: 'The server sent a close frame with an invalid status code.',
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 'The server announced a message length this client cannot handle.',
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 'The server announced a payload length beyond 2^53 − 1.',
};

/** Turns any error from Node, TLS or `ws` into an ErrorMeta with a stable code. Never throws. */
export function describeError(error: unknown): ErrorMeta {
  const explained = explainedError(error);
  if (explained) return explained;
  const err = (error ?? {}) as { code?: unknown; message?: unknown };
  const rawCode = typeof err.code === 'string' ? err.code : undefined;
  const detail = typeof err.message === 'string' ? err.message : safeString(error);
  if (rawCode && NETWORK_ERRORS[rawCode]) {
    const known = NETWORK_ERRORS[rawCode];
    return { code: known.code, message: known.message, hint: known.hint, detail: `${rawCode}: ${detail}` };
  }
  if (rawCode && (TLS_CODES.has(rawCode) || rawCode.startsWith('ERR_SSL_') || rawCode.startsWith('ERR_TLS_'))) {
    // A refused pin is said in our own words already (certificatePins.ts): no "TLS failed:" in front.
    const message = rawCode === CERT_NOT_PINNED ? detail : `TLS failed: ${detail}`;
    const tls: ErrorMeta = {
      code: ErrorCode.TlsError,
      message,
      hint: tlsHint(rawCode),
      detail: `${rawCode}: ${detail}`,
    };
    const peer = tlsPeerOf(error);
    return peer === undefined ? tls : { ...tls, peer };
  }
  if (rawCode === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' && /max payload/i.test(detail)) {
    return {
      code: ErrorCode.MessageTooBig,
      message: 'The server sent a message larger than the configured maximum.',
      detail: `${rawCode}: ${detail}`,
    };
  }
  if (rawCode && WS_PROTOCOL_ERRORS[rawCode]) {
    return { code: ErrorCode.ProtocolError, message: WS_PROTOCOL_ERRORS[rawCode], detail: `${rawCode}: ${detail}` };
  }
  if (/Invalid Sec-WebSocket-Accept/i.test(detail)) {
    return {
      code: ErrorCode.InvalidAccept,
      message:
        'The server answered 101 with a wrong Sec-WebSocket-Accept: it did not compute the key as RFC 6455 ' +
        '§4.2.2 says.',
      hint: 'A proxy or a non-WebSocket server may have answered.',
      detail,
    };
  }
  if (/Sec-WebSocket-Protocol|subprotocol/i.test(detail)) {
    return {
      code: ErrorCode.SubprotocolMismatch,
      message: `Subprotocol negotiation failed: ${detail}`,
      hint: 'The server must pick one of the subprotocols offered, or none if none were offered.',
      detail,
    };
  }
  if (/Sec-WebSocket-Extensions|extension/i.test(detail)) {
    return { code: ErrorCode.ExtensionMismatch, message: `Extension negotiation failed: ${detail}`, detail };
  }
  if (rawCode?.startsWith('HPE_')) return httpParseError(rawCode, detail);
  return { code: rawCode ?? ErrorCode.Internal, message: detail, detail };
}

/** What to do about a TLS failure (issue 12): a refused pin, a name mismatch, or a certificate no CA vouches for. */
function tlsHint(rawCode: string): string {
  if (rawCode === CERT_NOT_PINNED)
    return (
      "The profile trusts only its pinned certificates. If the server's certificate was renewed, check the new " +
      "fingerprint with the server's owner, then put it in the profile's tls.pinnedCertificates."
    );
  if (rawCode === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return 'The certificate names other hosts: connect by a name it holds, or set tls.servername.';
  if (rawCode === 'ERR_SSL_WRONG_VERSION_NUMBER')
    return 'Check the scheme and the port: does the server speak TLS there (https:// or wss://)?';
  if (/CERTIFICATE_REQUIRED|BAD_CERTIFICATE/.test(rawCode))
    return "The server wants a client certificate it accepts: set the profile's tls.clientCertificate.";
  return (
    'For a self-signed or development certificate, connect from a profile and take its "Trust this certificate" ' +
    "offer (the SHA-256 goes into that profile's tls.pinnedCertificates), or trust its CA with " +
    'realtimeInspector.tls.caFile, rather than turning verification off.'
  );
}

/**
 * Node's HTTP parser (llhttp, `HPE_…`) refused the server's answer: not HTTP at all, or a head past Node's
 * 16 KiB limit (10,000 headers, a 1 MB header line, a header block that never ends). Issue 12: our words.
 */
function httpParseError(rawCode: string, detail: string): ErrorMeta {
  if (rawCode === 'HPE_HEADER_OVERFLOW') {
    return {
      code: ErrorCode.InvalidHttpResponse,
      message: 'The server sent response headers larger than 16 KiB (too many, or a line too long): refused.',
      detail: `${rawCode}: ${detail}`,
    };
  }
  return {
    code: ErrorCode.InvalidHttpResponse,
    message: `The server's answer is not valid HTTP (${detail.replace(/^Parse Error: /, '')}).`,
    hint: 'Check the scheme and the port: is an HTTP server listening there (TLS needs https:// or wss://)?',
    detail: `${rawCode}: ${detail}`,
  };
}

/**
 * The ErrorMeta an error already carries (`explained`): our own network errors (a proxy's 407, a CONNECT that
 * hangs, issue 12) say what they mean where they happen, and every engine shows that as is.
 */
export function explainedError(error: unknown): ErrorMeta | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const explained = (error as { explained?: unknown }).explained;
  if (typeof explained !== 'object' || explained === null) return undefined;
  const meta = explained as Partial<ErrorMeta>;
  return typeof meta.code === 'string' && typeof meta.message === 'string' ? (explained as ErrorMeta) : undefined;
}

/**
 * A message over the size limit (RFC 6455 §7.4.1: 1009, Message Too Big), naming the limit and the
 * setting that raises it (issue #7). `detail` is what ws said.
 */
export function messageTooBig(limitBytes: number, detail?: string): ErrorMeta {
  return {
    code: ErrorCode.MessageTooBig,
    message:
      `The server sent a message larger than the limit of ${limitBytes} bytes ` +
      `(${formatMiB(limitBytes)}) set by ${LIMITS.maxMessageBytes.setting}: it was refused and the connection ` +
      'closed with 1009 (Message Too Big).',
    hint: raiseSettingHint('maxMessageBytes', 'larger messages'),
    detail,
  };
}

function formatMiB(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(2)} MiB`;
}

/** String(value) that cannot throw (an object without a prototype has no toString). */
function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
