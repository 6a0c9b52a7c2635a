/**
 * How a book's `binary file <path>` entries reach files: through `vscode.workspace.fs` (local, remote and
 * virtual workspaces alike), relative to the book's folder, inside the book's workspace folder (or the book's
 * own folder when it lies outside any). Core checks the path and the size cap (bookFiles.ts). An untitled
 * book has no folder: it reads no files.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BookFiles } from '../../core/messageBook';

/** The file access of the book `document`, or undefined when it has none. */
export function bookFilesFor(document: vscode.TextDocument): BookFiles | undefined {
  const uri = document.uri;
  if (uri.scheme === 'untitled') return undefined;
  const local = uri.scheme === 'file';
  const bookPath = local ? uri.fsPath : uri.path;
  const folder = local ? path.dirname(bookPath) : path.posix.dirname(bookPath);
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(uri);
  const root = workspaceFolder && (local ? workspaceFolder.uri.fsPath : workspaceFolder.uri.path);
  const toUri = (absolute: string): vscode.Uri => (local ? vscode.Uri.file(absolute) : uri.with({ path: absolute }));
  return {
    folder,
    ...(root !== undefined && { root }),
    readFile: async (absolute) => vscode.workspace.fs.readFile(toUri(absolute)),
    fileSize: async (absolute) => (await vscode.workspace.fs.stat(toUri(absolute))).size,
  };
}
