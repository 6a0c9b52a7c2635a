/**
 * WebSocket close codes in plain words: the names of the IANA "WebSocket Close Code Number Registry"
 * (RFC 6455 §7.4.1 and §11.7) and a one-line explanation a user can act on.
 */

interface CloseCodeInfo {
  name: string;
  explanation: string;
}

const CLOSE_CODES: Record<number, CloseCodeInfo> = {
  1000: {
    name: 'Normal Closure',
    explanation: 'The connection was closed normally: the purpose for which it was opened has been fulfilled.',
  },
  1001: {
    name: 'Going Away',
    explanation: 'An endpoint is going away: the server is shutting down or restarting, or the client navigated away.',
  },
  1002: {
    name: 'Protocol Error',
    explanation: 'An endpoint terminated the connection because it received frames that break the WebSocket protocol.',
  },
  1003: {
    name: 'Unsupported Data',
    explanation:
      'An endpoint received a type of data it cannot accept (for example binary where only text is understood).',
  },
  1004: {
    name: 'Reserved',
    explanation: 'Reserved by RFC 6455; no meaning is defined and endpoints must not send it.',
  },
  1005: {
    name: 'No Status Received',
    explanation:
      'The close frame carried no status code. This code is never on the wire: it is what the library reports.',
  },
  1006: {
    name: 'Abnormal Closure',
    explanation:
      'The connection ended without a close frame (TCP reset, crash, network loss). This code is never on the wire.',
  },
  1007: {
    name: 'Invalid Frame Payload Data',
    explanation:
      'A message contained data inconsistent with its type, for example a text message that is not valid UTF-8.',
  },
  1008: {
    name: 'Policy Violation',
    explanation:
      'An endpoint received a message that violates its policy ' +
      '(a generic refusal, e.g. authentication or rate limits).',
  },
  1009: { name: 'Message Too Big', explanation: 'A message was too big for the receiving endpoint to process.' },
  1010: {
    name: 'Mandatory Extension',
    explanation: 'The client expected the server to negotiate an extension that it did not.',
  },
  1011: {
    name: 'Internal Error',
    explanation: 'The server hit an unexpected condition that prevented it from fulfilling the request.',
  },
  1012: {
    name: 'Service Restart',
    explanation: 'The service is restarting; reconnecting after a short delay should work.',
  },
  1013: { name: 'Try Again Later', explanation: 'The service is temporarily overloaded; reconnect later.' },
  1014: {
    name: 'Bad Gateway',
    explanation: 'A gateway or proxy received an invalid response from the upstream server.',
  },
  1015: {
    name: 'TLS Handshake',
    explanation:
      'The TLS handshake failed (for example the certificate could not be verified). This code is never on the wire.',
  },
  3000: {
    name: 'Unauthorized',
    explanation: 'The endpoint refused the connection because it is not authorised (IANA-registered application code).',
  },
  3003: {
    name: 'Forbidden',
    explanation: 'The endpoint is authenticated but not allowed to do this (IANA-registered application code).',
  },
  3008: {
    name: 'Timeout',
    explanation: 'The endpoint closed the connection after a timeout (IANA-registered application code).',
  },
};

/** The registry name of a close code ("Normal Closure"), or the range it belongs to. */
export function closeCodeName(code: number): string {
  const known = CLOSE_CODES[code];
  if (known) return known.name;
  if (code >= 1000 && code <= 2999) return 'Reserved for the WebSocket protocol';
  if (code >= 3000 && code <= 3999) return 'Library/framework code';
  if (code >= 4000 && code <= 4999) return 'Application code (private use)';
  return 'Invalid close code';
}

/** What a close code means, in one or two sentences. */
export function closeCodeExplanation(code: number): string {
  const known = CLOSE_CODES[code];
  if (known) return known.explanation;
  if (code >= 1000 && code <= 2999)
    return 'Codes 1000–2999 are reserved for the WebSocket protocol; this one has no defined meaning.';
  if (code >= 3000 && code <= 3999)
    return "Codes 3000–3999 are registered by libraries and frameworks; see the server's documentation.";
  if (code >= 4000 && code <= 4999)
    return "Codes 4000–4999 are for private use by applications; only the server's documentation says what it means.";
  return 'Valid close codes are 1000–4999 (RFC 6455 §7.4).';
}

/** "1000 Normal Closure". */
export function closeHeadline(code: number): string {
  return `${code} ${closeCodeName(code)}`;
}
