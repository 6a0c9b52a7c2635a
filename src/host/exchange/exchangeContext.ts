/** What the export and import commands work with: the sessions, their panels, the log and our version. */
import type { SessionContext } from '../commands/pickSession';
import type { OutputLog } from '../outputLog';

export interface ExchangeContext extends SessionContext {
  log: OutputLog;
  /** The extension's version: a HAR's `log.creator.version`. */
  version: string;
}
