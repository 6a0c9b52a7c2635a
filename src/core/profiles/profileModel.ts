/**
 * Saved connection profiles (issue 10): what a profile holds, where profiles live, and how a problem in a
 * profile file is reported. Plain, serialisable data; the checks are in profileShape.ts, the file format in
 * profileFileParser.ts, variables in profileVariables.ts.
 */
import type { ConnectionOptions } from '../connection/connectionOptions';
import type { ProfileProxy } from '../network/proxyChoice';
import type { SendRequest } from '../session/sendRequest';

/** Where a profile is kept: the workspace file (shareable in git) or the user's own store. */
export type ProfileScope = 'workspace' | 'user';

/** The format version of a profile file; a file says which one it is written in. */
export const PROFILE_FILE_VERSION = 1;
/** The workspace's profile file, relative to the workspace folder. */
export const WORKSPACE_PROFILE_FILE = '.vscode/realtime-inspector.json';
/** The user's profile file, inside the extension's global storage folder. */
export const USER_PROFILE_FILE = 'profiles.json';
/**
 * The `$schema` written into a new profile file. A `$schema` in a file wins over the `jsonValidation`
 * contribution, so it names a URI the extension serves itself (a TextDocumentContentProvider for the
 * `realtime-inspector` scheme returning schemas/realtime-inspector.schema.json).
 */
export const PROFILE_SCHEMA_URL = 'realtime-inspector:/schemas/realtime-inspector.schema.json';

/**
 * The connection a profile opens: the ConnectionOptions of any kind, as a person wrote them. Every string
 * field except `kind` may hold variables (`${env:NAME}`, `${secret:NAME}`, `${var:NAME}`,
 * `${workspaceFolder}`); they are resolved, and the options validated again, when the profile connects.
 */
export type ProfileConnection = ConnectionOptions;

/** A message saved with a profile, sent again by name. String fields may hold variables too. */
export interface SavedMessage {
  /** Shown in the view and the quick pick. */
  name: string;
  /** What to send, as session/sendRequest.ts describes it. */
  request: SendRequest;
}

/**
 * A reconnect policy per profile (issue 12): `"off"`, or backoff with full jitter
 * `{ "enabled", "initialDelayMs", "maxDelayMs", "resetAfterMs", "maxAttempts" }`; read and checked by
 * core/reconnect/reconnectPolicy.ts (readReconnectSetting).
 */
export type ProfileReconnectSetting = 'off' | Readonly<Record<string, unknown>>;

/**
 * A proxy for this profile (issue 12) that overrides VS Code's and the environment's: `{ "url", "noProxy" }`, or
 * `{ "mode": "direct" }` for none. Checked in profileProxyShape.ts; used by core/network/proxyChoice.ts.
 */
export type ProfileProxyOverride = ProfileProxy;

/**
 * Trust decisions of this profile (issue 12), beside `connection.tls` (which holds the engine's TLS options:
 * verify, extra CA, server name). Checked in profileTlsShape.ts; used by core/network/tlsTrust.ts.
 */
export interface ReservedTlsTrust {
  /** SHA-256 fingerprints (`AB:CD:…`) of server certificates trusted for this profile instead of a CA chain. */
  pinnedCertificates?: string[];
  /**
   * A client certificate for mutual TLS: `pfx`, or `cert` and `key` (file paths, relative to the workspace
   * folder), with its `passphrase` as a `${secret:…}`.
   */
  clientCertificate?: Readonly<Partial<Record<'pfx' | 'cert' | 'key' | 'passphrase', string>>>;
  /** Room for more trust settings. */
  readonly [field: string]: unknown;
}

/** One saved profile. */
export interface Profile {
  /** Stable and generated (never derived from the name): sessions, the view and edits refer to it. */
  id: string;
  /** Shown in the view; two profiles may share a name. */
  name: string;
  description?: string;
  connection: ProfileConnection;
  messages?: SavedMessage[];
  /** Reconnect policy (issue 12); absent: off. */
  reconnect?: ProfileReconnectSetting;
  /** This profile's own proxy, or none (issue 12); absent: VS Code's and the environment's. */
  proxy?: ProfileProxyOverride;
  /** Reserved (issue 12). */
  tls?: ReservedTlsTrust;
}

/** The fields a profile object may have; any other is reported (and kept in the file untouched). */
export const PROFILE_FIELDS = [
  'id',
  'name',
  'description',
  'connection',
  'messages',
  'reconnect',
  'proxy',
  'tls',
] as const satisfies ReadonlyArray<keyof Profile>;

/** A profile before it has an id (what a form produces). */
export type NewProfile = Omit<Profile, 'id'>;

/** An error makes the profile (or the file) unusable; a warning is worth fixing but nothing is skipped. */
export type IssueSeverity = 'error' | 'warning';

/** A place in a text, zero-based (as vscode.Position and LSP count). */
export interface TextPosition {
  line: number;
  column: number;
}

/** A span of a text: positions for an editor, offsets for code. */
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
  offset: number;
  length: number;
}

/** One problem with a profile file or a profile, in plain words, pointing at the field. */
export interface ProfileIssue {
  /** JSON path of the field: `profiles[2].connection.headers[0]` in a file, `connection.url` in a profile. */
  path: string;
  message: string;
  severity: IssueSeverity;
  /** Where the field is in the file (issues of a file only). */
  range?: TextRange;
}

/** What a profile file holds once read: the profiles that load, the file's variables and every issue. */
export interface ProfileFileSnapshot {
  /** Profiles without errors, in file order. */
  profiles: Profile[];
  /** Each loaded profile's index in the file's `profiles` array, by id (to place issues found later). */
  indexById: ReadonlyMap<string, number>;
  /** The file's `variables` (only string values). */
  variables: Readonly<Record<string, string>>;
  issues: ProfileIssue[];
  /** False when the file is not valid JSON: editing it could lose text, so stores refuse until it is fixed. */
  editable: boolean;
}
