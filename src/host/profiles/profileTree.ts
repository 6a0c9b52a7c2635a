/**
 * The `realtimeInspector.profiles` tree (issue 10): the nodes of profileTreeModel.ts as TreeItems, refreshed
 * when a profile file changes, a session opens or closes, or a profile's session changes state. Counters do
 * not refresh it (style.md: "fire changed on state changes").
 */
import * as vscode from 'vscode';
import type { Disposable } from '../../core/disposable';
import type { Session } from '../../core/session/session';
import type { SessionRegistry } from '../sessionRegistry';
import { FOCUS_SESSION_COMMAND } from '../statusBar';
import type { ProfileFiles } from './profileFiles';
import {
  childNodes,
  rootNodes,
  viewOf,
  type ProfileTreeNode,
  type ProfileTreeState,
  type SessionSummary,
} from './profileTreeModel';

/** The view's id (package.json `views`). */
export const PROFILES_VIEW_ID = 'realtimeInspector.profiles';

const COLLAPSIBLE: Record<'none' | 'collapsed' | 'expanded', vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export class ProfileTreeProvider implements vscode.TreeDataProvider<ProfileTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly listeners: vscode.Disposable[] = [];
  /** Per session of a profile: its listener and what the view last showed of it. */
  private readonly watched = new Map<string, { listener: Disposable; shown: string }>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly files: ProfileFiles,
    private readonly registry: SessionRegistry,
  ) {
    this.listeners.push(files.onDidChange(() => this.refresh()));
    this.listeners.push(registry.onDidChange(() => this.followSessions()));
  }

  /** What the view shows now. */
  state(): ProfileTreeState {
    const sessions: SessionSummary[] = [];
    for (const session of this.registry.all()) {
      const profile = this.registry.originOf(session.id)?.profile;
      if (profile) sessions.push(summary(session, profile.scope, profile.id));
    }
    return {
      workspace: this.files.snapshot('workspace'),
      user: this.files.snapshot('user') ?? emptySnapshotOf(),
      sessions,
    };
  }

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(node: ProfileTreeNode): vscode.TreeItem {
    const view = viewOf(this.state(), node);
    const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
    item.id = view.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    const color = view.iconColor ? new vscode.ThemeColor(view.iconColor) : undefined;
    item.iconPath = new vscode.ThemeIcon(view.icon, color);
    if (node.type === 'session')
      item.command = { title: 'Show session', command: FOCUS_SESSION_COMMAND, arguments: [node.session.id] };
    if (node.type === 'issues') item.command = { title: 'Open file', command: OPEN_ISSUES_COMMAND, arguments: [node] };
    return item;
  }

  getChildren(node?: ProfileTreeNode): ProfileTreeNode[] {
    const state = this.state();
    return node ? childNodes(state, node) : rootNodes(state);
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose();
    for (const { listener } of this.watched.values()) listener.dispose();
    this.watched.clear();
    this.changed.dispose();
  }

  /** Listens to each session of a profile for state changes; the registry changed, so the view too. */
  private followSessions(): void {
    const live = new Set<string>();
    for (const session of this.registry.all()) {
      if (!this.registry.originOf(session.id)?.profile) continue;
      live.add(session.id);
      if (this.watched.has(session.id)) continue;
      const entry = { shown: shownOf(session), listener: { dispose: () => undefined } as Disposable };
      entry.listener = session.onDidChange(() => {
        const now = shownOf(session);
        if (now === entry.shown) return;
        entry.shown = now;
        this.refresh();
      });
      this.watched.set(session.id, entry);
    }
    for (const [id, entry] of this.watched)
      if (!live.has(id)) {
        entry.listener.dispose();
        this.watched.delete(id);
      }
    this.refresh();
  }
}

/** The command an "Open file" entry runs (registered in profileCommands.ts). */
export const OPEN_ISSUES_COMMAND = 'realtimeInspector.profiles.openIssues';

function summary(session: Session, scope: SessionSummary['scope'], profileId: string): SessionSummary {
  const info = session.info;
  return { id: session.id, scope, profileId, state: info.state, transport: info.transport, startedAt: info.startedAt };
}

/** What of a session the view shows: a change of anything else does not refresh it. */
function shownOf(session: Session): string {
  return `${session.info.state}|${session.info.transport ?? ''}`;
}

function emptySnapshotOf(): ProfileTreeState['user'] {
  return { profiles: [], indexById: new Map(), variables: {}, issues: [], editable: true };
}
