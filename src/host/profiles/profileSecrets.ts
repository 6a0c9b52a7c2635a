/**
 * `${secret:NAME}` values in VS Code's SecretStorage (issue 10, style.md rule 11): never in settings, profile
 * files, globalState or logs. A secret a profile needs and the storage lacks is asked for with a password
 * input box when the profile connects, and stored only when the user says so.
 */
import * as vscode from 'vscode';
import { secretsUsedIn } from '../../core/profiles/stringResolution';
import type { Profile } from '../../core/profiles/profileModel';
import { SECRET_NAME } from '../../core/profiles/variableSyntax';
import { secretPlaceholder, shownName } from './profileWords';

/** SecretStorage keys are per extension; the prefix keeps profile secrets apart from anything else stored. */
const KEY_PREFIX = 'realtimeInspector.profileSecret:';

/** The profile secrets in SecretStorage, by the name `${secret:NAME}` uses. */
export class ProfileSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(name: string): Promise<string | undefined> {
    return this.storage.get(KEY_PREFIX + name);
  }

  async store(name: string, value: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + name, value);
  }

  async has(name: string): Promise<boolean> {
    return (await this.get(name)) !== undefined;
  }

  /** `suggested`, or `suggested-2`, `-3`… when a secret of that name is stored already. */
  async freeName(suggested: string): Promise<string> {
    if (!(await this.has(suggested))) return suggested;
    for (let n = 2; n < 100; n++) {
      const name = `${suggested}-${n}`.slice(-128);
      if (SECRET_NAME.test(name) && !(await this.has(name))) return name;
    }
    return suggested;
  }
}

/**
 * The values of the secrets the profile's connection uses that are not stored, asked for one by one (a
 * password input box, then "store it?"); an empty map when none is missing, undefined when the user cancels.
 */
export async function askMissingSecrets(
  profile: Profile,
  secrets: ProfileSecrets,
): Promise<Map<string, string> | undefined> {
  const given = new Map<string, string>();
  // The connection's secrets, the profile TLS's (a client certificate's passphrase) and its proxy's (issue 12).
  for (const name of secretsUsedIn([profile.connection, profile.tls, profile.proxy])) {
    if (await secrets.has(name)) continue;
    const value = await vscode.window.showInputBox({
      title: `Realtime Inspector: ${secretPlaceholder(name)}`,
      prompt:
        `Profile ${shownName(profile.name)} uses ${secretPlaceholder(name)}, which is not in VS Code\u2019s secret ` +
        'storage. Enter its value:',
      password: true,
      ignoreFocusOut: true,
      validateInput: (text) => (text === '' ? 'Enter a value, or press Escape to cancel.' : null),
    });
    if (value === undefined) return undefined;
    given.set(name, value);
    const keep = await vscode.window.showQuickPick(
      [
        { label: '$(lock) Store it in secret storage', description: 'used the next time too', store: true },
        { label: '$(clock) Use it for this connection only', store: false },
      ],
      { title: `Realtime Inspector: keep ${secretPlaceholder(name)}?`, ignoreFocusOut: true },
    );
    if (keep?.store) await secrets.store(name, value);
  }
  return given;
}
