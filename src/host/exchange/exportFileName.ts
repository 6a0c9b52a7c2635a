/** The name the export's save dialog proposes. Pure (no vscode), unit-tested. */
import { FORMAT_EXTENSIONS, type ExchangeFormat } from './exchangeCommandIds';

/**
 * `localhost-8080-2025-01-31T12-00-00.har`: the server's host and port and when the session started (UTC). Never
 * the URL's user name, password, path or query: the name may travel with the file.
 */
export function defaultExportName(url: string, startedAt: number, format: ExchangeFormat): string {
  let host = '';
  try {
    host = new URL(url).host;
  } catch {
    // An imported session's URL may be anything: the name does without it.
  }
  const time = new Date(startedAt);
  const stamp = Number.isNaN(time.getTime())
    ? ''
    : time
        .toISOString()
        .replace(/\.\d+Z$/, '')
        .replace(/:/g, '-');
  const parts = [host || 'session', stamp].filter((part) => part !== '').join('-');
  const safe = parts.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return `${safe || 'session'}.${FORMAT_EXTENSIONS[format]}`;
}
