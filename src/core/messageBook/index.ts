/**
 * Message books (`.rimessages`, FORMAT.md), Send All and replay: the core the host's CodeLens, diagnostics,
 * Send, Send All, Save to message book and Replay commands call. Pure Node, no vscode.
 */
export type {
  BookDiagnostic,
  BookEntry,
  BookVariable,
  DiagnosticSeverity,
  EntryFields,
  EntryKind,
  HostPlaceholder,
  LineRange,
  MessageBook,
  TextRange,
  WaitPattern,
} from './bookTypes';
export { isMessageKind } from './bookTypes';
export * from './bookLimits';
export { BookErrorCode, describeEntry } from './bookErrors';
export type { BookFiles } from './bookFiles';
export { parseMessageBook } from './parseMessageBook';
export { bookValues } from './bookVariables';
export type { BookValues } from './placeholders';
export { entryRefusal, entryToSendRequest, type EntryRequest } from './entryToSendRequest';
export { bookResolver } from './bookResolver';
export { serializeEntry, type SerializedEntry } from './serializeEntry';
export type { ProgressListener, RunSummary, SequenceSession, StepState } from './sequenceTypes';
export { runMessageBook, type RunBookOptions } from './runMessageBook';
export { replayRange, type ReplayOptions, type ReplaySummary } from './replayRange';
export { planReplay, replayableEvents, replayRequest } from './replayPlan';
