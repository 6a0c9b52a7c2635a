/**
 * The two profile stores of issue 10 bound to VS Code's file system: the workspace's
 * `.vscode/realtime-inspector.json` (first workspace folder) and the user's `profiles.json` in the extension's
 * global storage. Each file is watched, so an edit in the editor, in git or on disk refreshes the view; a
 * change of workspace folders rebinds the workspace store. Both new files get the `$schema` the extension
 * serves (profileSchemaProvider.ts), so the editor completes and checks them.
 */
import * as vscode from 'vscode';
import { DisposableStore } from '../../core/disposable';
import {
  PROFILE_SCHEMA_URL,
  USER_PROFILE_FILE,
  WORKSPACE_PROFILE_FILE,
  type Profile,
  type ProfileFileSnapshot,
  type ProfileScope,
} from '../../core/profiles/profileModel';
import { newProfileFileText } from '../../core/profiles/profileFileEditor';
import type { ProfileFileIo, ProfileStore } from '../../core/profiles/profileStore';
import { UserProfileStore, WorkspaceProfileFile } from '../../core/profiles/profileStores';
import { describeThrown, type OutputLog } from '../outputLog';
import type { ProfileRef } from '../sessionOrigin';

/** The profile stores of this window, kept in sync with their files. */
export class ProfileFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProfileScope>();
  private readonly store = new DisposableStore();
  private workspaceBinding = new DisposableStore();
  private readonly user: UserProfileStore;
  private readonly userUri: vscode.Uri;
  private workspace: { store: WorkspaceProfileFile; uri: vscode.Uri } | undefined;

  /** Fired after a store's snapshot changed (an edit here or in its file). */
  readonly onDidChange = this.changed.event;

  constructor(
    globalStorageUri: vscode.Uri,
    private readonly log: OutputLog,
  ) {
    this.userUri = vscode.Uri.joinPath(globalStorageUri, USER_PROFILE_FILE);
    this.user = new UserProfileStore(
      {
        readFile: (name) => readText(vscode.Uri.joinPath(globalStorageUri, name)),
        writeFile: (name, text) => writeText(vscode.Uri.joinPath(globalStorageUri, name), text),
      },
      { schemaUrl: PROFILE_SCHEMA_URL },
    );
    this.store.add(this.user.onDidChange(() => this.changed.fire('user')));
    this.store.add(this.user);
    this.store.add(
      watchFile(new vscode.RelativePattern(globalStorageUri, USER_PROFILE_FILE), () => this.reload('user')),
    );
    this.store.add(vscode.workspace.onDidChangeWorkspaceFolders(() => this.bindWorkspace()));
    this.store.add(
      vscode.workspace.onDidSaveTextDocument((doc) => {
        for (const scope of ['workspace', 'user'] as const)
          if (doc.uri.toString() === this.fileUri(scope)?.toString()) this.reload(scope);
      }),
    );
    this.bindWorkspace();
  }

  /** The store of a scope; the workspace's is undefined when no folder is open. */
  storeOf(scope: ProfileScope): ProfileStore | undefined {
    return scope === 'user' ? this.user : this.workspace?.store;
  }

  /** The file of a scope (it may not exist yet). */
  fileUri(scope: ProfileScope): vscode.Uri | undefined {
    return scope === 'user' ? this.userUri : this.workspace?.uri;
  }

  snapshot(scope: ProfileScope): ProfileFileSnapshot | undefined {
    return this.storeOf(scope)?.snapshot;
  }

  find(ref: ProfileRef): Profile | undefined {
    return this.snapshot(ref.scope)?.profiles.find((p) => p.id === ref.id);
  }

  /** Creates the scope's file (empty: `$schema`, version, no profiles) when it does not exist yet. */
  async ensureFile(scope: ProfileScope): Promise<vscode.Uri | undefined> {
    const uri = this.fileUri(scope);
    if (!uri) return undefined;
    if ((await readText(uri)) === undefined) await writeText(uri, newProfileFileText(PROFILE_SCHEMA_URL));
    await this.load(scope);
    return uri;
  }

  /** Reads both files again. */
  async loadAll(): Promise<void> {
    await Promise.all([this.load('user'), this.load('workspace')]);
  }

  dispose(): void {
    this.workspaceBinding.dispose();
    this.store.dispose();
    this.changed.dispose();
  }

  private reload(scope: ProfileScope): void {
    void this.load(scope);
  }

  private async load(scope: ProfileScope): Promise<void> {
    try {
      await this.storeOf(scope)?.load();
    } catch (error) {
      this.log.warn(`Reading the ${scope} profile file failed: ${describeThrown(error)}`);
    }
  }

  /** (Re)binds the workspace store to the first workspace folder's file. */
  private bindWorkspace(): void {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (folder && this.workspace && folder.toString() === this.workspace.uri.toString()) return;
    this.workspaceBinding.dispose();
    this.workspaceBinding = new DisposableStore();
    this.workspace = undefined;
    if (folder) {
      const uri = vscode.Uri.joinPath(folder, WORKSPACE_PROFILE_FILE);
      const io: ProfileFileIo = { readFile: () => readText(uri), writeFile: (text) => writeText(uri, text) };
      const store = this.workspaceBinding.add(new WorkspaceProfileFile(io));
      this.workspace = { store, uri };
      this.workspaceBinding.add(store.onDidChange(() => this.changed.fire('workspace')));
      this.workspaceBinding.add(
        watchFile(new vscode.RelativePattern(folder, WORKSPACE_PROFILE_FILE), () => this.reload('workspace')),
      );
    }
    this.changed.fire('workspace');
    this.reload('workspace');
  }
}

/** A watcher of one file: created, changed and deleted all mean "read it again". */
function watchFile(pattern: vscode.RelativePattern, onChange: () => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(pattern);
  const store = new DisposableStore();
  store.add(watcher.onDidCreate(onChange));
  store.add(watcher.onDidChange(onChange));
  store.add(watcher.onDidDelete(onChange));
  store.add(watcher);
  return store;
}

/** A file's text; undefined when it does not exist. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
