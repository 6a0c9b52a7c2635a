/**
 * Checks a 101 answer says what RFC 6455 §4.2.2 (and §4.1, step 5 of the client's checks) requires:
 * `Upgrade: websocket` and `Connection: Upgrade`. Node treats a 101 without both as a plain response,
 * and `ws` names only "Invalid Upgrade header"; this says what is missing or wrong in plain words.
 */
import { ErrorCode } from '../errors';
import type { ErrorMeta, Header } from '../events/logEvent';

const HINT =
  'Something answered the upgrade without switching to WebSocket: a proxy that does not pass WebSocket ' +
  'upgrades, or a server speaking another protocol at this URL.';

/** The fault of a 101 response, or undefined when it switches to WebSocket as it should. */
export function switchingProtocolsFault(headers: Header[]): ErrorMeta | undefined {
  const upgrade = joinedValues(headers, 'upgrade');
  const connection = joinedValues(headers, 'connection');
  const problems: string[] = [];
  // §4.1: the Upgrade value is compared case-insensitively with "websocket".
  if (upgrade === undefined) problems.push('no Upgrade header');
  else if (upgrade.trim().toLowerCase() !== 'websocket')
    problems.push(`Upgrade: ${upgrade} where Upgrade: websocket was expected`);
  // §4.1: Connection is a token list that must contain "Upgrade" (case-insensitive).
  if (!connection?.split(',').some((token) => token.trim().toLowerCase() === 'upgrade')) {
    problems.push(
      connection === undefined
        ? 'no Connection: Upgrade header'
        : `no Connection: Upgrade (it said Connection: ${connection})`,
    );
  }
  if (!problems.length) return undefined;
  return {
    code: ErrorCode.UnexpectedResponse,
    message:
      `The server answered 101 Switching Protocols with ${problems.join(' and ')}: it did not switch to ` +
      `WebSocket.`,
    hint: HINT,
  };
}

/** All values of a header, joined as one list (RFC 9110 §5.3), or undefined when absent. */
function joinedValues(headers: Header[], name: string): string | undefined {
  const values = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
  return values.length ? values.join(', ') : undefined;
}
