/**
 * Serves `realtime-inspector:/schemas/realtime-inspector.schema.json` (PROFILE_SCHEMA_URL, the `$schema` of a
 * new profile file): a `$schema` in a file wins over the `jsonValidation` contribution, so the extension
 * answers for its own URI with the schema it ships. Only files under schemas/ are served.
 */
import * as vscode from 'vscode';
import { PROFILE_SCHEMA_URL } from '../../core/profiles/profileModel';

/** The URI scheme of PROFILE_SCHEMA_URL. */
export const SCHEMA_SCHEME = vscode.Uri.parse(PROFILE_SCHEMA_URL).scheme;

/** Registers the provider of the `realtime-inspector:` scheme. */
export function registerProfileSchemaProvider(extensionUri: vscode.Uri): vscode.Disposable {
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const file = schemaFile(uri.path);
      if (!file) return '{}';
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'schemas', file));
      return new TextDecoder().decode(bytes);
    },
  };
  return vscode.workspace.registerTextDocumentContentProvider(SCHEMA_SCHEME, provider);
}

/** `/schemas/<name>.schema.json` → `<name>.schema.json`; anything else (another folder, `..`) → undefined. */
function schemaFile(path: string): string | undefined {
  return /^\/schemas\/([a-z0-9-]+\.schema\.json)$/.exec(path)?.[1];
}
