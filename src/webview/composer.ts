/**
 * The composer (`#composer`): pick a kind (text, JSON, binary, ping, close), type, send with the
 * button or Ctrl/Cmd+Enter. Builds a SendRequest (composerRequest.ts); the host validates again.
 */
import type { SendRequest } from '../shared/sendRequest';
import { buildSendRequest, COMPOSER_KINDS, isComposerKind, type ComposerFields, type ComposerKind } from './composerRequest';
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

/** What survives a reload of the webview. */
export interface ComposerDraft {
  kind: ComposerKind;
  text: string;
  encoding: 'hex' | 'base64';
  closeCode: string;
  closeReason: string;
  history: string[];
}

const KIND_LABEL: Record<ComposerKind, string> = { text: 'Text', json: 'JSON', binary: 'Binary', ping: 'Ping', close: 'Close' };
const PLACEHOLDER: Record<ComposerKind, string> = {
  text: 'Message text — Ctrl+Enter to send',
  json: '{"type": "hello"} — Ctrl+Enter to send',
  binary: 'Bytes, e.g. 01 ff 7a — Ctrl+Enter to send',
  ping: 'Optional ping payload (at most 125 bytes)',
  close: '',
};

function option(value: string, label: string): HTMLOptionElement {
  return h('option', { text: label, attrs: { value } });
}

/** The composer bar at the bottom of the panel. */
export class Composer implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly kind = h('select', { id: 'composer-kind', attrs: { 'aria-label': 'Message kind' } }, COMPOSER_KINDS.map((k) => option(k, KIND_LABEL[k])));
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
      h('div', { class: 'composer-controls' }, [this.kind, this.encoding, this.closeCode, this.closeReason]),
      h('div', { class: 'composer-body' }, [this.input, this.sendButton]),
      this.status,
    ]);
    this.history = new SendHistory(Array.isArray(draft?.history) ? draft.history.filter((t) => typeof t === 'string') : []);
    this.restore(draft);
    const d = this.disposables;
    d.add(listen(this.kind, 'change', () => { this.updateKind(); this.draftChanged(); }));
    for (const field of [this.encoding, this.closeCode, this.closeReason, this.input]) d.add(listen(field, 'input', () => this.draftChanged()));
    d.add(listen(this.encoding, 'change', () => this.draftChanged()));
    d.add(listen(this.sendButton, 'click', () => void this.send()));
    d.add(listen(this.input, 'keydown', (e) => this.onInputKey(e)));
    for (const field of [this.closeCode, this.closeReason]) {
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

  /** Focuses the field the current kind types into. */
  focus(): void {
    (this.currentKind() === 'close' ? this.closeCode : this.input).focus();
  }

  private restore(draft: Partial<ComposerDraft> | undefined): void {
    if (!draft) return;
    if (isComposerKind(draft.kind)) this.kind.value = draft.kind;
    if (draft.encoding === 'hex' || draft.encoding === 'base64') this.encoding.value = draft.encoding;
    if (typeof draft.text === 'string') this.input.value = draft.text;
    if (typeof draft.closeCode === 'string') this.closeCode.value = draft.closeCode;
    if (typeof draft.closeReason === 'string') this.closeReason.value = draft.closeReason;
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
    };
  }

  /** Shows only the fields the chosen kind uses. */
  private updateKind(): void {
    const kind = this.currentKind();
    this.encoding.hidden = kind !== 'binary';
    this.closeCode.hidden = kind !== 'close';
    this.closeReason.hidden = kind !== 'close';
    this.input.hidden = kind === 'close';
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
        if (built.request.kind !== 'close') this.history.push(this.input.value);
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
