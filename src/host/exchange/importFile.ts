/**
 * Reads a file into an offline session (issue 10): which format it is (our JSON Lines header, else the name, else
 * HAR), a read stream into core's importer, progress by bytes read and entries played. No vscode: the command
 * adds the dialog, the notification and the panel.
 */
import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ExchangeError, ExchangeErrorCode } from '../../core/exchange/exchangeErrors';
import { importHar } from '../../core/exchange/harImport';
import type { ImportOptions, ImportResult } from '../../core/exchange/importOptions';
import { JSONL_FORMAT } from '../../core/exchange/jsonlFormat';
import { importJsonl } from '../../core/exchange/jsonlImport';
import type { ExchangeFormat } from './exchangeCommandIds';

/** Bytes looked at to recognise our JSON Lines header. */
const SNIFF_BYTES = 256;

/** How far an import is: the file's bytes read, and a HAR's entries played once it is read. */
export interface FileImportProgress {
  read: number;
  size: number;
  entries?: { done: number; total?: number };
}

export interface FileImportOptions extends Omit<ImportOptions, 'onProgress'> {
  onProgress?(progress: FileImportProgress): void;
}

/** How far, 0…1: JSON Lines by bytes read; a HAR half by bytes read, half by entries played. */
export function importFraction(progress: FileImportProgress): number {
  const read = progress.size > 0 ? Math.min(1, progress.read / progress.size) : 1;
  const entries = progress.entries;
  if (entries === undefined) return read;
  const played = entries.total ? Math.min(1, entries.done / entries.total) : 0;
  return 0.5 + played / 2;
}

/** The format of a file: JSON Lines when it starts with our header or is named `.jsonl`, else HAR. */
export function formatOf(fileName: string, head: string): ExchangeFormat {
  const header = new RegExp(`^\\uFEFF?\\s*\\{\\s*"format"\\s*:\\s*"${JSONL_FORMAT}"`);
  if (header.test(head)) return 'jsonl';
  return path.extname(fileName).toLowerCase() === '.jsonl' ? 'jsonl' : 'har';
}

/** Imports `file`. Resolves with the session or the error; never rejects. */
export async function importFile(file: string, options: FileImportOptions): Promise<ImportResult> {
  let size: number;
  let head: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return unreadable('It is not a file.');
    size = stat.size;
    head = await readHead(file);
  } catch (error) {
    return unreadable(`It could not be opened${systemCode(error)}.`);
  }
  const format = formatOf(file, head);
  const stream = createReadStream(file);
  const progress: FileImportProgress = { read: 0, size };
  const report = (): void => options.onProgress?.({ ...progress });
  const counted = countBytes(stream, (bytes) => {
    progress.read += bytes;
    report();
  });
  const importOptions: ImportOptions = {
    ...options,
    onProgress: (entries) => {
      if (format === 'har') progress.entries = entries;
      report();
    },
  };
  try {
    return format === 'jsonl' ? await importJsonl(counted, importOptions) : await importHar(counted, importOptions);
  } finally {
    stream.destroy();
  }
}

/** The chunks of `source`, each counted as it passes. */
async function* countBytes(source: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    onBytes(chunk.byteLength);
    yield chunk;
  }
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function unreadable(why: string): ImportResult {
  return { ok: false, error: new ExchangeError(ExchangeErrorCode.ImportUnreadable, `The file cannot be read: ${why}`) };
}

/** ` (ENOENT)`: the system's code, never its message (which repeats the path). */
function systemCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,20}$/.test(code) ? ` (${code})` : '';
}
