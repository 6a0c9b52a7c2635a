/**
 * The composer (`#composer`): pick a kind — for WebSocket text, JSON, binary, ping, close; for
 * Socket.IO emit (namespace, event, JSON arguments, ack), join or leave a namespace, close; for
 * Engine.IO text, binary, close — type, send with the button or Ctrl/Cmd+Enter. Builds a SendRequest
 * (composerRequest.ts); the host validates again.
 */
import type { SendRequest } from '../shared/sendRequest';
import { buildSendRequest, isComposerKind, kindsForSession, type ComposerFields, type ComposerKind } from './composerRequest';
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

const KIND_LABEL: Record<ComposerKind, string> = {
  text: 'Text', json: 'JSON', binary: 'Binary', ping: 'Ping', close: 'Close',
  'sio-emit': 'Emit', 'sio-connect': 'Join namespace', 'sio-disconnect': 'Leave namespace',
};
const PLACEHOLDER: Record<ComposerKind, string> = {
  text: 'Message text — Ctrl+Enter to send',
  json: '{"type": "hello"} — Ctrl+Enter to send',
  binary: 'Bytes, e.g. 01 ff 7a — Ctrl+Enter to send',
  ping: 'Optional ping payload (at most 125 bytes)',
  close: '',
  'sio-emit': 'Arguments as a JSON array, e.g. ["hello", {"n": 1}]; binary as {"$binary": "AQID"} — Ctrl+Enter to send',
  'sio-connect': '',
  'sio-disconnect': '',
};

function option(value: string, label: string): HTMLOptionElement {
  return h('option', { text: label, attrs: { value } });
}

