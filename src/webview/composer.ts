/**
 * The composer (`#composer`): pick a kind — for WebSocket text, JSON, binary, ping, close; for
 * Socket.IO emit (namespace, event, JSON arguments, ack), join or leave a namespace, close; for
 * Engine.IO text, binary, close — type, send with the button or Ctrl/Cmd+Enter. Builds a SendRequest
 * (composerRequest.ts) from the fields (composerForm.ts); the host validates again.
 */
import type { SendRequest } from '../shared/sendRequest';
import { ComposerForm } from './composerForm';
import {
  buildSendRequest,
  isComposerKind,
  composerKindsOf,
  type ComposerFields,
  type ComposerKind,
} from './composerRequest';
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, listen, setText } from './dom';
import { SendHistory } from './sendHistory';

/** The host's answer to a send, as the composer needs it. */
export interface SendOutcome {
  ok: boolean;
  error?: string;
  seq?: number;
}

/** What the composer asks of the app. */
export interface ComposerActions {
  send(request: SendRequest): Promise<SendOutcome>;
  /** The draft or history changed: the app may save it with the webview state. */
  onDraftChange?(): void;
}

/** What survives a reload of the webview: the fields as typed, and the sent-text history. */
export interface ComposerDraft extends ComposerFields {
  history: string[];
}

const SEND_TITLE = 'Send (Ctrl+Enter)';
/** What an imported session's panel says instead of a composer (issue 10). */
const OFFLINE_NOTE =
  'Nothing to send: this session was imported from a file and is offline. Connect… opens a live session to send.';

/** What a receive-only session's panel says instead of a composer (SSE and polling, issue 11). */
function receiveOnlyNote(kindLabel: string): string {
  return `Nothing to send: ${kindLabel} sessions only receive. Disconnect stops this one; Reconnect starts it again.`;
}

/** The sent texts of a saved draft, keeping only strings (saved state is not trusted). */
function savedHistory(draft: Partial<ComposerDraft> | undefined): string[] {
  return Array.isArray(draft?.history) ? draft.history.filter((t) => typeof t === 'string') : [];
}

