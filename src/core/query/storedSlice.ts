/**
 * A slice of a regular-expression search read from the log's records as stored (issue #9): an event whose search
 * text is its text payload goes to the worker as the payload's stored bytes, checked on the host's thread by its
 * fields only; any other event is read as its search view and goes the way of every record. So the host builds no
 * string per event for the common case, and the worker decodes what it matches.
 */
import type { EventLog } from '../events/eventLog';
import type { LogEvent } from '../events/logEvent';
import type { SearchScanVisitor, StoredSearchFields } from '../events/store/searchFields';
import { PREVIEW_FROM_META } from '../view/eventPreview';
import { matchesFields, matchesQuery, searchNeedsMeta, searchRecordOf, type CompiledQuery } from './eventQuery';
import { SearchBatchBuilder, type PackedRecords } from './searchBatch';

/** A log that can be scanned this way (SpillingEventLog). */
export interface StoredScanLog extends EventLog {
  scanForSearch(fromSeq: number, limit: number, needsMeta: typeof searchNeedsMeta, visitor: SearchScanVisitor): number;
}

export function canScanStored(log: EventLog): log is StoredScanLog {
  return typeof (log as Partial<StoredScanLog>).scanForSearch === 'function';
}

/**
 * Whether a query can be matched on stored text: a regular expression, and nothing else that needs an event's
 * decoded text (the plain-text filter) or its meta (Socket.IO event name or namespace).
 */
export function storedScanFits(compiled: CompiledQuery): boolean {
  const q = compiled.query;
  return compiled.pattern !== undefined && compiled.textLower === undefined && !q.sioEvent && !q.namespace;
}

/**
 * Events [fromSeq, fromSeq + limit) that pass the fields and the plain text, as a batch for the worker, stopping
 * early past `maxTextBytes`; undefined when none was read.
 */
export function readStoredSlice(
  log: StoredScanLog,
  fromSeq: number,
  limit: number,
  onThread: CompiledQuery,
  maxTextBytes: number,
): { batch: PackedRecords; lastSeq: number } | undefined {
  const batch = new SearchBatchBuilder();
  const visitor: SearchScanVisitor = {
    restart: () => batch.clear(),
    needsTime: onThread.query.timeFrom !== undefined || onThread.query.timeTo !== undefined,
    get full() {
      return batch.textBytes >= maxTextBytes;
    },
    stored: (fields: Readonly<StoredSearchFields>, bytes: Buffer): boolean => {
      // The preview of these types is made from their meta: their search text is more than the payload.
      if (PREVIEW_FROM_META.has(fields.type)) return false;
      if (matchesFields(onThread.query, fields))
        batch.addStoredText(fields, bytes, fields.textStart, fields.textEnd, fields.textUtf16);
      return true;
    },
    view: (event: LogEvent) => {
      const record = searchRecordOf(event);
      if (matchesQuery(record, onThread)) batch.addRecord(record);
    },
  };
  const lastSeq = log.scanForSearch(fromSeq, limit, searchNeedsMeta, visitor);
  return lastSeq < fromSeq ? undefined : { batch: batch.build(), lastSeq };
}
