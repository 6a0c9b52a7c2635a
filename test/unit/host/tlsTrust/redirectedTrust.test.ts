/**
 * The certificate trust offer after a redirect (issue 12 follow-up), against two real TLS servers on 127.0.0.1
 * with two certificates: A (trusted through the session's CA, so it verifies normally) redirects to B
 * (self-signed). The failure names B (`error.peer`), the network booked A's certificate, the offer's target is B
 * with A as a companion, and the probe of the target reads B's certificate — not A's, as before the fix. Pinning
 * B alone would lock A out (pins replace CA verification for every server of a profile); B with A opens.
 */
import assert from 'node:assert/strict';
import { fetchPeerCertificate } from '../../../../src/core/network/peerCertificateProbe';
import { tlsOptionsFor } from '../../../../src/core/network/tlsTrust';
import { createSession } from '../../../../src/core/session/createSession';
import { createRoutedNetwork, nodeTlsOptions, type Network } from '../../../../src/core/session/network';
import type { Session } from '../../../../src/core/session/session';
import { certificateFailureOf } from '../../../../src/host/tlsTrust/certificateFailure';
import { redirectedOfferNote } from '../../../../src/host/tlsTrust/trustOfferWords';
import { trustTargetOf } from '../../../../src/host/tlsTrust/trustTarget';
import { startHopServer, type HopServer } from '../../../fixtures/servers/hopServer';
import { ofType, waitForEvent } from '../../support/sessions';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

const RUN = { followRedirects: true, reconnect: false };

