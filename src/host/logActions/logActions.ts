/**
 * The handler of the panels' row actions (SessionLauncher.setLogActions): Edit and send, Save to message book
 * and Replay range…, each answering at once and going on in VS Code's own prompts.
 */
import type { BookTarget } from '../messageBooks/bookTarget';
import type { OutputLog } from '../outputLog';
import type { LogActionHandler } from '../panel/panelLogActions';
import { editAndSend } from './editAndSend';
import { replayRangeAction } from './replayRangeAction';
import { saveToBook } from './saveToBook';

export function createLogActions(deps: { target: BookTarget; log: OutputLog }): LogActionHandler {
  return (session, message) => {
    switch (message.type) {
      case 'events/editAndSend':
        return editAndSend(session, message.requestId, message.seq, deps);
      case 'events/saveToBook':
        return saveToBook(session, message.requestId, message.seq, deps.log);
      case 'events/replayRange':
        return replayRangeAction(session, message, deps.log);
    }
  };
}
