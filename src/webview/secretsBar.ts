/**
 * The "Show secrets" line of the details pane (issue #7). The host masks credentials (Authorization,
 * Cookie, URL passwords, tokens, Socket.IO auth) in details and says so with `redacted`; this bar
 * offers to ask for the same event again unmasked, and marks unmasked details with a Hide button.
 * It only asks: the app owns the request, and nothing here is ever saved in the webview's state.
 */
import type { EventDetailsDto } from '../shared/dto';
import { DisposableStore, type Disposable } from './disposables';
import { codicon, h, iconButton, listen } from './dom';

/** What the bar asks of the details pane's owner. */
export interface SecretsActions {
  /** Load the details of `seq` again, unmasked when `reveal` is true. */
  reload(seq: number, reveal: boolean): void;
}

/** `#details-secrets`: hidden unless the shown details are masked or revealed. */
export class SecretsBar implements Disposable {
  readonly element: HTMLElement;
  private readonly disposables = new DisposableStore();
  private readonly maskedNote = h('span', { class: 'secrets-note', text: 'Secrets are masked in these details.' });
  private readonly revealedNote = h(
    'span',
    {
      id: 'details-secrets-marker',
      class: 'secrets-note secrets-revealed',
      attrs: { role: 'status' },
    },
    [codicon('unlock'), h('span', { text: 'Showing secrets for this event only' })],
  );
  private readonly showButton = iconButton('btn-show-secrets', 'eye', 'Show secrets', 'secondary small');
  private readonly hideButton = iconButton('btn-hide-secrets', 'eye-closed', 'Hide secrets', 'secondary small');
  private seq: number | undefined;

  constructor(actions: SecretsActions) {
    this.element = h('div', { id: 'details-secrets', class: 'details-secrets', attrs: { hidden: true } }, [
      this.maskedNote,
      this.revealedNote,
      h('span', { class: 'toolbar-spacer' }),
      this.showButton,
      this.hideButton,
    ]);
    this.showButton.title = 'Load this event again without masking its credentials (for this event only; never saved)';
    this.hideButton.title = 'Load this event again with its credentials masked';
    this.disposables.add(listen(this.showButton, 'click', () => this.ask(actions, true)));
    this.disposables.add(listen(this.hideButton, 'click', () => this.ask(actions, false)));
  }

  /** Follows the details on screen. */
  update(details: EventDetailsDto): void {
    this.seq = details.row.seq;
    const revealed = details.revealed === true;
    const masked = !revealed && details.redacted === true;
    this.element.hidden = !revealed && !masked;
    this.element.classList.toggle('revealed', revealed);
    this.maskedNote.hidden = !masked;
    this.showButton.hidden = !masked;
    this.revealedNote.hidden = !revealed;
    this.hideButton.hidden = !revealed;
    this.showButton.disabled = false;
    this.hideButton.disabled = false;
  }

  /** Nothing shown: the bar hides and forgets the event. */
  clear(): void {
    this.seq = undefined;
    this.element.hidden = true;
  }

  private ask(actions: SecretsActions, reveal: boolean): void {
    if (this.seq === undefined) return;
    // Disabled until the reply replaces the details, so a double click sends one request.
    this.showButton.disabled = true;
    this.hideButton.disabled = true;
    actions.reload(this.seq, reveal);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