describe('certificate trust offer after a redirect', function () {
  let certs: TestCertificates;
  let a: HopServer;
  let b: HopServer;
  let pinA: string;
  let pinB: string;
  const cleanups: Array<() => Promise<void> | void> = [];

  before(async function () {
    if (!hasOpenssl()) this.skip();
    certs = makeTestCertificates();
    a = await startHopServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
    b = await startHopServer({ cert: certs.serverB.certPem, key: certs.serverB.keyPem });
    a.route('/ws', { redirect: 302, location: `${b.wsOrigin}/ws` });
    a.route('/events', { redirect: 307, location: `${b.origin}/events` });
    b.route('/ws', { websocket: true });
    b.route('/events', { stream: 'data: hello\n\n' });
    pinA = certs.opensslFingerprint(certs.serverA.cert);
    pinB = certs.opensslFingerprint(certs.serverB.cert);
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  after(async () => {
    await a?.close();
    await b?.close();
    certs?.dispose();
  });

  const portOf = (server: HopServer) => Number(new URL(server.origin).port);

  /** A session over `network` (disposed after the test), run until its first error or its open. */
  async function run(options: Record<string, unknown>, network: Network): Promise<Session> {
    const created = createSession({ ...RUN, ...options }, { network });
    assert.ok(created.ok, JSON.stringify(!created.ok && created.issues));
    const session = created.value;
    cleanups.push(async () => {
      await session.close();
      session.dispose();
      network.dispose();
    });
    void session.start();
    await waitForEvent(session, (e) => e.type === 'error' || e.type === 'open' || e.type === 'sse-event', 8000);
    return session;
  }

  /** A trusts through the session's CA (servername: the certificates name localhost); B is self-signed. */
  const caNetwork = () =>
    createRoutedNetwork({ tls: nodeTlsOptions({ ca: certs.serverA.certPem, servername: 'localhost' }) });

  for (const [kind, path, origin] of [
    ['websocket', '/ws', () => a.wsOrigin],
    ['sse', '/events', () => a.origin],
  ] as const) {
    it(`a ${kind} failure at the redirected hop names that server, and A is booked as verified`, async () => {
      const network = caNetwork();
      const session = await run({ kind, url: `${origin()}${path}` }, network);
      const error = ofType(session, 'error')[0]?.meta?.error;
      assert.equal(certificateFailureOf(error), 'self-signed', JSON.stringify(error));
      assert.equal(error?.peer, `127.0.0.1:${portOf(b)}`);
      assert.deepEqual(network.verifiedTlsPeers?.(), [{ authority: `127.0.0.1:${portOf(a)}`, fingerprint256: pinA }]);
      assert.equal(a.requests.at(-1)?.path, path, 'A answered the redirect');

      const target = trustTargetOf(session.options.url, error!, 'self-signed', network.verifiedTlsPeers!());
      assert.ok(target);
      assert.deepEqual(target.server, { host: '127.0.0.1', port: portOf(b), authority: `127.0.0.1:${portOf(b)}` });
      assert.equal(target.redirected, true);
      assert.deepEqual(
        target.companions.map((c) => [c.authority, c.fingerprint256]),
        [[`127.0.0.1:${portOf(a)}`, pinA]],
      );
      // The probe goes where the handshake failed: B's certificate, not the session's own server's.
      const probed = await fetchPeerCertificate({ host: target.server.host, port: target.server.port });
      assert.ok(probed.ok, JSON.stringify(probed));
      assert.equal(probed.certificate.fingerprint256, pinB);
    });
  }

  it('pinning only B locks A out (a refused pin at A); B with A opens through the redirect', async () => {
    const pinned = (pins: string[]) => createRoutedNetwork({ tls: tlsOptionsFor({ pinnedCertificates: pins }) });
    const onlyB = await run({ kind: 'websocket', url: `${a.wsOrigin}/ws` }, pinned([pinB]));
    const refused = ofType(onlyB, 'error')[0]?.meta?.error;
    assert.equal(certificateFailureOf(refused), 'not-pinned', JSON.stringify(refused));
    assert.equal(refused?.peer, `127.0.0.1:${portOf(a)}`, 'refused at the session\u2019s own server');
    assert.equal(trustTargetOf(onlyB.options.url, refused!, 'not-pinned', []), undefined, 'no offer to replace it');

    const both = await run({ kind: 'websocket', url: `${a.wsOrigin}/ws` }, pinned([pinB, pinA]));
    assert.equal(both.info.state, 'open', JSON.stringify(ofType(both, 'error')[0]?.meta?.error));
  });

  it('a pinned profile meeting an unpinned hop is offered to add it, nothing more', async () => {
    const network = createRoutedNetwork({ tls: tlsOptionsFor({ pinnedCertificates: [pinA] }) });
    const session = await run({ kind: 'websocket', url: `${a.wsOrigin}/ws` }, network);
    const error = ofType(session, 'error')[0]?.meta?.error;
    assert.equal(certificateFailureOf(error), 'not-pinned', JSON.stringify(error));
    assert.equal(error?.peer, `127.0.0.1:${portOf(b)}`);
    const target = trustTargetOf(session.options.url, error!, 'not-pinned', network.verifiedTlsPeers!());
    assert.deepEqual(target && [target.server.port, target.redirected, target.companions], [portOf(b), true, []]);
  });

  describe('the target, decided from the error and the booked servers', () => {
    const error = (peer?: string) => ({ code: 'RI_TLS_ERROR', message: 'x', ...(peer ? { peer } : {}) });

    it('is the session\u2019s own server without a peer or with its own, as before', () => {
      for (const peer of [undefined, 'dev.local:443', 'DEV.local:443']) {
        const target = trustTargetOf('wss://user:pw@dev.local/x?token=1', error(peer), 'expired', []);
        assert.deepEqual(target, {
          server: { host: 'dev.local', port: 443, authority: 'dev.local:443' },
          redirected: false,
          companions: [],
        });
      }
      assert.equal(trustTargetOf('wss://dev.local/', error(), 'not-pinned', []), undefined);
      assert.equal(trustTargetOf('not a url', error(), 'expired', []), undefined);
    });

    it('probes the session\u2019s own TLS server when it was not booked; a plain http one needs no pin', () => {
      const tls = trustTargetOf('https://a.test:8443/', error('[::1]:9443'), 'self-signed', []);
      assert.deepEqual(tls?.server, { host: '::1', port: 9443, authority: '[::1]:9443' });
      assert.deepEqual(tls?.companions, [{ host: 'a.test', port: 8443, authority: 'a.test:8443' }]);
      const plain = trustTargetOf('http://a.test/', error('b.test:443'), 'self-signed', [
        { authority: 'c.test:443', fingerprint256: pinA },
        { authority: 'b.test:443', fingerprint256: pinB },
      ]);
      assert.deepEqual(
        plain?.companions.map((c) => c.authority),
        ['c.test:443'],
        'every other verified hop, never the failed one',
      );
    });

    it('names the servers pinned along, made inert, in the offer', () => {
      const note = redirectedOfferNote('wss://user:pw@a.test/x', [
        { authority: 'a.test:443', fingerprint256: pinA },
        { authority: 'c.test:8443', fingerprint256: pinB },
      ]);
      assert.match(note, /^ A redirect from a\.test led to this server\. Pins replace CA verification/);
      assert.match(note, /certificates that a\.test, c\.test:8443 present now will be pinned too/);
      assert.ok(!note.includes('pw') && !note.includes(pinA), note);
    });
  });
});
