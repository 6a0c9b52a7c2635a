/**
 * The row actions' requests to the host (`events/editAndSend`, `events/saveToBook`, `events/replayRange`),
 * each settled as an ActionOutcome: the host's answer, or the reason the request failed.
 */
import type { ActionOutcome, RowActionsDeps } from './rowActions';
import type { RpcClient } from './rpc';

export function rowActionRequests(rpc: Pick<RpcClient, 'request'>, errorText: (e: unknown) => string): RowActionsDeps {
  const settle = async (reply: Promise<{ ok: boolean; message: string }>): Promise<ActionOutcome> => {
    try {
      const { ok, message } = await reply;
      return { ok, message };
    } catch (error) {
      return { ok: false, message: errorText(error) };
    }
  };
  return {
    editAndSend: (seq) => settle(rpc.request('events/editAndSend', { seq })),
    saveToBook: (seq) => settle(rpc.request('events/saveToBook', { seq })),
    replayRange: (from, to) => settle(rpc.request('events/replayRange', { from, to })),
  };
}
