/** The commands of message books (package.json contributes the ones the palette shows). */
export const BOOK_COMMANDS = {
  /** `[bookUri], [entryIndex], [sessionId]`: one entry (without arguments: the entry at the cursor). */
  send: 'realtimeInspector.book.send',
  /** `[bookUri], [sessionId]`: every entry in order, with a cancellable progress notification. */
  sendAll: 'realtimeInspector.book.sendAll',
  /** `[bookUri]`: which session the book sends to. */
  chooseSession: 'realtimeInspector.book.chooseSession',
  connect: 'realtimeInspector.connect',
} as const;
