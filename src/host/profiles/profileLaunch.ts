/**
 * The options a profile connects with (issue 10): its resolved connection on top of the settings, as
 * `Connect…` with an options argument does. TLS trust follows the rule of trustedSettings.ts: a workspace
 * (a repository) cannot weaken it, so a workspace profile's `tls.rejectUnauthorized: false` and `tls.ca` are
 * ignored, and said so; the user's own profiles may set them. Pure (no vscode).
 */
import type { TlsOptions } from '../../core/connection/commonOptions';
import type { ConnectionOptions } from '../../core/connection/connectionOptions';
import type { ProfileScope } from '../../core/profiles/profileModel';
import { optionsOfDraft, type Draft } from '../connectDraft';
import type { ConnectionDefaults } from '../settings';

export interface LaunchOptions {
  /** What the session is created with (createSession validates it again). */
  options: Draft;
  /** What was ignored and why, for the log (our words; no values). */
  notes: string[];
}

/** The profile's resolved connection with the settings underneath. */
export function launchOptions(
  connection: ConnectionOptions,
  defaults: ConnectionDefaults,
  scope: ProfileScope,
): LaunchOptions {
  const own = connection as unknown as Draft;
  const notes: string[] = [];
  const tls = launchTls(own.tls as TlsOptions | undefined, defaults.tls, scope, notes);
  const merged: Draft = { ...defaults, ...own };
  if (tls === undefined) delete merged.tls;
  else merged.tls = tls;
  return { options: optionsOfDraft(merged), notes };
}

function launchTls(
  own: TlsOptions | undefined,
  settings: TlsOptions | undefined,
  scope: ProfileScope,
  notes: string[],
): TlsOptions | undefined {
  if (own === undefined) return settings;
  if (scope === 'user') return { ...settings, ...own };
  const kept: TlsOptions = { ...settings };
  if (own.servername !== undefined) kept.servername = own.servername;
  if (own.rejectUnauthorized === false && settings?.rejectUnauthorized !== false)
    notes.push(ignoredNote('rejectUnauthorized: false'));
  if (own.ca !== undefined) notes.push(ignoredNote('ca'));
  return kept;
}

function ignoredNote(field: string): string {
  return (
    `The workspace profile's connection.tls.${field} is ignored: TLS trust comes from your user settings ` +
    '(realtimeInspector.tls.*) or a user profile, never from a workspace.'
  );
}
