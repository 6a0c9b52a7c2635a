/**
 * TLS failures are terminal and coded RI_TLS_ERROR in every engine (issue 12): a certificate no CA vouches for
 * is the server's answer, not a passing fault, so long-polling does not retry it and SSE does not reconnect —
 * the host's "Trust this certificate" offer comes at once, not after the retries. Against a real self-signed TLS
 * server on 127.0.0.1. And the hints say what to do: take the profile's offer or edit its pins, never "turn
 * verification off".
 */
import assert from 'node:assert/strict';
import { describeError } from '../../../src/core/errors';
import { peerRefusedError } from '../../../src/core/network/certificatePins';
import type { Session } from '../../../src/core/session/session';
import { startRecordingTlsServer, type RecordingTlsServer } from '../support/recordingTlsServer';
import { newSession, ofType, waitForState } from '../support/sessions';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../support/testCertificates';

const nodeError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('TLS failures', () => {
  describe('end every engine at once, coded RI_TLS_ERROR', function () {
    let certs: TestCertificates;
    let server: RecordingTlsServer;
    const sessions: Session[] = [];
    before(async function () {
      if (!hasOpenssl()) this.skip();
      certs = makeTestCertificates();
      server = await startRecordingTlsServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
    });
    afterEach(async () => {
      for (const session of sessions.splice(0)) {
        await session.close();
        session.dispose();
      }
    });
    after(async () => {
      await server?.close();
      certs?.dispose();
    });

    /** Runs a session of `kind` against the self-signed server until it is closed; its error rows. */
    async function failed(options: Record<string, unknown>): Promise<Session> {
      const session = newSession(options);
      sessions.push(session);
      void session.start();
      await waitForState(session, 'closed', 8000);
      return session;
    }

    it('long-polling stops after the first request, without a retry (5 retries allowed)', async () => {
      const session = await failed({ kind: 'longpoll', url: `https://127.0.0.1:${server.port}/poll` });
      assert.equal(ofType(session, 'poll-request').length, 1);
      assert.equal(ofType(session, 'poll-retry').length, 0);
      const errors = ofType(session, 'error');
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.meta?.error?.code, 'RI_TLS_ERROR');
      assert.match(errors[0]?.meta?.error?.message ?? '', /not retried/);
      assert.match(errors[0]?.meta?.error?.detail ?? '', /^DEPTH_ZERO_SELF_SIGNED_CERT:/);
    });

    it('short polling too', async () => {
      const session = await failed({ kind: 'shortpoll', url: `https://127.0.0.1:${server.port}/status` });
      assert.deepEqual([ofType(session, 'poll-request').length, ofType(session, 'poll-retry').length], [1, 0]);
      assert.equal(ofType(session, 'error')[0]?.meta?.error?.code, 'RI_TLS_ERROR');
    });

    it('Server-Sent Events end without a reconnect (reconnect on)', async () => {
      const session = await failed({ kind: 'sse', url: `https://127.0.0.1:${server.port}/events`, reconnect: true });
      assert.equal(ofType(session, 'handshake-request').length, 1);
      const error = ofType(session, 'error')[0]?.meta?.error;
      assert.equal(error?.code, 'RI_TLS_ERROR');
      assert.equal(session.info.closeSummary, error?.message);
    });

    for (const kind of ['engineio', 'socketio'] as const) {
      it(`${kind} over long-polling says RI_TLS_ERROR, not a transport error`, async () => {
        const session = await failed({ kind, url: `https://127.0.0.1:${server.port}/`, transports: 'polling-only' });
        const error = ofType(session, 'error')[0]?.meta?.error;
        assert.equal(error?.code, 'RI_TLS_ERROR', JSON.stringify(error));
        assert.match(error?.message ?? '', /^The polling GET failed: TLS failed: /);
        assert.match(error?.detail ?? '', /^DEPTH_ZERO_SELF_SIGNED_CERT:/);
      });
    }
  });

  describe('hints', () => {
    it('a certificate no CA vouches for: the profile\u2019s "Trust this certificate" offer, then the CA', () => {
      for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'CERT_HAS_EXPIRED']) {
        const hint = describeError(nodeError(code, 'x')).hint ?? '';
        assert.match(hint, /"Trust this certificate"/, code);
        assert.match(hint, /tls\.pinnedCertificates/, code);
        assert.match(hint, /realtimeInspector\.tls\.caFile/, code);
      }
    });

    it('a refused pin: our words as the message, a hint about the pins and no offer to trust', () => {
      const words = 'The server\u2019s certificate (SHA-256 AA:BB) is not pinned for this profile.';
      const meta = describeError(peerRefusedError(words));
      assert.deepEqual(
        [meta.code, meta.message, meta.detail],
        ['RI_TLS_ERROR', words, `ERR_TLS_CERT_NOT_PINNED: ${words}`],
      );
      assert.match(meta.hint ?? '', /pinnedCertificates/);
      assert.doesNotMatch(meta.hint ?? '', /Trust this certificate|caFile/);
    });

    it('a name mismatch, plain text on a TLS port and a missing client certificate each get their own', () => {
      const hint = (code: string): string => describeError(nodeError(code, 'x')).hint ?? '';
      assert.match(hint('ERR_TLS_CERT_ALTNAME_INVALID'), /tls\.servername/);
      assert.match(hint('ERR_SSL_WRONG_VERSION_NUMBER'), /scheme and the port/);
      assert.match(hint('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED'), /tls\.clientCertificate/);
    });
  });
});
