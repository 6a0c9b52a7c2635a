/**
 * The profile commands that act on a profile or a file directly (issue 10): Edit in JSON, Duplicate, Delete
 * (after a confirmation), Copy URL (credentials masked, nothing resolved), Refresh, Open Workspace Profiles
 * File, and the "Open file" entry of a file with issues.
 */
import * as vscode from 'vscode';
import type { ProfileScope } from '../../core/profiles/profileModel';
import { pickProfile } from './pickProfile';
import type { ProfileCommandDeps } from './profileCommands';
import { PROFILE_COMMANDS } from './profileCommands';
import { openProfileFile, reportStoreError } from './profileNotices';
import { OPEN_ISSUES_COMMAND } from './profileTree';
import { maskedProfileUrl } from './profileTreeModel';
import { deleteQuestion } from './profileWords';

/** Registers the commands of this file. */
export function registerProfileItemCommands(deps: ProfileCommandDeps): vscode.Disposable {
  const { files } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(PROFILE_COMMANDS.editJson, async (arg?: unknown) => {
      const picked = await pickProfile(files, arg, 'Profile to edit in JSON');
      const index = picked && files.snapshot(picked.ref.scope)?.indexById.get(picked.ref.id);
      if (picked)
        await openProfileFile(
          files,
          picked.ref.scope,
          index === undefined ? undefined : { path: `profiles[${index}]` },
        );
    }),
    vscode.commands.registerCommand(PROFILE_COMMANDS.duplicate, async (arg?: unknown) => {
      const picked = await pickProfile(files, arg, 'Profile to duplicate');
      if (picked) return storeCall(deps, picked.ref.scope, (store) => store.duplicate(picked.ref.id));
      return undefined;
    }),
    vscode.commands.registerCommand(PROFILE_COMMANDS.delete, (arg?: unknown) => deleteProfile(deps, arg)),
    vscode.commands.registerCommand(PROFILE_COMMANDS.copyUrl, async (arg?: unknown) => {
      const picked = await pickProfile(files, arg, 'Profile whose URL to copy');
      if (!picked) return undefined;
      const url = maskedProfileUrl(picked.profile.connection.url);
      await vscode.env.clipboard.writeText(url);
      vscode.window.setStatusBarMessage('Realtime Inspector: URL copied (credentials masked)', 3000);
      return url;
    }),
    vscode.commands.registerCommand(PROFILE_COMMANDS.refresh, async () => {
      await files.loadAll();
      deps.tree.refresh();
    }),
    vscode.commands.registerCommand(PROFILE_COMMANDS.openWorkspaceFile, async () => {
      if (!files.storeOf('workspace')) return openProfileFile(files, 'workspace');
      await files.ensureFile('workspace');
      return openProfileFile(files, 'workspace');
    }),
    vscode.commands.registerCommand(OPEN_ISSUES_COMMAND, (arg?: unknown) => {
      const scope = scopeOf(arg);
      const first = scope && files.snapshot(scope)?.issues.find((i) => i.range);
      if (scope) void openProfileFile(files, scope, first?.range ? { range: first.range } : undefined);
    }),
  );
}

async function deleteProfile(deps: ProfileCommandDeps, arg: unknown): Promise<boolean> {
  const picked = await pickProfile(deps.files, arg, 'Profile to delete');
  if (!picked) return false;
  const question = deleteQuestion(picked.profile.name, picked.ref.scope);
  const choice = await vscode.window.showWarningMessage(question, { modal: true }, 'Delete');
  if (choice !== 'Delete') return false;
  const done = await storeCall(deps, picked.ref.scope, async (store) => {
    await store.delete(picked.ref.id);
    return true;
  });
  return done === true;
}

type Store = NonNullable<ReturnType<ProfileCommandDeps['files']['storeOf']>>;

/** Runs a store operation; a failure is reported (pointing at the file's problem) and gives undefined. */
async function storeCall<T>(
  deps: ProfileCommandDeps,
  scope: ProfileScope,
  operation: (store: Store) => Promise<T>,
): Promise<T | undefined> {
  const store = deps.files.storeOf(scope);
  if (!store) return undefined;
  try {
    return await operation(store);
  } catch (error) {
    reportStoreError(deps.files, scope, error, deps.log);
    return undefined;
  }
}

function scopeOf(arg: unknown): ProfileScope | undefined {
  const scope = typeof arg === 'object' && arg !== null ? (arg as { scope?: unknown }).scope : arg;
  return scope === 'workspace' || scope === 'user' ? scope : undefined;
}
