/**
 * Plain words for the ways an Engine.IO handshake fails: the server's JSON error codes, and version
 * mismatches between a v3 (Socket.IO 2) and a v4 (Socket.IO 3+) peer — what happened, what to change.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta } from '../events/logEvent';

/** A v3 polling payload starts with a length prefix before the open packet: `96:0{"sid":…`. */
export function looksLikeV3Payload(body: string): boolean {
  return /^\d+:0\{/.test(body);
}

/** Engine.IO server error codes (HTTP 400/403 with `{"code":n,"message":"…"}`). */
const SERVER_ERRORS: Record<number, string> = {
  0: 'the server does not know this transport',
  1:
    'the server does not know this session id ' +
    '(it expired, or another server instance answered: check sticky sessions)',
  2: 'the handshake must be a GET',
  3: 'the request was malformed (for example a second GET while one was pending)',
  4: 'the server refused the connection (its allowRequest or CORS policy)',
  5: 'the server does not support this Engine.IO protocol version',
};

/** engine.io's error messages by code: what it writes as plain text when it refuses a WebSocket upgrade. */
const KNOWN_MESSAGES = [
  'Transport unknown',
  'Session ID unknown',
  'Bad handshake method',
  'Bad request',
  'Forbidden',
  'Unsupported protocol version',
];

export function explainHandshakeFailure(status: number, body: string, version: 3 | 4, handshake: boolean): ErrorMeta {
  let code: number | undefined;
  let message: string | undefined;
  try {
    const parsed = JSON.parse(body) as { code?: unknown; message?: unknown };
    if (typeof parsed.code === 'number') code = parsed.code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: a proxy page, a framework 404… or engine.io's plain-text refusal of a WebSocket upgrade.
    const known = KNOWN_MESSAGES.findIndex((m) => body.trim() === m);
    if (known >= 0) {
      code = known;
      message = KNOWN_MESSAGES[known];
    }
  }
  const what = code !== undefined && SERVER_ERRORS[code] ? SERVER_ERRORS[code] : undefined;
  const serverSays = message ? ` The server says: "${message}"${code !== undefined ? ` (code ${code})` : ''}.` : '';
  let hint: string | undefined;
  if (code === 5 && version === 3)
    hint = 'This server only speaks Engine.IO v4 (Socket.IO 3 or newer): choose protocol v4 or "auto".';
  else if (code === 5)
    hint = 'This server only speaks another Engine.IO version: choose protocol v3 for Socket.IO 2 servers, or "auto".';
  else if (code === 1)
    hint = 'Behind a load balancer every request of a session must reach the same instance (sticky sessions).';
  else if (status === 404)
    hint =
      'Nothing is served at this path: Socket.IO listens on /socket.io/ by default, plain Engine.IO on /engine.io/.';
  else if (status === 403 || code === 4)
    hint = 'Add the headers, cookies or query the server expects, or check its CORS/allowRequest settings.';
  return {
    code: ErrorCode.ServerRefused,
    message:
      `The server answered ${status} to the ${handshake ? 'handshake' : 'polling request'}` +
      `${what ? `: ${what}` : ''}.${serverSays}`,
    hint,
  };
}
