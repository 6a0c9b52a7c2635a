/**
 * A profile's connection and the Connect… form's draft, both ways (issue 10). The form edits a draft that has
 * the settings underneath (timeouts, limits, TLS trust); a profile keeps only what the person chose: the
 * kind's own fields, without the settings' values unless the profile had them already, and never the TLS
 * options of the settings (they hold the user's CA file). Pure (no vscode).
 */
import { CONNECTION_FIELDS } from '../../core/profiles/connectionFields';
import { jsonEqual } from '../../core/profiles/jsonPath';
import type { ProfileConnection } from '../../core/profiles/profileModel';
import type { Draft } from '../connectDraft';
import type { ConnectionDefaults } from '../settings';

/** The form's draft for a profile's connection: settings underneath, the profile's fields on top. */
export function draftOfConnection(connection: ProfileConnection, defaults: ConnectionDefaults): Draft {
  const own = structuredClone(connection) as unknown as Draft;
  const draft: Draft = { ...defaults, ...own };
  if (own.tls !== undefined || defaults.tls !== undefined) draft.tls = { ...defaults.tls, ...(own.tls as object) };
  return draft;
}

/**
 * The draft as a profile's connection: the fields its kind has, set ones only; a field the settings also give
 * is kept when the profile had it (`original`) or when the form changed it; `tls` is the original's.
 */
export function connectionOfDraft(
  draft: Draft,
  defaults: ConnectionDefaults,
  original?: ProfileConnection,
): ProfileConnection {
  const before = (original ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of CONNECTION_FIELDS[draft.kind]) {
    const value = field === 'tls' ? before.tls : draft[field];
    if (value === undefined) continue;
    const fromSettings = settingFor(field, defaults);
    if (field !== 'tls' && fromSettings !== undefined && !Object.hasOwn(before, field)) {
      if (jsonEqual(value, fromSettings)) continue;
    }
    out[field] = structuredClone(value);
  }
  return out as unknown as ProfileConnection;
}

/** What the settings give a field (a polling session's `maxBodyBytes` is the `maxPollBodyBytes` setting). */
function settingFor(field: string, defaults: ConnectionDefaults): unknown {
  const settings = defaults as Record<string, unknown>;
  if (field === 'maxBodyBytes') return settings.maxPollBodyBytes;
  return Object.hasOwn(settings, field) ? settings[field] : undefined;
}
