/**
 * The composer's input fields (`#composer-kind`, `#composer-input`, …): creating them, showing only
 * those the chosen kind uses, reading them as ComposerFields and restoring a saved draft. The
 * composer (composer.ts) owns sending, history and the status line.
 */
import { fieldsShownFor, focusFieldFor } from './composerLayout';
import { isComposerKind, type ComposerFields, type ComposerKind } from './composerRequest';
import { h } from './dom';

const KIND_LABEL: Record<ComposerKind, string> = {
  text: 'Text',
  json: 'JSON',
  binary: 'Binary',
  ping: 'Ping',
  close: 'Close',
  'sio-emit': 'Emit',
  'sio-connect': 'Join namespace',
  'sio-disconnect': 'Leave namespace',
};
const PLACEHOLDER: Record<ComposerKind, string> = {
  text: 'Message text — Ctrl+Enter to send',
  json: '{"type": "hello"} — Ctrl+Enter to send',
  binary: 'Bytes, e.g. 01 ff 7a — Ctrl+Enter to send',
  ping: 'Optional ping payload (at most 125 bytes)',
  close: '',
  'sio-emit':
    'Arguments as a JSON array, e.g. ["hello", {"n": 1}]; binary as {"$binary": "AQID"}' + ' — Ctrl+Enter to send',
  'sio-connect': '',
  'sio-disconnect': '',
};

function option(value: string, label: string): HTMLOptionElement {
  return h('option', { text: label, attrs: { value } });
}

function kindOptions(kinds: readonly ComposerKind[]): HTMLOptionElement[] {
  return kinds.map((k) => option(k, KIND_LABEL[k]));
}

/** A one-line text input with an id, a placeholder, a label and any further attributes. */
function textInput(
  id: string,
  placeholder: string,
  label: string,
  more: Record<string, string> = {},
): HTMLInputElement {
  return h('input', { id, attrs: { type: 'text', placeholder, 'aria-label': label, ...more } });
}

/** The fields of the composer bar. */
export class ComposerForm {
  readonly kindSelect = h(
    'select',
    { id: 'composer-kind', attrs: { 'aria-label': 'Message kind' } },
    // Until the host says what the session accepts, offer what every session accepts as a start: text.
    kindOptions(['text']),
  );
  readonly namespaceInput = h('input', {
    id: 'composer-namespace',
    attrs: { type: 'text', value: '/', placeholder: 'Namespace (/)', 'aria-label': 'Namespace' },
  });
  readonly eventInput = textInput('composer-event', 'Event name', 'Event name');
  readonly ackBox = h('input', {
    id: 'composer-ack',
    attrs: { type: 'checkbox', 'aria-label': 'Ask for an acknowledgement' },
  });
  readonly ackLabel = h('label', { class: 'composer-ack' }, [this.ackBox, h('span', { text: 'Ack' })]);
  readonly authInput = textInput('composer-auth', 'Auth JSON (optional), e.g. {"token":"abc"}', 'Auth');
  readonly encodingSelect = h('select', { id: 'composer-encoding', attrs: { 'aria-label': 'Binary encoding' } }, [
    option('hex', 'Hex'),
    option('base64', 'Base64'),
  ]);
  readonly closeCodeInput = h('input', {
    id: 'composer-close-code',
    attrs: { type: 'number', min: '1000', max: '4999', placeholder: 'Code (1000)', 'aria-label': 'Close code' },
  });
  readonly closeReasonInput = textInput('composer-close-reason', 'Reason (optional)', 'Close reason', {
    maxlength: '123',
  });
  readonly messageInput = h('textarea', {
    id: 'composer-input',
    attrs: { rows: '3', spellcheck: 'false', 'aria-label': 'Message' },
  });

  /** The row of controls above the text area, in display order. */
  get controls(): HTMLElement[] {
    return [
      this.kindSelect,
      this.namespaceInput,
      this.eventInput,
      this.ackLabel,
      this.authInput,
      this.encodingSelect,
      this.closeCodeInput,
      this.closeReasonInput,
    ];
  }

  /** Fields whose typing changes the draft. */
  get typedFields(): HTMLElement[] {
    return [
      this.encodingSelect,
      this.closeCodeInput,
      this.closeReasonInput,
      this.messageInput,
      this.namespaceInput,
      this.eventInput,
      this.authInput,
    ];
  }

  /** One-line fields where Enter sends. */
  get enterSendsFields(): HTMLElement[] {
    return [this.closeCodeInput, this.closeReasonInput, this.namespaceInput, this.eventInput, this.authInput];
  }

  /** The kind chosen, or text when the select holds something unknown. */
  get kind(): ComposerKind {
    return isComposerKind(this.kindSelect.value) ? this.kindSelect.value : 'text';
  }

  /** The fields as typed. */
  read(): ComposerFields {
    return {
      kind: this.kind,
      text: this.messageInput.value,
      encoding: this.encodingSelect.value === 'base64' ? 'base64' : 'hex',
      closeCode: this.closeCodeInput.value,
      closeReason: this.closeReasonInput.value,
      namespace: this.namespaceInput.value,
      event: this.eventInput.value,
      ack: this.ackBox.checked,
      auth: this.authInput.value,
    };
  }

  /** Fills the fields from a saved draft, checking each value (saved state is not trusted). */
  restore(draft: Partial<ComposerFields>): void {
    if (isComposerKind(draft.kind)) this.kindSelect.value = draft.kind;
    if (draft.encoding === 'hex' || draft.encoding === 'base64') this.encodingSelect.value = draft.encoding;
    const texts: Array<[HTMLInputElement | HTMLTextAreaElement, unknown]> = [
      [this.messageInput, draft.text],
      [this.closeCodeInput, draft.closeCode],
      [this.closeReasonInput, draft.closeReason],
      [this.namespaceInput, draft.namespace],
      [this.eventInput, draft.event],
      [this.authInput, draft.auth],
    ];
    for (const [field, value] of texts) if (typeof value === 'string') field.value = value;
    if (typeof draft.ack === 'boolean') this.ackBox.checked = draft.ack;
  }

  /** Offers `kinds`, choosing `preferred` when it is one of them, else the first. */
  offerKinds(kinds: readonly ComposerKind[], preferred: ComposerKind): void {
    this.kindSelect.replaceChildren(...kindOptions(kinds));
    this.kindSelect.value = kinds.includes(preferred) ? preferred : kinds[0];
  }

  /** Shows only the fields the current kind uses in a session of `sessionKind`. */
  showFieldsFor(sessionKind: string): void {
    const kind = this.kind;
    const shown = fieldsShownFor(kind, sessionKind);
    this.encodingSelect.hidden = !shown.encoding;
    this.closeCodeInput.hidden = !shown.close;
    this.closeReasonInput.hidden = !shown.close;
    this.namespaceInput.hidden = !shown.namespace;
    this.eventInput.hidden = !shown.event;
    this.ackLabel.hidden = !shown.ack;
    this.authInput.hidden = !shown.auth;
    this.messageInput.hidden = !shown.message;
    this.messageInput.placeholder = PLACEHOLDER[kind];
  }

  /** Focuses the field the current kind types into. */
  focus(): void {
    const field = focusFieldFor(this.kind);
    const target =
      field === 'closeCode'
        ? this.closeCodeInput
        : field === 'event'
          ? this.eventInput
          : field === 'namespace'
            ? this.namespaceInput
            : this.messageInput;
    target.focus();
  }
}
