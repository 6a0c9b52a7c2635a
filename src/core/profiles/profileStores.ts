/**
 * The two places profiles live (issue 10): the workspace's `.vscode/realtime-inspector.json`, shareable in
 * git and written with a `$schema`, and the user's `profiles.json` in the extension's global storage. Both
 * are a ProfileStore over injected I/O; the host binds the I/O to `vscode.workspace.fs`.
 */
import { PROFILE_SCHEMA_URL, USER_PROFILE_FILE } from './profileModel';
import { ProfileStore, type ProfileFileIo, type ProfileStoreOptions } from './profileStore';

/** The workspace's profile file; `io` reads and writes `.vscode/realtime-inspector.json`. */
export class WorkspaceProfileFile extends ProfileStore {
  constructor(io: ProfileFileIo, options: ProfileStoreOptions = {}) {
    super('workspace', io, { schemaUrl: PROFILE_SCHEMA_URL, ...options });
  }
}

/** Reads and writes files by name inside one folder (the extension's global storage). */
export interface FolderIo {
  readFile(name: string): Promise<string | undefined>;
  writeFile(name: string, text: string): Promise<void>;
}

/** The user's own profiles: `profiles.json` in the folder `folder` reads and writes. */
export class UserProfileStore extends ProfileStore {
  constructor(folder: FolderIo, options: ProfileStoreOptions = {}) {
    const io: ProfileFileIo = {
      readFile: () => folder.readFile(USER_PROFILE_FILE),
      writeFile: (text) => folder.writeFile(USER_PROFILE_FILE, text),
    };
    super('user', io, options);
  }
}
