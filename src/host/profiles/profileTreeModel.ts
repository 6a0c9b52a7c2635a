/**
 * What the Realtime Inspector view shows (issue 10), as plain data: two groups, Workspace (the workspace's
 * `.vscode/realtime-inspector.json`) and User; an "Open file" entry when a file has issues; each profile with
 * its kind and URL (credentials typed in clear masked, `${secret:…}` shown as written); under a profile the
 * live sessions it opened, with their state. profileTree.ts turns these nodes into TreeItems. Pure (no vscode).
 */
import { kindLabel } from '../../core/connection/connectionKinds';
import { findClearCredentials } from '../../core/profiles/clearCredentials';
import type { Profile, ProfileFileSnapshot, ProfileScope } from '../../core/profiles/profileModel';
import { MASK } from '../../core/redaction/secretMask';
import type { SessionState } from '../../core/session/session';

/** A live session opened from a profile. */
export interface SessionSummary {
  id: string;
  scope: ProfileScope;
  profileId: string;
  state: SessionState;
  /** Engine.IO / Socket.IO: the transport in use. */
  transport?: string;
  /** When it started (wall clock ms). */
  startedAt: number;
}

/** Everything the view shows. `workspace` is undefined when no folder is open. */
export interface ProfileTreeState {
  workspace?: ProfileFileSnapshot;
  user: ProfileFileSnapshot;
  sessions: readonly SessionSummary[];
}

export type ProfileTreeNode =
  | { type: 'group'; scope: ProfileScope }
  | { type: 'issues'; scope: ProfileScope; errors: number; warnings: number }
  | { type: 'profile'; scope: ProfileScope; profileId: string; profile: Profile }
  | { type: 'session'; scope: ProfileScope; profileId: string; session: SessionSummary };

/** How a node looks: codicon ids and words only, no vscode types. */
export interface NodeView {
  /** Stable across refreshes (keeps expansion and selection). */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** For `view/item/context` menus: `group.workspace`, `profile.user`, `session`, `issues`. */
  contextValue: string;
  icon: string;
  /** A theme colour id for the icon. */
  iconColor?: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
}

const GROUP_LABELS: Record<ProfileScope, string> = { workspace: 'Workspace', user: 'User' };

/** The groups; none when there is nothing at all to show (the view's welcome content shows instead). */
export function rootNodes(state: ProfileTreeState): ProfileTreeNode[] {
  const files = [state.workspace, state.user];
  if (files.every((f) => f === undefined || (f.profiles.length === 0 && f.issues.length === 0))) return [];
  const scopes: ProfileScope[] = state.workspace ? ['workspace', 'user'] : ['user'];
  return scopes.map((scope) => ({ type: 'group', scope }));
}

/** The children of a node: a group's issues entry and profiles, a profile's sessions. */
export function childNodes(state: ProfileTreeState, node: ProfileTreeNode): ProfileTreeNode[] {
  if (node.type === 'group') {
    const snapshot = snapshotOf(state, node.scope);
    if (!snapshot) return [];
    const out: ProfileTreeNode[] = [];
    const errors = snapshot.issues.filter((i) => i.severity === 'error').length;
    if (snapshot.issues.length > 0)
      out.push({ type: 'issues', scope: node.scope, errors, warnings: snapshot.issues.length - errors });
    for (const profile of snapshot.profiles)
      out.push({ type: 'profile', scope: node.scope, profileId: profile.id, profile });
    return out;
  }
  if (node.type === 'profile')
    return sessionsOf(state, node.scope, node.profileId).map((session) => ({
      type: 'session',
      scope: node.scope,
      profileId: node.profileId,
      session,
    }));
  return [];
}

export function snapshotOf(state: ProfileTreeState, scope: ProfileScope): ProfileFileSnapshot | undefined {
  return scope === 'workspace' ? state.workspace : state.user;
}

function sessionsOf(state: ProfileTreeState, scope: ProfileScope, profileId: string): SessionSummary[] {
  return state.sessions.filter((s) => s.scope === scope && s.profileId === profileId);
}

