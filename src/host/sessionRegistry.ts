/**
 * The open sessions of this window and which one is active (its panel was focused last). The
 * status bar, the commands and the test API read from here; it owns no panels.
 */
import * as vscode from 'vscode';
import type { Session } from '../core/session/session';
import type { SessionOrigin } from './sessionOrigin';

export class SessionRegistry implements vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly origins = new Map<string, SessionOrigin>();
  private activeId: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fired when a session is added or removed, or the active session changes. */
  readonly onDidChange = this.changed.event;

  add(session: Session, origin?: SessionOrigin): void {
    this.sessions.set(session.id, session);
    if (origin) this.origins.set(session.id, origin);
    this.activeId = session.id;
    this.changed.fire();
  }

  remove(id: string): void {
    if (!this.sessions.delete(id)) return;
    this.origins.delete(id);
    if (this.activeId === id) this.activeId = this.lastId();
    this.changed.fire();
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Where the session came from (its profile), when it was opened from a profile. */
  originOf(id: string): SessionOrigin | undefined {
    return this.origins.get(id);
  }

  /** In the order they were opened. */
  all(): readonly Session[] {
    return [...this.sessions.values()];
  }

  /** The session whose panel was focused last, else the newest one. */
  get active(): Session | undefined {
    return this.activeId === undefined ? undefined : this.sessions.get(this.activeId);
  }

  setActive(id: string): void {
    if (this.activeId === id || !this.sessions.has(id)) return;
    this.activeId = id;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private lastId(): string | undefined {
    let last: string | undefined;
    for (const id of this.sessions.keys()) last = id;
    return last;
  }
}
