/**
 * Certificates made for a test run with the `openssl` CLI (issue 12): two self-signed server certificates for
 * 127.0.0.1/localhost, a small client CA with a client certificate (PEM, an encrypted PEM key, a PKCS#12 file
 * with a passphrase). EC P-256 keys: quick to make. The files live in a temporary folder removed by `dispose`.
 * Nothing here protects anything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The passphrase of the encrypted client key and the PKCS#12 file. */
export const CLIENT_PASSPHRASE = 'correct horse battery';

export interface TestCertificates {
  dir: string;
  /** Paths (relative to `dir`) and PEM text of a server certificate and its key. */
  serverA: { cert: string; key: string; certPem: string; keyPem: string };
  serverB: { cert: string; key: string; certPem: string; keyPem: string };
  /** The client CA's certificate (PEM text), which the mTLS server trusts. */
  clientCaPem: string;
  /** File names in `dir`: client.crt, client.key, client.enc.key (CLIENT_PASSPHRASE), client.p12 (idem). */
  client: { cert: string; key: string; encryptedKey: string; pfx: string };
  /** `openssl x509 -noout -fingerprint -sha256` of a certificate file in `dir`: the hex after "=". */
  opensslFingerprint(file: string): string;
  dispose(): void;
}

/** Whether the openssl CLI can be run here (tests skip without it). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** Makes the certificates (a second or so). */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'ri-tls-'));
  const run = (...args: string[]): string => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' }).toString();
  const selfSigned = (name: string) => {
    run(
      'req',
      '-x509',
      ...EC,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '3650',
      '-subj',
      '/CN=localhost',
    );
    return {
      cert: `${name}.crt`,
      key: `${name}.key`,
      certPem: readFileSync(join(dir, `${name}.crt`), 'utf8'),
      keyPem: readFileSync(join(dir, `${name}.key`), 'utf8'),
    };
  };
  const serverA = selfSigned('serverA');
  const serverB = selfSigned('serverB');
  run('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=Test Client CA');
  run('req', ...EC, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=test client');
  run(
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-out',
    'client.crt',
    '-days',
    '3650',
    '-CAcreateserial',
  );
  const pass = `pass:${CLIENT_PASSPHRASE}`;
  run('pkey', '-in', 'client.key', '-aes256', '-passout', pass, '-out', 'client.enc.key');
  run('pkcs12', '-export', '-in', 'client.crt', '-inkey', 'client.key', '-out', 'client.p12', '-passout', pass);
  return {
    dir,
    serverA,
    serverB,
    clientCaPem: readFileSync(join(dir, 'ca.crt'), 'utf8'),
    client: { cert: 'client.crt', key: 'client.key', encryptedKey: 'client.enc.key', pfx: 'client.p12' },
    opensslFingerprint: (file) => run('x509', '-noout', '-fingerprint', '-sha256', '-in', file).trim().split('=')[1],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
