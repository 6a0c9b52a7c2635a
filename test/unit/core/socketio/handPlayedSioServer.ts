/**
 * A Socket.IO server played by hand over Engine.IO v4 long-polling, on the scripted fixture server:
 * each long-poll answers the next queued body at once; with nothing queued it is held briefly and
 * answered with a noop, so the session keeps polling. Tests queue bodies up front or later.
 */
import { startScriptedServer, hold, text, type ScriptedServer } from '../../../fixtures/servers/scriptedEngineIoServer';
import type { Session } from '../../../../src/core/session/session';
import { newSession } from '../../support/sessions';

/** Engine.IO v4 polling joins records with the record separator. */
export const RS = '\x1e';

export interface HandPlayedSio {
  session: Session;
  server: ScriptedServer;
  /** Bodies the next long-polls answer, in order. */
  queue: string[];
  /** Stops the session and the server. */
  stop(): Promise<void>;
}

/** Starts the server with `bodies` queued and a polling-only Socket.IO v5 session against it. */
export async function startHandPlayedSio(
  bodies: string[],
  options: Record<string, unknown> = {},
): Promise<HandPlayedSio> {
  const queue = [...bodies];
  const server = await startScriptedServer({
    poll: (c) => {
      const body = queue.shift();
      if (body !== undefined) c.server.later(1, () => text(c.res, body));
      else hold(c, 50);
    },
  });
  const session = newSession({
    kind: 'socketio',
    url: server.url,
    transports: 'polling-only',
    protocolVersion: 4,
    ...options,
  });
  await session.start();
  return {
    session,
    server,
    queue,
    stop: async () => {
      session.dispose();
      await server.close();
    },
  };
}

/** A binary Engine.IO record (`b<base64>`) carrying `bytes`, as polling sends it. */
export function binaryRecord(bytes: Uint8Array): string {
  return `b${Buffer.from(bytes).toString('base64')}`;
}
