/**
 * The TLS trust a profile connects with (issue 12): its `tls.pinnedCertificates` and `tls.clientCertificate`
 * (variables resolved like the connection's: the passphrase is a `${secret:…}`, paths may use
 * `${workspaceFolder}` and are relative to the workspace folder otherwise), turned into the options the
 * network takes (core/network/tlsTrust.ts). The client certificate files are read here, at connect time, so a
 * missing file or a wrong passphrase stops the connection before it starts, pointing at the profile's field.
 */
import type { TlsOptions } from '../connection/commonOptions';
import { loadClientCertificate, type ClientCertificateSpec } from '../network/clientCertificate';
import { tlsOptionsFor, type TlsTrustOptions } from '../network/tlsTrust';
import { formatJsonPath, isJsonObject, parseJsonPath } from './jsonPath';
import type { Profile, ProfileIssue } from './profileModel';
import { resolveStrings, type VariableContext } from './stringResolution';
import { placeholderText } from './variableSyntax';

export type ResolvedProfileTls =
  | {
      ok: true;
      /** What the network's TLS connections take (pins as verifyPeer, the client certificate). */
      options: TlsTrustOptions;
      /** Secret values used (the passphrase), for the session's Redactor. Never log them. */
      secretValues: string[];
    }
  | { ok: false; issues: ProfileIssue[] };

/**
 * The profile's TLS trust on top of `connectionTls` (the connection's TLS options after launchOptions merged
 * the settings in). Issue paths are relative to the profile (`tls.clientCertificate.pfx`).
 */
export async function resolveProfileTls(
  profile: Profile,
  connectionTls: TlsOptions | undefined,
  context: VariableContext,
): Promise<ResolvedProfileTls> {
  const pinnedCertificates = profile.tls?.pinnedCertificates;
  const written = profile.tls?.clientCertificate;
  if (!isJsonObject(written))
    return { ok: true, options: tlsOptionsFor({ connectionTls, pinnedCertificates }), secretValues: [] };
  const base = ['tls', 'clientCertificate'];
  const resolved = await resolveStrings(written, context, { allowsLineBreaks: () => false, skip: () => false });
  if (!resolved.ok)
    return {
      ok: false,
      issues: resolved.issues.map((i) => ({ ...i, path: formatJsonPath([...base, ...parseJsonPath(i.path)]) })),
    };
  const spec = resolved.value as ClientCertificateSpec;
  const loaded = await loadClientCertificate(spec, { baseDir: context.workspaceFolder });
  const secretValues = [...new Set(resolved.secrets.values())].filter((v) => v !== '');
  if (!loaded.ok) {
    const field = loaded.code === 'RI_CLIENT_CERT_BAD_PASSPHRASE' && 'passphrase' in spec ? 'passphrase' : undefined;
    return {
      ok: false,
      issues: [
        {
          path: formatJsonPath(field ? [...base, field] : base),
          message: withoutSecrets(loaded.message, resolved.secrets),
          severity: 'error',
        },
      ],
    };
  }
  const options = tlsOptionsFor({ connectionTls, pinnedCertificates, clientCertificate: loaded.material });
  return { ok: true, options, secretValues };
}

/** A message naming a path that a secret helped build, with each secret value shown as its placeholder. */
function withoutSecrets(message: string, secrets: ReadonlyMap<string, string>): string {
  let out = message;
  for (const [name, value] of secrets) if (value !== '') out = out.split(value).join(placeholderText('secret', name));
  return out;
}
