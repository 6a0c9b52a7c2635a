/** Which profile a command acts on: the one it was given (a view node), else the user's pick. */
import * as vscode from 'vscode';
import { kindLabel } from '../../core/connection/connectionKinds';
import type { Profile } from '../../core/profiles/profileModel';
import { profileRefOf, type ProfileRef } from '../sessionOrigin';
import type { ProfileFiles } from './profileFiles';
import { maskedProfileUrl } from './profileTreeModel';

export interface PickedProfile {
  ref: ProfileRef;
  profile: Profile;
}

/** The profile named by `arg`, or picked from both stores; undefined when there is none or the user cancels. */
export async function pickProfile(
  files: ProfileFiles,
  arg: unknown,
  placeHolder: string,
): Promise<PickedProfile | undefined> {
  const given = profileRefOf(arg);
  if (given) {
    const profile = files.find(given);
    if (!profile)
      void vscode.window.showErrorMessage('This profile is no longer in its file (it was changed or deleted).');
    return profile && { ref: given, profile };
  }
  const items = (['workspace', 'user'] as const).flatMap((scope) =>
    (files.snapshot(scope)?.profiles ?? []).map((profile) => ({
      label: profile.name,
      description: `${scope === 'workspace' ? 'Workspace' : 'User'} · ${kindLabel(profile.connection.kind)}`,
      detail: maskedProfileUrl(profile.connection.url),
      target: { ref: { scope, id: profile.id }, profile },
    })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      'There are no Realtime Inspector profiles yet: use "New Profile", or "Save as profile…" in Connect….',
    );
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { placeHolder, title: 'Realtime Inspector profiles' });
  return choice?.target;
}