/** The composer bar at the bottom of the panel. */
export class Composer implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly kind = h('select', { id: 'composer-kind', attrs: { 'aria-label': 'Message kind' } }, kindsForSession('websocket').map((k) => option(k, KIND_LABEL[k])));
  private readonly namespace = h('input', { id: 'composer-namespace', attrs: { type: 'text', value: '/', placeholder: 'Namespace (/)', 'aria-label': 'Namespace' } });
  private readonly event = h('input', { id: 'composer-event', attrs: { type: 'text', placeholder: 'Event name', 'aria-label': 'Event name' } });
  private readonly ackBox = h('input', { id: 'composer-ack', attrs: { type: 'checkbox', 'aria-label': 'Ask for an acknowledgement' } });
  private readonly ack = h('label', { class: 'composer-ack' }, [this.ackBox, h('span', { text: 'Ack' })]);
  private readonly auth = h('input', { id: 'composer-auth', attrs: { type: 'text', placeholder: 'Auth JSON (optional), e.g. {"token":"abc"}', 'aria-label': 'Auth' } });
  private sessionKind = 'websocket';
  /** The kind restored from the saved draft, applied once the session's kind is known. */
  private preferredKind: ComposerKind | undefined;
  private readonly encoding = h('select', { id: 'composer-encoding', attrs: { 'aria-label': 'Binary encoding' } }, [option('hex', 'Hex'), option('base64', 'Base64')]);
  private readonly closeCode = h('input', { id: 'composer-close-code', attrs: { type: 'number', min: '1000', max: '4999', placeholder: 'Code (1000)', 'aria-label': 'Close code' } });
  private readonly closeReason = h('input', { id: 'composer-close-reason', attrs: { type: 'text', placeholder: 'Reason (optional)', 'aria-label': 'Close reason', maxlength: '123' } });
  private readonly input = h('textarea', { id: 'composer-input', attrs: { rows: '3', spellcheck: 'false', 'aria-label': 'Message' } });
  private readonly sendButton = h('button', { id: 'composer-send', class: 'button', attrs: { type: 'button', title: 'Send (Ctrl+Enter)' } }, [codicon('send'), h('span', { text: 'Send' })]);
  private readonly status = h('div', { id: 'composer-status', class: 'composer-status', attrs: { role: 'status', 'aria-live': 'polite' } });
  private readonly history: SendHistory;
  private sessionOpen = false;
  private sending = false;

  constructor(private readonly actions: ComposerActions, draft?: Partial<ComposerDraft>) {
    this.element = h('section', { id: 'composer', class: 'composer', attrs: { 'aria-label': 'Send a message' } }, [
      h('div', { class: 'composer-controls' }, [this.kind, this.namespace, this.event, this.ack, this.auth, this.encoding, this.closeCode, this.closeReason]),
      h('div', { class: 'composer-body' }, [this.input, this.sendButton]),
      this.status,
    ]);
    this.history = new SendHistory(Array.isArray(draft?.history) ? draft.history.filter((t) => typeof t === 'string') : []);
    this.restore(draft);
    const d = this.disposables;
    d.add(listen(this.kind, 'change', () => { this.updateKind(); this.draftChanged(); }));
    for (const field of [this.encoding, this.closeCode, this.closeReason, this.input, this.namespace, this.event, this.auth]) d.add(listen(field, 'input', () => this.draftChanged()));
    d.add(listen(this.ackBox, 'change', () => this.draftChanged()));
    d.add(listen(this.encoding, 'change', () => this.draftChanged()));
    d.add(listen(this.sendButton, 'click', () => void this.send()));
    d.add(listen(this.input, 'keydown', (e) => this.onInputKey(e)));
    for (const field of [this.closeCode, this.closeReason, this.namespace, this.event, this.auth]) {
      d.add(listen(field, 'keydown', (e) => {
        if (e.key === 'Enter') { e.preventDefault(); void this.send(); }
      }));
    }
    this.updateKind();
    this.updateSendEnabled();
  }

  /** The draft to save with the webview state. */
  get draft(): ComposerDraft {
    return { ...this.fields(), history: [...this.history.all] };
  }

  /** Enables sending while the session is open. */
  setSessionOpen(open: boolean): void {
    if (open === this.sessionOpen) return;
    this.sessionOpen = open;
    this.updateSendEnabled();
  }

  /**
   * Offers the kinds this session can send (Socket.IO sessions emit events; WebSocket ones send
   * frames). Keeps the current kind when it still applies.
   */
  setSessionKind(sessionKind: string): void {
    if (sessionKind === this.sessionKind) return;
    this.sessionKind = sessionKind;
    const kinds = kindsForSession(sessionKind);
    const current = this.preferredKind ?? this.currentKind();
    this.kind.replaceChildren(...kinds.map((k) => option(k, KIND_LABEL[k])));
    this.kind.value = kinds.includes(current) ? current : kinds[0];
    this.updateKind();
  }

  /** Focuses the field the current kind types into. */
  focus(): void {
    const kind = this.currentKind();
    (kind === 'close' ? this.closeCode : kind === 'sio-emit' ? this.event : kind.startsWith('sio-') ? this.namespace : this.input).focus();
  }

  private restore(draft: Partial<ComposerDraft> | undefined): void {
    if (!draft) return;
    if (isComposerKind(draft.kind)) {
      this.kind.value = draft.kind;
      this.preferredKind = draft.kind;
    }
    if (draft.encoding === 'hex' || draft.encoding === 'base64') this.encoding.value = draft.encoding;
    if (typeof draft.text === 'string') this.input.value = draft.text;
    if (typeof draft.closeCode === 'string') this.closeCode.value = draft.closeCode;
    if (typeof draft.closeReason === 'string') this.closeReason.value = draft.closeReason;
    if (typeof draft.namespace === 'string') this.namespace.value = draft.namespace;
    if (typeof draft.event === 'string') this.event.value = draft.event;
    if (typeof draft.ack === 'boolean') this.ackBox.checked = draft.ack;
    if (typeof draft.auth === 'string') this.auth.value = draft.auth;
  }

  private currentKind(): ComposerKind {
    return isComposerKind(this.kind.value) ? this.kind.value : 'text';
  }

  private fields(): ComposerFields {
    return {
      kind: this.currentKind(),
      text: this.input.value,
      encoding: this.encoding.value === 'base64' ? 'base64' : 'hex',
      closeCode: this.closeCode.value,
      closeReason: this.closeReason.value,
      namespace: this.namespace.value,
      event: this.event.value,
      ack: this.ackBox.checked,
      auth: this.auth.value,
    };
  }

  /** Shows only the fields the chosen kind uses. */
  private updateKind(): void {
    const kind = this.currentKind();
    this.encoding.hidden = kind !== 'binary';
    // An Engine.IO close packet has no code or reason: only a WebSocket close frame does.
    const closeFields = kind === 'close' && this.sessionKind === 'websocket';
    this.closeCode.hidden = !closeFields;
    this.closeReason.hidden = !closeFields;
    this.namespace.hidden = !kind.startsWith('sio-');
    this.event.hidden = kind !== 'sio-emit';
    this.ack.hidden = kind !== 'sio-emit';
    this.auth.hidden = kind !== 'sio-connect';
    this.input.hidden = kind === 'close' || kind === 'sio-connect' || kind === 'sio-disconnect';
    this.input.placeholder = PLACEHOLDER[kind];
    this.element.dataset.kind = kind;
    this.setStatus('', false);
  }

  private updateSendEnabled(): void {
    this.sendButton.disabled = !this.sessionOpen || this.sending;
    this.sendButton.title = this.sessionOpen ? 'Send (Ctrl+Enter)' : 'The session is not open';
  }

  private setStatus(text: string, isError: boolean): void {
    setText(this.status, text);
    this.status.classList.toggle('error', isError);
  }

  private onInputKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.send();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const recalled =
      event.key === 'ArrowUp' ? this.history.older(this.input.value)
      : event.key === 'ArrowDown' ? this.history.newer(this.input.value)
      : undefined;
    if (recalled === undefined) return;
    event.preventDefault();
    this.input.value = recalled;
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
    const built = buildSendRequest(this.fields());
    if (!built.ok) {
      this.setStatus(built.error, true);
      return;
    }
    this.sending = true;
    this.updateSendEnabled();
    this.setStatus('Sending…', false);
    try {
      const outcome = await this.actions.send(built.request);
      if (outcome.ok) {
        this.setStatus(outcome.seq !== undefined ? `Sent #${outcome.seq}` : 'Sent', false);
        if (!this.input.hidden) this.history.push(this.input.value);
        this.draftChanged();
      } else {
        this.setStatus(outcome.error || 'The message was not sent.', true);
      }
    } catch (error) {
      this.setStatus(error instanceof Error ? error.message : String(error), true);
    } finally {
      this.sending = false;
      this.updateSendEnabled();
    }
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
