/**
 * The profile form (issue 10): the Connect… options menu (connectFlow.ts) prefilled from a profile, with its
 * name and URL as items and "Save" where Connect… has "Connect". What it returns still has to be saved
 * (profileSave.ts: credentials in clear are offered to be moved into secrets first).
 */
import * as vscode from 'vscode';
import type { NewProfile, Profile } from '../../core/profiles/profileModel';
import { chooseOptions, type MenuEnding } from '../connectFlow';
import type { Draft } from '../connectDraft';
import { AUTO_RECONNECT_FIELD, profileReconnectAfter, profileReconnects } from '../connectReconnect';
import { inert } from '../notificationText';
import type { ConnectionDefaults } from '../settings';
import { profileProblem, profileUrlProblem } from './profileChecks';
import { connectionOfDraft, draftOfConnection } from './profileDraft';
import { askProfileName } from './profilePrompts';
import { maskedProfileUrl } from './profileTreeModel';

export interface ProfileFormContext {
  defaults: ConnectionDefaults;
  /** The file's variable names (for `${var:…}` checks). */
  variableNames?: ReadonlySet<string>;
  /** `Edit Profile` or `New Profile`. */
  heading: string;
}

/** Edits `start` in the form; the edited profile (same id, other fields kept) or undefined when cancelled. */
export async function runProfileForm<P extends Profile | NewProfile>(
  start: P,
  context: ProfileFormContext,
): Promise<P | undefined> {
  const draft = draftOfConnection(start.connection, context.defaults);
  // "Reconnect automatically" shows the profile's `reconnect` (issue 12); saved() writes it back if changed.
  draft[AUTO_RECONNECT_FIELD] = profileReconnects(start.reconnect);
  let name = start.name;
  const ending: MenuEnding<P> = {
    title: () => `Realtime Inspector: ${context.heading} "${inert(name, 60)}"`,
    items: (d) => [
      { id: 'save', label: '$(save) Save', description: name },
      { id: 'name', label: `$(tag) Name: ${name}`, description: 'change' },
      { id: 'url', label: '$(link) URL…', description: maskedProfileUrl(d.url) },
    ],
    pick: async (id, d) => {
      if (id === 'name') name = (await askProfileName(name)) ?? name;
      else if (id === 'url') await editUrl(d, context);
      else return saved(start, name, d, context);
      return undefined;
    },
  };
  return chooseOptions(draft, ending);
}

/** The profile as the form has it, when it can be saved; otherwise says why and stays in the form. */
function saved<P extends Profile | NewProfile>(
  start: P,
  name: string,
  draft: Draft,
  context: ProfileFormContext,
): P | undefined {
  const connection = connectionOfDraft(draft, context.defaults, start.connection);
  const reconnect = profileReconnectAfter(start.reconnect, draft);
  const candidate: P = { ...start, name, connection, ...(reconnect !== start.reconnect && { reconnect }) };
  const problem = profileProblem(candidate, context.variableNames);
  if (!problem) return candidate;
  void vscode.window.showWarningMessage(`The profile cannot be saved yet: ${inert(problem, 300)}`);
  return undefined;
}

async function editUrl(draft: Draft, context: ProfileFormContext): Promise<void> {
  const connection = connectionOfDraft(draft, context.defaults);
  const url = await vscode.window.showInputBox({
    title: 'Realtime Inspector: profile URL',
    prompt: 'The URL; it may hold ${env:NAME}, ${secret:NAME}, ${var:NAME} or ${workspaceFolder}',
    value: draft.url,
    ignoreFocusOut: true,
    validateInput: (text) => profileUrlProblem(connection, text, context.variableNames),
  });
  if (url !== undefined) draft.url = url.trim();
}
