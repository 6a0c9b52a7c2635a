/**
 * The shape of a profile's `tls` (issue 12): the certificates pinned for this profile and a client certificate
 * for mutual TLS. Beside `connection.tls`, which holds the engine's options (verify, extra CA, server name).
 * Issues are relative to the `tls` object. Pure; never throws.
 */
import { parsePin } from '../network/certificateFingerprint';
import { CLIENT_CERTIFICATE_FIELDS } from '../network/clientCertificate';
import { isJsonObject, type JsonSegment } from './jsonPath';
import { placeholderIssues, shapeError, shapeWarning, under, type ShapeIssue } from './shapeIssues';

/** The fields of a profile's `tls`. */
export const PROFILE_TLS_FIELDS = ['pinnedCertificates', 'clientCertificate'] as const;

/** Checks a profile's `tls` (an object, checked by the caller). */
export function checkProfileTls(tls: Record<string, unknown>, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  for (const key of Object.keys(tls))
    if (!(PROFILE_TLS_FIELDS as readonly string[]).includes(key))
      issues.push(shapeWarning([key], `"${key}" is not a field of a profile's "tls"; it is ignored.`, true));
  issues.push(...checkPins(tls.pinnedCertificates));
  if (tls.clientCertificate !== undefined)
    issues.push(...under(['clientCertificate'], checkClientCertificate(tls.clientCertificate, variableNames)));
  return issues;
}

/** A list of SHA-256 fingerprints, each as parsePin reads it. */
function checkPins(value: unknown): ShapeIssue[] {
  if (value === undefined) return [];
  const at: JsonSegment[] = ['pinnedCertificates'];
  if (!Array.isArray(value))
    return [shapeError(at, 'Pinned certificates must be a list of SHA-256 fingerprints ("AB:CD:…").')];
  return value.flatMap((pin: unknown, i): ShapeIssue[] => {
    if (typeof pin !== 'string') return [shapeError([...at, i], 'A pinned certificate must be a string "AB:CD:…".')];
    const parsed = parsePin(pin);
    return parsed.ok ? [] : [shapeError([...at, i], parsed.message)];
  });
}

/** `{ "pfx" }` or `{ "cert", "key" }`, with an optional passphrase that should be a `${secret:…}`. */
function checkClientCertificate(value: unknown, variableNames?: ReadonlySet<string>): ShapeIssue[] {
  if (!isJsonObject(value))
    return [shapeError([], 'The client certificate must be an object: { "pfx" } or { "cert", "key" }.')];
  const issues: ShapeIssue[] = [];
  for (const key of Object.keys(value))
    if (!(CLIENT_CERTIFICATE_FIELDS as readonly string[]).includes(key))
      issues.push(shapeWarning([key], `"${key}" is not a field of a client certificate; it is ignored.`, true));
  for (const field of CLIENT_CERTIFICATE_FIELDS) {
    const text = value[field];
    if (field === 'passphrase' && text !== undefined && typeof text !== 'string')
      issues.push(shapeError([field], 'The passphrase must be text: "${secret:NAME}".'));
    else if (field !== 'passphrase' && text !== undefined && (typeof text !== 'string' || text === ''))
      issues.push(shapeError([field], `"${field}" must be the path of a file.`));
  }
  const has = (field: string): boolean => typeof value[field] === 'string' && value[field] !== '';
  if (has('pfx') && (has('cert') || has('key')))
    issues.push(shapeError([], 'Give either "pfx" (a PKCS#12 file) or "cert" and "key" (PEM files), not both.'));
  else if (!has('pfx') && !(has('cert') && has('key')))
    issues.push(shapeError([], 'A client certificate needs "pfx" (a PKCS#12 file), or both "cert" and "key".'));
  const passphrase = value.passphrase;
  if (typeof passphrase === 'string' && passphrase !== '' && !passphrase.includes('${'))
    issues.push(
      shapeWarning(
        ['passphrase'],
        'A passphrase written in the file can be read by anyone who reads the file: use "${secret:NAME}", kept in ' +
          'VS Code\u2019s secret storage.',
      ),
    );
  issues.push(...placeholderIssues(value, variableNames, () => false));
  return issues;
}