/** How a node looks in the view. */
export function viewOf(state: ProfileTreeState, node: ProfileTreeNode): NodeView {
  if (node.type === 'group') return groupView(state, node.scope);
  if (node.type === 'issues') return issuesView(node);
  if (node.type === 'profile') return profileView(state, node);
  return sessionView(node);
}

function groupView(state: ProfileTreeState, scope: ProfileScope): NodeView {
  const count = snapshotOf(state, scope)?.profiles.length ?? 0;
  return {
    id: `group:${scope}`,
    label: GROUP_LABELS[scope],
    description: count === 1 ? '1 profile' : `${count} profiles`,
    tooltip:
      scope === 'workspace'
        ? 'Profiles in .vscode/realtime-inspector.json: shared with everyone who has this folder (e.g. in git).'
        : 'Your own profiles, kept in the extension\u2019s storage on this machine.',
    contextValue: `group.${scope}`,
    icon: scope === 'workspace' ? 'root-folder' : 'account',
    collapsible: 'expanded',
  };
}

function issuesView(node: Extract<ProfileTreeNode, { type: 'issues' }>): NodeView {
  const parts = [plural(node.errors, 'error'), plural(node.warnings, 'warning')].filter((p) => p !== '');
  return {
    id: `issues:${node.scope}`,
    label: 'Open file',
    description: parts.join(', '),
    tooltip: `The ${node.scope} profile file has problems: open it to see them (they are marked in the editor).`,
    contextValue: 'issues',
    icon: node.errors > 0 ? 'error' : 'warning',
    iconColor: node.errors > 0 ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground',
    collapsible: 'none',
  };
}

function profileView(state: ProfileTreeState, node: Extract<ProfileTreeNode, { type: 'profile' }>): NodeView {
  const { profile } = node;
  const url = maskedProfileUrl(profile.connection.url);
  const kind = kindLabel(profile.connection.kind);
  const lines = [profile.name, `${kind} · ${url}`];
  if (profile.description) lines.push(profile.description);
  const live = sessionsOf(state, node.scope, node.profileId).length > 0;
  return {
    // A node that gains children gets a new id: VS Code keeps an id's old (leaf) state and would show it folded.
    id: `profile:${node.scope}:${node.profileId}${live ? ':live' : ''}`,
    label: profile.name,
    description: `${kind} · ${url}`,
    tooltip: lines.join('\n'),
    contextValue: `profile.${node.scope}`,
    icon: live ? 'plug' : 'debug-disconnect',
    collapsible: live ? 'expanded' : 'none',
  };
}

const STATE_ICONS: Record<SessionState, { icon: string; color?: string }> = {
  connecting: { icon: 'loading~spin' },
  open: { icon: 'circle-filled', color: 'testing.iconPassed' },
  closing: { icon: 'loading~spin' },
  closed: { icon: 'circle-outline' },
};

function sessionView(node: Extract<ProfileTreeNode, { type: 'session' }>): NodeView {
  const { session } = node;
  const started = new Date(session.startedAt).toTimeString().slice(0, 8);
  const transport = session.transport ? ` · ${session.transport}` : '';
  return {
    id: `session:${session.id}`,
    label: session.state,
    description: `since ${started}${transport}`,
    tooltip: `Session ${session.id}: ${session.state}${transport}. Click to show its panel.`,
    contextValue: 'session',
    icon: STATE_ICONS[session.state].icon,
    iconColor: STATE_ICONS[session.state].color,
    collapsible: 'none',
  };
}

/**
 * A profile's URL as shown and copied: a password or token typed in clear masked, `${…}` placeholders as
 * written (they name a value, they are not one). Never a resolved secret: nothing is resolved here.
 */
export function maskedProfileUrl(url: string): string {
  const probe: Profile = { id: 'url', name: 'url', connection: { kind: 'websocket', url } };
  const spans = findClearCredentials(probe)
    .filter((f) => f.path === 'connection.url')
    .map((f) => f.span)
    .sort((a, b) => b.start - a.start);
  let out = url;
  for (const span of spans) out = `${out.slice(0, span.start)}${MASK}${out.slice(span.end)}`;
  return out;
}

function plural(n: number, word: string): string {
  if (n === 0) return '';
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
