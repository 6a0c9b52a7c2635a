/**
 * What the panel says of an offline session read from a file (issue 10): "Imported from Chrome DevTools HAR",
 * from the importer's ImportedFrom (the format and the tool named in the file's `creator`). Pure (no vscode).
 */
import { ImportedSession, type ImportedFrom } from '../../core/exchange/importedSession';
import type { Session } from '../../core/session/session';
import type { SessionInfoDto } from '../../shared/dto';

/** Longest tool name taken from a file (it is the file's text). */
const MAX_CREATOR_CHARS = 60;

/** Tools by the `creator.name` their HARs carry. */
const TOOLS: ReadonlyArray<[prefix: string, tool: string]> = [
  ['WebInspector', 'Chrome DevTools'],
  ['Firefox', 'Firefox DevTools'],
  ['HTTP Toolkit', 'HTTP Toolkit'],
  ['mitmproxy', 'mitmproxy'],
  ['Realtime Inspector', 'Realtime Inspector'],
];

/** Where an imported session came from, when it is one. */
export function importedOf(session: Session): ImportedFrom | undefined {
  return session instanceof ImportedSession ? session.importedFrom : undefined;
}

/** "Imported from Chrome DevTools HAR", "Imported from Realtime Inspector JSON Lines", "Imported from a HAR file". */
export function importedFromLabel(from: ImportedFrom): string {
  if (from.format === 'jsonl') return 'Imported from Realtime Inspector JSON Lines';
  const creator = from.creator?.trim();
  if (!creator) return 'Imported from a HAR file';
  const known = TOOLS.find(([prefix]) => creator.startsWith(prefix));
  if (known) return `Imported from ${known[1]} HAR`;
  const name = creator.length > MAX_CREATOR_CHARS ? `${creator.slice(0, MAX_CREATOR_CHARS - 1)}…` : creator;
  return `Imported from a HAR file written by ${name}`;
}

/** Marks the header of an offline session: nothing to send, where it came from. */
export function markOffline(dto: SessionInfoDto, from: ImportedFrom): SessionInfoDto {
  dto.offline = true;
  dto.importedFrom = importedFromLabel(from);
  dto.sendKinds = [];
  return dto;
}
