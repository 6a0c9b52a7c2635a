/**
 * Canary secrets (issue #7, issue 10): a distinct secret for each credential slot, the WebSocket options that
 * carry them, and the search for every form a secret can leave in, so each canary test looks for the same forms.
 */

/** One secret per credential slot; each is found nowhere else, so any hit is a leak. */
export const CANARIES = {
  password: 'PwCanary-7f3a9c2e',
  query: 'QtCanary-5b8d1e4f',
  subprotocol: 'SpCanary-2c6e9a1b',
  authorization: 'AuCanary-9d4f2a7c',
  cookie: 'CkCanary-3e1b8f6d',
  sioAuth: 'SioCanary-4a7c1e9b',
};

export type CanarySlot = keyof typeof CANARIES;

/** The slots a WebSocket session carries: URL password, query token, subprotocol token, Authorization, Cookie. */
export const WEBSOCKET_SLOTS: CanarySlot[] = ['password', 'query', 'subprotocol', 'authorization', 'cookie'];

/** WebSocket options to `127.0.0.1:port` with a canary in each of the WEBSOCKET_SLOTS. */
export function webSocketCanaryOptions(port: number): {
  kind: 'websocket';
  url: string;
  subprotocols: string[];
  headers: Array<[string, string]>;
} {
  return {
    kind: 'websocket',
    url: `ws://alice:${CANARIES.password}@127.0.0.1:${port}/mirror?room=1&access_token=${CANARIES.query}`,
    subprotocols: ['chat', 'access_token', CANARIES.subprotocol],
    headers: [
      ['Authorization', `Bearer ${CANARIES.authorization}`],
      ['Cookie', `theme=dark; session=${CANARIES.cookie}`],
    ],
  };
}

/** Every form a secret can leave in: clear, base64 (padded, unpadded, URL-safe), URL-encoded, hex (both cases). */
export function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    encodeURIComponent(secret),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ];
}

/** Each form of each canary of `slots` found in `text`, as `slot: form`; empty when none leaked. */
export function leaksIn(text: string, slots: CanarySlot[]): string[] {
  const found: string[] = [];
  for (const slot of slots)
    for (const form of formsOf(CANARIES[slot])) if (text.includes(form)) found.push(`${slot}: ${form}`);
  return found;
}
