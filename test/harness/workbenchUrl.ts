/**
 * URLs that open code-server's workbench on a folder with development extensions and tests, the
 * browser equivalent of `code --extensionDevelopmentPath=… --extensionTestsPath=… <folder>`.
 */
import * as path from 'node:path';

/** A [key, value] pair the web workbench reads from its `payload` query parameter. */
export type PayloadEntry = [key: string, value: string];

/**
 * `vscode-remote://HOST:PORT/abs/path` for a path on the server machine. The remote authority must be
 * the host:port the page was loaded from: mixing `localhost` and `127.0.0.1` breaks the resolver.
 */
export function remoteUri(serverUrl: string, fsPath: string): string {
  const { host } = new URL(serverUrl);
  return `vscode-remote://${host}${path.resolve(fsPath).split('/').map(encodeURIComponent).join('/')}`;
}

export interface WorkbenchTarget {
  /** Folder to open (absolute path on the server machine). */
  folder?: string;
  /** Or a `.code-workspace` file. Neither: an empty window. */
  workspace?: string;
  /** extensionDevelopmentPath (repeatable), extensionTestsPath, skipWelcome, logLevel, … */
  payload?: PayloadEntry[];
}

/** `http://127.0.0.1:PORT/?folder=…&payload=…` */
export function workbenchUrl(serverUrl: string, target: WorkbenchTarget): string {
  const { origin } = new URL(serverUrl);
  let query = target.folder
    ? `folder=${encodeURIComponent(path.resolve(target.folder))}`
    : target.workspace
      ? `workspace=${encodeURIComponent(path.resolve(target.workspace))}`
      : 'ew=true';
  if (target.payload?.length) query += `&payload=${encodeURIComponent(JSON.stringify(target.payload))}`;
  return `${origin}/?${query}`;
}

/** Payload that loads extensions from source folders (no install) and skips first-run pages. */
export function developmentPayload(serverUrl: string, extensionDevelopmentPaths: readonly string[]): PayloadEntry[] {
  return [
    ...extensionDevelopmentPaths.map((p): PayloadEntry => ['extensionDevelopmentPath', remoteUri(serverUrl, p)]),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
}