/** The composer bar at the bottom of the panel. */
export class Composer implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly form = new ComposerForm();
  private readonly sendButton = h(
    'button',
    {
      id: 'composer-send',
      class: 'button',
      attrs: { type: 'button', title: SEND_TITLE },
    },
    [codicon('send'), h('span', { text: 'Send' })],
  );
  private readonly statusLine = h('div', {
    id: 'composer-status',
    class: 'composer-status',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  /** Shown instead of the controls when the session sends nothing (SSE and polling sessions, issue 11). */
  private readonly receiveOnlyNote = h('div', {
    id: 'composer-receive-only',
    class: 'composer-receive-only',
    attrs: { hidden: true },
  });
  private readonly controls = h('div', { class: 'composer-controls' }, this.form.controls);
  private readonly body = h('div', { class: 'composer-body' }, [this.form.messageInput, this.sendButton]);
  private readonly history: SendHistory;
  private sessionKind = 'websocket';
  /** The kind restored from the saved draft, applied once the session's kind is known. */
  private preferredKind: ComposerKind | undefined;
  private sessionOpen = false;
  private sending = false;

  constructor(
    private readonly actions: ComposerActions,
    draft?: Partial<ComposerDraft>,
  ) {
    this.element = h('section', { id: 'composer', class: 'composer', attrs: { 'aria-label': 'Send a message' } }, [
      this.receiveOnlyNote,
      this.controls,
      this.body,
      this.statusLine,
    ]);
    this.history = new SendHistory(savedHistory(draft));
    if (draft) {
      this.form.restore(draft);
      if (isComposerKind(draft.kind)) this.preferredKind = draft.kind;
    }
    this.addListeners();
    this.updateKind();
    this.updateSendEnabled();
  }

  /** The draft to save with the webview state. */
  get draft(): ComposerDraft {
    return { ...this.form.read(), history: [...this.history.all] };
  }

  /** Enables sending while the session is open. */
  setSessionOpen(open: boolean): void {
    if (open === this.sessionOpen) return;
    this.sessionOpen = open;
    this.updateSendEnabled();
  }

  /**
   * Offers the kinds this session can send, as the host says (core decides them once: Socket.IO
   * sessions emit events, WebSocket ones send frames). Keeps the current kind when it still applies.
   */
  setSendKinds(sessionKind: string, sendKinds: readonly string[], kindLabel = sessionKind, offline = false): void {
    const key = `${sessionKind}:${sendKinds.join(',')}:${offline}`;
    if (key === this.sessionKind) return;
    this.sessionKind = key;
    this.showReceiveOnly(sendKinds.length === 0 || offline, offline ? OFFLINE_NOTE : receiveOnlyNote(kindLabel));
    this.form.offerKinds(composerKindsOf(sendKinds), this.preferredKind ?? this.form.kind);
    this.updateKind();
  }

  /** A session that sends nothing gets a short line instead of a form it could not use. */
  private showReceiveOnly(receiveOnly: boolean, note: string): void {
    this.element.classList.toggle('receive-only', receiveOnly);
    this.receiveOnlyNote.hidden = !receiveOnly;
    this.controls.hidden = receiveOnly;
    this.body.hidden = receiveOnly;
    this.statusLine.hidden = receiveOnly;
    setText(this.receiveOnlyNote, receiveOnly ? note : '');
  }

  /** Focuses the field the current kind types into. */
  focus(): void {
    this.form.focus();
  }

  dispose(): void {
    this.disposables.dispose();
  }

  private addListeners(): void {
    const d = this.disposables;
    const form = this.form;
    d.add(
      listen(form.kindSelect, 'change', () => {
        this.updateKind();
        this.draftChanged();
      }),
    );
    for (const field of form.typedFields) d.add(listen(field, 'input', () => this.draftChanged()));
    d.add(listen(form.ackBox, 'change', () => this.draftChanged()));
    d.add(listen(form.encodingSelect, 'change', () => this.draftChanged()));
    d.add(listen(this.sendButton, 'click', () => void this.send()));
    d.add(listen(form.messageInput, 'keydown', (e) => this.onMessageKey(e)));
    for (const field of form.enterSendsFields) {
      d.add(
        listen(field, 'keydown', (e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void this.send();
        }),
      );
    }
  }

  /** Shows only the fields the chosen kind uses. */
  private updateKind(): void {
    this.form.showFieldsFor(this.sessionKind);
    this.element.dataset.kind = this.form.kind;
    this.setStatus('', false);
  }

  private updateSendEnabled(): void {
    this.sendButton.disabled = !this.sessionOpen || this.sending;
    this.sendButton.title = this.sessionOpen ? SEND_TITLE : 'The session is not open';
  }

  private setStatus(text: string, isError: boolean): void {
    setText(this.statusLine, text);
    this.statusLine.classList.toggle('error', isError);
  }

  /** Ctrl/Cmd+Enter sends; plain ArrowUp/ArrowDown walk the history, shell-like. */
  private onMessageKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.send();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const message = this.form.messageInput;
    const recalled =
      event.key === 'ArrowUp'
        ? this.history.older(message.value)
        : event.key === 'ArrowDown'
          ? this.history.newer(message.value)
          : undefined;
    if (recalled === undefined) return;
    event.preventDefault();
    message.value = recalled;
    this.draftChanged();
  }

  private draftChanged(): void {
    this.actions.onDraftChange?.();
  }

  private async send(): Promise<void> {
    if (this.sending) return;
    if (!this.sessionOpen) {
      this.setStatus('The session is not open.', true);
      return;
    }
    const built = buildSendRequest(this.form.read());
    if (!built.ok) {
      this.setStatus(built.error, true);
      return;
    }
    this.sending = true;
    this.updateSendEnabled();
    this.setStatus('Sending…', false);
    try {
      this.reportOutcome(await this.actions.send(built.request));
    } catch (error) {
      this.setStatus(error instanceof Error ? error.message : String(error), true);
    } finally {
      this.sending = false;
      this.updateSendEnabled();
    }
  }

  /** Says how the send went; a sent text joins the history. */
  private reportOutcome(outcome: SendOutcome): void {
    if (!outcome.ok) {
      this.setStatus(outcome.error || 'The message was not sent.', true);
      return;
    }
    this.setStatus(outcome.seq !== undefined ? `Sent #${outcome.seq}` : 'Sent', false);
    const message = this.form.messageInput;
    if (!message.hidden) this.history.push(message.value);
    this.draftChanged();
  }
}
