/** The small questions of the profile commands: a name, and where to keep a new profile. */
import * as vscode from 'vscode';
import type { ProfileScope } from '../../core/profiles/profileModel';
import { nameProblem } from './profileChecks';

/** A profile name (checked as typed); undefined when cancelled. */
export function askProfileName(
  value: string,
  title = 'Realtime Inspector: profile name',
): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title,
      prompt: 'The profile\u2019s name, as the Realtime Inspector view shows it',
      value,
      ignoreFocusOut: true,
      validateInput: (text) => nameProblem(text.trim()),
    })
    .then((name) => name?.trim());
}

interface ScopeItem extends vscode.QuickPickItem {
  scope: ProfileScope;
}

/** Where a new profile goes: the workspace's file (when a folder is open) or the user's own profiles. */
export async function askProfileScope(hasWorkspace: boolean): Promise<ProfileScope | undefined> {
  if (!hasWorkspace) return 'user';
  const items: ScopeItem[] = [
    {
      label: '$(root-folder) Workspace',
      description: '.vscode/realtime-inspector.json',
      detail: 'Shared with everyone who has this folder (e.g. in git). Secrets stay in your secret storage.',
      scope: 'workspace',
    },
    {
      label: '$(account) User',
      description: 'only you, on this machine',
      detail: 'Kept in the extension\u2019s storage, in every window.',
      scope: 'user',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Realtime Inspector: save the profile where?',
    ignoreFocusOut: true,
  });
  return picked?.scope;
}
