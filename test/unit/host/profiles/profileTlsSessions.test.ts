/**
 * A profile's TLS trust in its session's network (issue 12), as the host wires it: resolveProfileTls over the
 * connection's TLS, profileOrigin carrying the options and the passphrase (for the redactor), and the session's
 * network made with them, against real wss servers on 127.0.0.1 with certificates made by openssl. A pinned
 * self-signed server opens; another certificate is refused before the upgrade is sent, in words the host tells
 * apart; a server demanding a client certificate opens with the profile's PKCS#12 and its secret passphrase.
 */
import assert from 'node:assert/strict';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { resolveProfileTls } from '../../../../src/core/profiles/profileTlsTrust';
import type { VariableContext } from '../../../../src/core/profiles/stringResolution';
import { createSession } from '../../../../src/core/session/createSession';
import { createRoutedNetwork } from '../../../../src/core/session/network';
import type { Session } from '../../../../src/core/session/session';
import { profileOrigin } from '../../../../src/host/profiles/profileOrigin';
import { certificateFailureOf } from '../../../../src/host/tlsTrust/certificateFailure';
import { ofType } from '../../support/sessionEvents';
import {
  CLIENT_PASSPHRASE,
  hasOpenssl,
  makeTestCertificates,
  type TestCertificates,
} from '../../support/testCertificates';
import { startWssEchoServer, type WssEchoServer } from '../../support/wssEchoServer';

const SECRET = 'client-p12';

describe('a profile\u2019s TLS trust in its session\u2019s network', function () {
  let certs: TestCertificates;
  let pinned: WssEchoServer;
  let mutual: WssEchoServer;
  const cleanups: Array<() => unknown> = [];

  before(async function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    pinned = await startWssEchoServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
    mutual = await startWssEchoServer({
      cert: certs.serverA.certPem,
      key: certs.serverA.keyPem,
      clientCa: certs.clientCaPem,
    });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  after(async () => {
    await pinned?.close();
    await mutual?.close();
    certs?.dispose();
  });

  const context = (): VariableContext => ({
    env: {},
    getSecret: async (name) => (name === SECRET ? CLIENT_PASSPHRASE : undefined),
    variables: {},
    workspaceFolder: certs.dir,
  });

  const profileFor = (url: string, tls: Profile['tls']): Profile => ({
    id: 'p1',
    name: 'TLS',
    connection: { kind: 'websocket', url },
    tls,
  });

  /** Resolves the profile's trust, makes the network the launcher would, and runs a session to its first state. */
  async function connect(profile: Profile): Promise<Session> {
    const trust = await resolveProfileTls(profile, undefined, context());
    assert.ok(trust.ok, JSON.stringify(!trust.ok && trust.issues));
    const resolved = { ok: true as const, connection: profile.connection, options: {} as never, secretValues: [] };
    const origin = profileOrigin({ scope: 'workspace', id: profile.id }, profile, resolved, trust);
    assert.ok(origin.tls, 'the origin carries the trust options for the network');
    const network = createRoutedNetwork({ tls: origin.tls });
    const created = createSession(profile.connection, { network });
    assert.ok(created.ok);
    const session = created.value;
    cleanups.push(async () => {
      await session.close();
      session.dispose();
      network.dispose();
    });
    await session.start();
    return session;
  }

  it('opens to a self-signed server whose certificate the profile pins', async () => {
    const pin = certs.opensslFingerprint(certs.serverA.cert);
    const session = await connect(profileFor(`${pinned.url}/echo`, { pinnedCertificates: [pin] }));
    assert.equal(session.info.state, 'open', JSON.stringify(ofType(session, 'error')[0]?.meta?.error));
  });

  it('refuses another certificate before the upgrade, as a refused pin the host tells apart', async () => {
    const before = pinned.upgrades;
    const other = certs.opensslFingerprint(certs.serverB.cert);
    const session = await connect(profileFor(`${pinned.url}/echo`, { pinnedCertificates: [other] }));
    assert.equal(session.info.state, 'closed');
    const error = ofType(session, 'error')[0]?.meta?.error;
    assert.equal(error?.code, 'RI_TLS_ERROR');
    assert.equal(certificateFailureOf(error), 'not-pinned', JSON.stringify(error));
    assert.match(error?.message ?? '', /is not pinned for this profile/);
    assert.match(error?.hint ?? '', /tls\.pinnedCertificates/);
    assert.equal(pinned.upgrades, before, 'no upgrade request reached the server');
  });

  it('presents the profile\u2019s PKCS#12 client certificate, its passphrase a secret the redactor gets', async () => {
    const pin = certs.opensslFingerprint(certs.serverA.cert);
    const tls = {
      pinnedCertificates: [pin],
      clientCertificate: { pfx: certs.client.pfx, passphrase: `\${secret:${SECRET}}` },
    };
    const profile = profileFor(`${mutual.url}/echo`, tls);
    const trust = await resolveProfileTls(profile, undefined, context());
    assert.ok(trust.ok);
    const resolved = { ok: true as const, connection: profile.connection, options: {} as never, secretValues: ['x'] };
    const origin = profileOrigin({ scope: 'workspace', id: 'p1' }, profile, resolved, trust);
    assert.deepEqual(origin.secretValues, ['x', CLIENT_PASSPHRASE]);
    const session = await connect(profile);
    assert.equal(session.info.state, 'open', JSON.stringify(ofType(session, 'error')[0]?.meta?.error));
    assert.deepEqual(mutual.clientNames, ['test client']);
  });

  it('is refused by a server that demands a client certificate when the profile has none', async () => {
    const pin = certs.opensslFingerprint(certs.serverA.cert);
    const session = await connect(profileFor(`${mutual.url}/echo`, { pinnedCertificates: [pin] }));
    assert.equal(session.info.state, 'closed');
    const error = ofType(session, 'error')[0]?.meta?.error;
    // TLS 1.3: the server's alert comes after the client's handshake; a reset may overtake it on a busy machine.
    assert.ok(['RI_TLS_ERROR', 'RI_CONNECTION_RESET'].includes(error?.code ?? ''), JSON.stringify(error));
    if (error?.code === 'RI_TLS_ERROR') assert.match(error.hint ?? '', /tls\.clientCertificate/);
    assert.equal(mutual.clientNames.length, 1, 'no other client certificate was accepted');
  });
});
