/**
 * A reconnecting session whose server presents a certificate the TLS handshake refuses (issue 12): trying again would
 * meet the same certificate, so the session stops after the first attempt and says why, instead of retrying on its
 * backoff while the "Trust this certificate" offer waits for the user.
 */
import assert from 'node:assert/strict';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';
import { startWssEchoServer, type WssEchoServer } from '../../support/wssEchoServer';
import { reconnecting, rowTypes } from './reconnectSupport';

describe('ReconnectingSession: a refused certificate stops it', function () {
  this.timeout(20_000);
  let certificates: TestCertificates;
  let server: WssEchoServer;

  before(async function () {
    if (!hasOpenssl()) this.skip();
    certificates = makeTestCertificates();
    server = await startWssEchoServer({ cert: certificates.serverA.certPem, key: certificates.serverA.keyPem });
  });
  after(async () => {
    await server?.close();
    certificates?.dispose();
  });

  it('does not reconnect after a self-signed certificate was refused, and names the reason', async () => {
    const { session, clock } = reconnecting({ kind: 'websocket', url: `${server.url}/` });
    try {
      assert.equal(await session.start(), 'closed');
      assert.equal(session.status.phase, 'stopped');
      assert.match(session.status.stoppedReason ?? '', /certificate was refused/);
      assert.deepEqual(clock.pendingDelays, [], 'no wait was scheduled');
      assert.equal(rowTypes(session).at(-1), 'reconnect-stopped');
      assert.equal(server.upgrades, 0);
    } finally {
      session.dispose();
    }
  });
});
