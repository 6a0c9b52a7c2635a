/**
 * The values of a book's `${env:NAME}` (the extension host's environment) and `${secret:NAME}` (VS Code's
 * SecretStorage, the store profiles use: a secret named the same serves both). A secret that is not stored is
 * asked for with a password box, then stored or kept for this window only, as the user says. Values are
 * never logged or shown; the caller adds the secrets to the session's redaction before anything is sent.
 */
import * as vscode from 'vscode';
import type { HostPlaceholder } from '../../core/messageBook';
import { MIN_SEARCHED_SECRET_CHARS } from '../../core/redaction/secretRedactor';
import { inert } from '../notificationText';
import type { ProfileSecrets } from '../profiles/profileSecrets';
import { secretPlaceholder } from '../profiles/profileWords';

export interface HostValues {
  env: Record<string, string | undefined>;
  secrets: Record<string, string | undefined>;
}

/** The values, or why not (a message in our words), or undefined: the user cancelled. */
export type HostValuesRead = { ok: true; values: HostValues } | { ok: false; message?: string };

export class BookSecrets {
  /** Secrets the user gave for this window only (not stored). */
  private readonly forThisWindow = new Map<string, string>();
  private readonly warnedShort = new Set<string>();

  constructor(private readonly store: Pick<ProfileSecrets, 'get' | 'store'>) {}

  /** The values of `needed`; asks for the secrets that are missing. */
  async read(needed: readonly HostPlaceholder[]): Promise<HostValuesRead> {
    const values: HostValues = { env: {}, secrets: {} };
    for (const { source, name } of needed) {
      if (source !== 'env') continue;
      const value = process.env[name];
      if (value === undefined) {
        const message =
          `The environment variable ${inert(name, 60)} (\${env:${inert(name, 60)}}) is not set in VS Code's ` +
          'environment. Nothing was sent.';
        return { ok: false, message };
      }
      values.env[name] = value;
    }
    for (const { source, name } of needed) {
      if (source !== 'secret') continue;
      const value = await this.secret(name);
      if (value === undefined) return { ok: false };
      values.secrets[name] = value;
      this.warnIfShort(name, value);
    }
    return { ok: true, values };
  }

  private async secret(name: string): Promise<string | undefined> {
    const known = this.forThisWindow.get(name) ?? (await this.store.get(name));
    if (known !== undefined) return known;
    const shown = secretPlaceholder(inert(name, 60));
    const value = await vscode.window.showInputBox({
      title: `Realtime Inspector: ${shown}`,
      prompt: `This message book uses ${shown}, which is not in VS Code\u2019s secret storage. Enter its value:`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text === '' ? 'Enter a value, or press Escape to cancel.' : null),
    });
    if (value === undefined) return undefined;
    const keep = await vscode.window.showQuickPick(
      [
        { label: '$(lock) Store it in secret storage', description: 'profiles and books use it too', store: true },
        { label: '$(clock) Use it until this window closes', store: false },
      ],
      { title: `Realtime Inspector: keep ${shown}?`, ignoreFocusOut: true },
    );
    if (keep?.store) await this.store.store(name, value);
    else this.forThisWindow.set(name, value);
    return value;
  }

  /** Short values cannot be masked in free text (the log would hide every "1234"): say so, once. */
  private warnIfShort(name: string, value: string): void {
    if (value.length >= MIN_SEARCHED_SECRET_CHARS || this.warnedShort.has(name)) return;
    this.warnedShort.add(name);
    void vscode.window.showWarningMessage(
      `${secretPlaceholder(inert(name, 60))} is shorter than ${MIN_SEARCHED_SECRET_CHARS} characters: the log ` +
        'cannot mask it in messages (only longer values are searched for).',
    );
  }
}
