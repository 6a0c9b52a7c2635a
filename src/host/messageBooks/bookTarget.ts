/**
 * Which session a message book sends to, as its CodeLens shows it: the session chosen for this book (from the
 * lens, or the session an "Edit and send" editor came from) while it can still send, else the active panel's
 * session, else the newest one that can send. Fires a change when sessions come and go, change state or
 * become active, so the lenses follow.
 */
import * as vscode from 'vscode';
import type { Session, SessionState } from '../../core/session/session';
import { KIND_LABELS } from '../connectKinds';
import { canSend, pickSendSession, sendableSessions } from '../editorSend/sendTargets';
import { redactorFor } from '../sessionRedaction';
import type { SessionRegistry } from '../sessionRegistry';
import { targetLabel, type LensTarget } from './lensModel';

export class BookTarget implements vscode.Disposable {
  /** Book URI → the session chosen for it. */
  private readonly chosen = new Map<string, string>();
  /** Session id → its state listener. */
  private readonly listeners = new Map<string, { dispose(): void }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable;

  /** Something that changes a book's target happened. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly registry: SessionRegistry) {
    this.subscriptions = vscode.Disposable.from(
      registry.onDidChange(() => this.sessionsChanged()),
      vscode.workspace.onDidCloseTextDocument((document) => this.chosen.delete(document.uri.toString())),
    );
    this.sessionsChanged();
  }

  /** The session `book` sends to now, without asking; undefined when none can send. */
  current(book: vscode.Uri): Session | undefined {
    const id = this.chosen.get(book.toString());
    const chosen = id === undefined ? undefined : this.registry.get(id);
    return chosen && canSend(chosen) ? chosen : sendableSessions(this.registry)[0];
  }

  /** The lens's view of `current(book)`. */
  lensTarget(book: vscode.Uri): LensTarget | undefined {
    const session = this.current(book);
    if (!session) return undefined;
    const label = targetLabel(redactorFor(session).url(session.options.url), session.info.state);
    return { label, sessionKind: session.options.kind, kindLabel: KIND_LABELS[session.options.kind] };
  }

  /** Makes `session` the target of `book`. */
  choose(book: vscode.Uri, sessionId: string): void {
    this.chosen.set(book.toString(), sessionId);
    this.changed.fire();
  }

  /** Asks which session `book` sends to (the lens's target was clicked). */
  async ask(book: vscode.Uri): Promise<Session | undefined> {
    const session = await pickSendSession(this.registry, 'Send this book to');
    if (session) this.choose(book, session.id);
    return session;
  }

  dispose(): void {
    this.subscriptions.dispose();
    for (const listener of this.listeners.values()) listener.dispose();
    this.listeners.clear();
    this.changed.dispose();
  }

  /** Follows the state of every open session (a lens says "(connecting)" until it is open). */
  private sessionsChanged(): void {
    const open = new Set(this.registry.all().map((s) => s.id));
    for (const [id, listener] of this.listeners) {
      if (open.has(id)) continue;
      listener.dispose();
      this.listeners.delete(id);
    }
    for (const session of this.registry.all()) {
      if (this.listeners.has(session.id)) continue;
      let state: SessionState = session.info.state;
      const listener = session.onDidChange((info) => {
        // Fired for every counter too: only a new state matters here.
        if (info.state === state) return;
        state = info.state;
        this.changed.fire();
      });
      this.listeners.set(session.id, listener);
    }
    this.changed.fire();
  }
}
