/**
 * Looking for a secret where it must not be (issue #7, issue 10): the forms a value takes on the wire and in
 * storage, and the extension's log files (the output channel writes one of them).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A secret in clear, base64 (unpadded), URL-encoded and hex. */
export function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [secret, bytes.toString('base64').replace(/=+$/, ''), encodeURIComponent(secret), bytes.toString('hex')];
}

/** The first form of any of `secrets` found in `text`, as `slot as form`; undefined when there is none. */
export function leakIn(text: string, secrets: Record<string, string>): string | undefined {
  for (const [slot, secret] of Object.entries(secrets))
    for (const form of formsOf(secret)) if (text.includes(form)) return `${slot} as ${form}`;
  return undefined;
}

/** Every *.log file under `folder` (a few levels deep). */
export async function logFiles(folder: string, depth = 3): Promise<string[]> {
  const found: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = join(folder, entry);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() && depth > 0) found.push(...(await logFiles(path, depth - 1)));
    else if (info?.isFile() && entry.endsWith('.log')) found.push(path);
  }
  return found;
}

/** The text of every log file under `folder`, joined. */
export async function logText(folder: string): Promise<string> {
  const files = await logFiles(folder);
  return (await Promise.all(files.map((f) => readFile(f, 'utf8').catch(() => '')))).join('\n');
}
