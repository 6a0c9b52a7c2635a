/** The usual `resolve` of runMessageBook: entries of one book, sent on one session. */
import type { SessionKind } from '../session/sendRequest';
import type { BookFiles } from './bookFiles';
import type { BookEntry } from './bookTypes';
import { entryToSendRequest, type EntryRequest } from './entryToSendRequest';
import type { BookValues } from './placeholders';

export function bookResolver(
  values: BookValues,
  sessionKind: SessionKind,
  files?: BookFiles,
): (entry: BookEntry) => Promise<EntryRequest> {
  return (entry) => entryToSendRequest(entry, values, sessionKind, files);
}
