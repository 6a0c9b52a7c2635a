/**
 * A client certificate for mutual TLS (issue 12), read from files when a profile connects: a PKCS#12 bundle
 * (`{ "pfx": "client.p12" }`) or a PEM pair (`{ "cert": "client.crt", "key": "client.key" }`), with an
 * optional passphrase (a `${secret:…}` in the profile, resolved before it reaches here). Files are read at
 * connect time, at most MAX_CLIENT_CERTIFICATE_BYTES each, and checked with Node's own TLS context, so a wrong
 * passphrase or a key of another certificate is found before any connection, and said in our words.
 */
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';

/** The fields of a profile's `tls.clientCertificate`. */
export const CLIENT_CERTIFICATE_FIELDS = ['pfx', 'cert', 'key', 'passphrase'] as const;

/** A profile's `tls.clientCertificate` with its variables resolved: file paths and the passphrase. */
export interface ClientCertificateSpec {
  /** A PKCS#12 (.p12/.pfx) file: certificate and key in one. */
  pfx?: string;
  /** A PEM certificate file (with its intermediates, if any), used with `key`. */
  cert?: string;
  /** A PEM private key file, used with `cert`. */
  key?: string;
  /** Decrypts the PKCS#12 file or the key. A secret: never logged, never in a message. */
  passphrase?: string;
}

/** What Node's TLS takes for the client certificate. */
export interface ClientCertificateMaterial {
  pfx?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
}

/** Largest certificate, key or PKCS#12 file read (a certificate chain is a few KiB). */
export const MAX_CLIENT_CERTIFICATE_BYTES = 1024 * 1024;

export const ClientCertificateError = {
  /** The profile's paths do not name a certificate (neither pfx nor cert+key, or a relative path without a base). */
  Invalid: 'RI_CLIENT_CERT_INVALID',
  /** A file is missing, unreadable or too large. */
  Unreadable: 'RI_CLIENT_CERT_UNREADABLE',
  /** A file is not what its field says (PEM, PKCS#12). */
  BadFormat: 'RI_CLIENT_CERT_BAD_FORMAT',
  /** The passphrase is wrong or missing. */
  BadPassphrase: 'RI_CLIENT_CERT_BAD_PASSPHRASE',
  /** The key does not belong to the certificate. */
  KeyMismatch: 'RI_CLIENT_CERT_KEY_MISMATCH',
} as const;

export type ClientCertificateResult =
  | { ok: true; material: ClientCertificateMaterial }
  | { ok: false; code: (typeof ClientCertificateError)[keyof typeof ClientCertificateError]; message: string };

type Failure = Extract<ClientCertificateResult, { ok: false }>;

/** Where relative paths start (the workspace folder) and how files are read (a test's own reader). */
export interface ClientCertificateIo {
  baseDir?: string;
  readFile?: (path: string, maxBytes: number) => Promise<Buffer>;
}

/** Reads and checks the client certificate; never throws. */
export async function loadClientCertificate(
  spec: ClientCertificateSpec,
  io: ClientCertificateIo = {},
): Promise<ClientCertificateResult> {
  const usesPfx = spec.pfx !== undefined && spec.pfx !== '';
  if (!usesPfx && (!spec.cert || !spec.key))
    return fail('Invalid', 'A client certificate needs "pfx", or both "cert" and "key".');
  const read = io.readFile ?? readBounded;
  const material: ClientCertificateMaterial = {};
  if (spec.passphrase !== undefined && spec.passphrase !== '') material.passphrase = spec.passphrase;
  const fields = usesPfx ? (['pfx'] as const) : (['cert', 'key'] as const);
  for (const field of fields) {
    const loaded = await readField(field, spec[field] as string, io.baseDir, read);
    if ('ok' in loaded) return loaded;
    material[field] = loaded.bytes;
  }
  return checkMaterial(material);
}

