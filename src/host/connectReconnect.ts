/**
 * "Reconnect automatically" in Connect… (issue 12), for the kinds a reconnect policy applies to (WebSocket,
 * Socket.IO, Engine.IO): off unless chosen; on is the default backoff of core/reconnect/reconnectPolicy.ts. It is
 * the session's choice, not a connection option, so it sits in the draft under a key of its own that the
 * connection validator and a profile's connection never see: Connect carries it to the session
 * (SessionOrigin.reconnect), Save as profile and the profile form to the profile's `reconnect`. Pure (no vscode).
 */
import type { ConnectionKind } from '../core/connection/connectionKinds';
import type { ProfileReconnectSetting } from '../core/profiles/profileModel';
import {
  DEFAULT_RECONNECT_POLICY,
  RECONNECTING_KINDS,
  readReconnectSetting,
  type ReconnectPolicy,
} from '../core/reconnect/reconnectPolicy';
import type { Draft, OptionItem } from './connectDraft';

/** The draft's key for the choice (no connection option has this name). */
export const AUTO_RECONNECT_FIELD = 'autoReconnect';

/** Whether a session of `kind` can reconnect by a policy (SSE and polling reconnect or retry by themselves). */
export function offersAutoReconnect(kind: ConnectionKind): boolean {
  return RECONNECTING_KINDS.includes(kind);
}

/** Whether the draft asks for it (only where its kind offers it). */
export function autoReconnectChosen(draft: Draft): boolean {
  return offersAutoReconnect(draft.kind) && draft[AUTO_RECONNECT_FIELD] === true;
}

/** The menu item, for the kinds that offer it. */
export function autoReconnectItems(draft: Draft): OptionItem[] {
  if (!offersAutoReconnect(draft.kind)) return [];
  return [
    {
      id: 'autoReconnect',
      label: `$(debug-restart) Reconnect automatically: ${autoReconnectChosen(draft) ? 'on' : 'off'}`,
      description: 'toggle; after a lost connection, connect again after 1 s, doubling up to 30 s (with jitter)',
    },
  ];
}

/** The menu's editor: flips the choice. */
export function toggleAutoReconnect(draft: Draft): void {
  draft[AUTO_RECONNECT_FIELD] = draft[AUTO_RECONNECT_FIELD] !== true;
}

/** The policy the launched session gets: the default backoff when chosen, else none. */
export function reconnectPolicyOfDraft(draft: Draft): ReconnectPolicy | undefined {
  return autoReconnectChosen(draft) ? { ...DEFAULT_RECONNECT_POLICY } : undefined;
}

/** Whether a profile's `reconnect` is on (what the form starts from). */
export function profileReconnects(setting: ProfileReconnectSetting | undefined): boolean {
  return readReconnectSetting(setting).policy !== undefined;
}

/**
 * The profile's `reconnect` after the form: unchanged when the choice is what the profile said (its own delays
 * kept); otherwise `{ "enabled": true }` (the default backoff) or off — an object keeps its fields, `enabled`
 * flipped, so turning it on again brings them back.
 */
export function profileReconnectAfter(
  before: ProfileReconnectSetting | undefined,
  draft: Draft,
): ProfileReconnectSetting | undefined {
  // A kind without the choice (the kind was changed to SSE or polling) leaves the profile's setting alone.
  if (!offersAutoReconnect(draft.kind)) return before;
  const on = autoReconnectChosen(draft);
  if (on === profileReconnects(before)) return before;
  if (typeof before === 'object' && before !== null) return { ...before, enabled: on };
  return on ? { enabled: true } : undefined;
}
