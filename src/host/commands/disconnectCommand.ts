/**
 * `realtimeInspector.disconnect [sessionId]`: closes a session normally (1000), or aborts its
 * handshake. Returns the id of the session it closed, or undefined.
 */
import * as vscode from 'vscode';
import { isLive, resolveSession, type SessionContext } from './pickSession';

export const DISCONNECT_COMMAND = 'realtimeInspector.disconnect';

export function registerDisconnectCommand(ctx: SessionContext): vscode.Disposable {
  return vscode.commands.registerCommand(
    DISCONNECT_COMMAND,
    async (sessionId?: unknown): Promise<string | undefined> => {
      const session = await resolveSession(ctx, sessionId, 'Session to disconnect', isLive);
      if (!session) return undefined;
      await session.close();
      return session.id;
    },
  );
}