/** One file, read and checked for its field's format. */
async function readField(
  field: 'pfx' | 'cert' | 'key',
  path: string,
  baseDir: string | undefined,
  read: NonNullable<ClientCertificateIo['readFile']>,
): Promise<{ bytes: Buffer } | Failure> {
  if (!isAbsolute(path) && baseDir === undefined)
    return fail('Invalid', `The ${field} path "${path}" is relative, and there is no workspace folder to start from.`);
  const full = isAbsolute(path) ? path : resolve(baseDir as string, path);
  let bytes: Buffer;
  try {
    bytes = await read(full, MAX_CLIENT_CERTIFICATE_BYTES);
  } catch (error) {
    return fail('Unreadable', readFailure(field, full, error));
  }
  const problem = formatProblem(field, bytes);
  return problem ? fail('BadFormat', `The ${field} file ${full} ${problem}`) : { bytes };
}

/** What is wrong with the file's contents for its field, or undefined. */
function formatProblem(field: 'pfx' | 'cert' | 'key', bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString('latin1');
  if (field === 'cert' && !bytes.toString('latin1').includes('-----BEGIN CERTIFICATE-----'))
    return 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----").';
  if (field === 'key' && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(bytes.toString('latin1')))
    return 'is not a PEM private key (no "-----BEGIN … PRIVATE KEY-----").';
  // PKCS#12 is DER: an ASN.1 SEQUENCE (0x30), never text.
  if (field === 'pfx' && (bytes[0] !== 0x30 || head.includes('-----BEGIN')))
    return 'is not a PKCS#12 (.p12/.pfx) file; for PEM files use "cert" and "key".';
  return undefined;
}

/** Node's TLS context made from the material: its errors mapped to our words (no secret in any of them). */
function checkMaterial(material: ClientCertificateMaterial): ClientCertificateResult {
  try {
    createSecureContext(material);
    return { ok: true, material };
  } catch (error) {
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const text = `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`;
    const given = material.passphrase === undefined ? 'No passphrase was given and one is needed' : 'Wrong passphrase';
    const what = material.pfx ? 'PKCS#12 file' : 'private key';
    if (/mac verify failure|bad decrypt|BAD_DECRYPT|bad password|interrupted or cancelled/i.test(text))
      return fail('BadPassphrase', `${given} for the client certificate's ${what}.`);
    if (/KEY_VALUES_MISMATCH|key values mismatch/i.test(text))
      return fail('KeyMismatch', 'The client private key does not belong to the client certificate.');
    if (/unsupported/i.test(text) && material.pfx)
      return fail(
        'BadFormat',
        'The PKCS#12 file uses an algorithm this version of Node no longer supports (RC2/3DES); export it again ' +
          'with AES (openssl pkcs12 -export, OpenSSL 3 defaults).',
      );
    return fail('BadFormat', `The client certificate could not be used: ${what} not readable (${nodeReason(text)}).`);
  }
}

/** The OpenSSL reason at the end of Node's message ("no start line"), bounded; it holds no file contents. */
function nodeReason(text: string): string {
  const reason = text.trim().split('::').pop() ?? '';
  return reason.slice(0, 80) || 'unknown reason';
}

function readFailure(field: string, path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `The ${field} file ${path} does not exist.`;
  if (code === 'EISDIR') return `The ${field} path ${path} is a folder, not a file.`;
  if (code === 'EACCES' || code === 'EPERM') return `The ${field} file ${path} cannot be read (permission denied).`;
  if (code === 'EFBIG')
    return `The ${field} file ${path} is larger than ${MAX_CLIENT_CERTIFICATE_BYTES / 1024} KiB: not a certificate.`;
  return `The ${field} file ${path} could not be read (${typeof code === 'string' ? code : 'unknown error'}).`;
}

/** Reads at most `maxBytes` of a file; a larger file is an EFBIG error (never read whole). */
async function readBounded(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function fail(code: keyof typeof ClientCertificateError, message: string): Failure {
  return { ok: false, code: ClientCertificateError[code], message };
}
