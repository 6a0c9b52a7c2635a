/**
 * "Save as profile…" at the end of Connect… (issue 10): the options menu gets a second ending item; picking
 * it asks for a name and a place (workspace or user), saves the profile (credentials in clear offered to be
 * moved into secrets) and connects from it, so the session is listed under its new profile.
 */
import type { ConnectionOptions } from '../../core/connection/connectionOptions';
import { withNewProfileDefaults } from '../../core/profiles/newProfileDefaults';
import type { NewProfile, ProfileScope } from '../../core/profiles/profileModel';
import type { ReconnectPolicy } from '../../core/reconnect/reconnectPolicy';
import { shortUrl } from '../../core/view/sessionProjection';
import { checkedOptions, CONNECT_ENDING, type MenuEnding } from '../connectFlow';
import type { Draft } from '../connectDraft';
import { reconnectPolicyOfDraft } from '../connectReconnect';
import type { ConnectionDefaults } from '../settings';
import { connectProfile, type ProfileConnectDeps } from './profileConnect';
import { connectionOfDraft } from './profileDraft';
import { askProfileName, askProfileScope } from './profilePrompts';
import { saveProfile, type ProfileSaveDeps } from './profileSave';

/** What Connect…'s menu ends with: options to connect with, and where to save them first when asked. */
export interface ConnectChoice {
  options: ConnectionOptions;
  saveAs?: { name: string; scope: ProfileScope };
  /** "Reconnect automatically" (issue 12): the session's reconnect policy; absent: off. */
  reconnect?: ReconnectPolicy;
}

/** The menu's ending: "Connect", then "Save as profile…". */
export function saveAsProfileEnding(hasWorkspace: () => boolean): MenuEnding<ConnectChoice> {
  return {
    items: (draft) => [
      ...CONNECT_ENDING.items(draft),
      { id: 'saveAsProfile', label: '$(save) Save as profile…', description: 'then connect' },
    ],
    pick: async (id, draft) => {
      const options = checkedOptions(draft);
      if (!options) return undefined;
      const reconnect = reconnectPolicyOfDraft(draft);
      const chosen: ConnectChoice = reconnect ? { options, reconnect } : { options };
      if (id !== 'saveAsProfile') return chosen;
      const name = await askProfileName(shortUrl(draft.url));
      if (name === undefined) return undefined;
      const scope = await askProfileScope(hasWorkspace());
      return scope === undefined ? undefined : { ...chosen, saveAs: { name, scope } };
    },
  };
}

/** Saves the options as a profile and connects from it; the session's id, or undefined. */
export async function saveAndConnect(
  deps: ProfileSaveDeps & ProfileConnectDeps,
  options: ConnectionOptions,
  target: { name: string; scope: ProfileScope },
  defaults: ConnectionDefaults,
  reconnect?: ReconnectPolicy,
): Promise<string | undefined> {
  // The heartbeat left at the setting's value becomes the new-profile one (issue 12); a value chosen is kept.
  const connection = withNewProfileDefaults(connectionOfDraft(options as unknown as Draft, defaults));
  const profile: NewProfile = { name: target.name, connection };
  // Connect… offers the default backoff only: `{ "enabled": true }` says so in the file (the session reads it).
  if (reconnect) profile.reconnect = { enabled: true };
  const saved = await saveProfile(deps, target.scope, profile);
  if (!saved) return undefined;
  return connectProfile(deps, { scope: target.scope, id: saved.id }, { authoredNow: true });
}
