/**
 * The start of a HAR file up to its entries: version 1.2, the creator, one page for the session (Chrome's
 * importer groups entries by page), and our own `_realtimeInspector` facts (kind, URL, protocol, times) that
 * our importer reads back — all redacted with the export's redactor.
 */
import { NO_REDACTION, type Redactor } from '../redaction/secretRedactor';
import type { SessionInfo } from '../session/session';
import { redactRecord } from './eventRedaction';
import { PAGE_ID } from './harExchangeEntry';
import { isoTime } from './harTimings';
import type { HarLog, HarPage, HarSessionFacts } from './harTypes';

export const HAR_FACTS_FORMAT = 'realtime-inspector-har';
export const HAR_FACTS_VERSION = 1;

/** `{"log":{…,"entries":[` — the entries and `]}}` follow. */
export function harLogHead(
  info: Readonly<SessionInfo>,
  redactor: Redactor,
  sanitized: boolean,
  creator = { name: 'Realtime Inspector', version: 'dev' },
): string {
  const session = redactor === NO_REDACTION ? { ...info } : redactRecord({ ...info }, redactor);
  const page: HarPage = {
    startedDateTime: isoTime(info.startedAt),
    id: PAGE_ID,
    title: session.url,
    pageTimings: { onContentLoad: -1, onLoad: -1 },
  };
  const facts: HarSessionFacts = { format: HAR_FACTS_FORMAT, version: HAR_FACTS_VERSION, sanitized, session };
  const log: Omit<HarLog, 'entries'> = { version: '1.2', creator, pages: [page], _realtimeInspector: facts };
  return `{"log":${JSON.stringify(log).slice(0, -1)},"entries":[`;
}
