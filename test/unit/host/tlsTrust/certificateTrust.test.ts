/**
 * The pure parts of the certificate trust offer (issue 12): which session failures it acts on (read from what
 * the engines really report against a self-signed server), its words (our words, the host, the profile name
 * made inert and the fingerprint — never the certificate's subject), and the pin written into one profile of a
 * real profile store, comments kept.
 */
import assert from 'node:assert/strict';
import { describeError } from '../../../../src/core/errors';
import { peerRefusedError } from '../../../../src/core/network/certificatePins';
import { PROFILE_SCHEMA_URL } from '../../../../src/core/profiles/profileModel';
import { WorkspaceProfileFile } from '../../../../src/core/profiles/profileStores';
import { certificateFailureOf, offersPin } from '../../../../src/host/tlsTrust/certificateFailure';
import { addPinnedCertificate } from '../../../../src/host/tlsTrust/pinWriter';
import * as words from '../../../../src/host/tlsTrust/trustOfferWords';
import { startRecordingTlsServer, type RecordingTlsServer } from '../../support/recordingTlsServer';
import { newSession, waitForEvent } from '../../support/sessions';
import { hasOpenssl, makeTestCertificates, type TestCertificates } from '../../support/testCertificates';

const PIN = '64:4A:BF:F9:58:F7:D3:C1:CB:C5:09:4A:88:DC:DE:C7:6D:A8:63:CC:B4:81:FB:E9:82:8D:7C:2B:4C:CF:5D:FE';
const LINK = '[Click here](command:workbench.action.terminal.sendSequence?%7B%7D)';

describe('certificate trust offer', () => {
  describe('the failures it acts on, as the engines report them', function () {
    let certs: TestCertificates;
    let server: RecordingTlsServer;
    before(async function () {
      if (!hasOpenssl()) this.skip();
      certs = makeTestCertificates();
      server = await startRecordingTlsServer({ cert: certs.serverA.certPem, key: certs.serverA.keyPem });
    });
    after(async () => {
      await server?.close();
      certs?.dispose();
    });

    for (const [kind, scheme] of [
      ['websocket', 'wss'],
      ['engineio', 'https'],
      ['socketio', 'https'],
      ['sse', 'https'],
      ['longpoll', 'https'],
    ] as const) {
      it(`a ${kind} session to a self-signed server is "self-signed"`, async () => {
        // Every engine says RI_TLS_ERROR at once; long-polling does not retry it first (issue 12).
        const session = newSession({ kind, url: `${scheme}://127.0.0.1:${server.port}/` });
        try {
          void session.start();
          const row = await waitForEvent(session, (e) => e.type === 'error', 8000);
          assert.equal(row.meta?.error?.code, 'RI_TLS_ERROR', JSON.stringify(row.meta?.error));
          assert.equal(certificateFailureOf(row.meta?.error), 'self-signed', JSON.stringify(row.meta?.error));
          // Where the handshake failed (the trust offer probes that server: after a redirect, not the URL's).
          assert.equal(row.meta?.error?.peer, `127.0.0.1:${server.port}`, JSON.stringify(row.meta?.error));
        } finally {
          await session.close();
          session.dispose();
        }
      });
    }
  });

  it('tells the certificate failures apart, and offers a pin only for those a CA would fix', () => {
    const failureOf = (code: string) => certificateFailureOf(describeError(Object.assign(new Error('x'), { code })));
    assert.deepEqual(
      [
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'SELF_SIGNED_CERT_IN_CHAIN',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
        'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
        'CERT_HAS_EXPIRED',
        'CERT_NOT_YET_VALID',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'ERR_SSL_WRONG_VERSION_NUMBER',
        'ECONNREFUSED',
      ].map(failureOf),
      [
        'self-signed',
        'self-signed',
        'unknown-issuer',
        'unknown-issuer',
        'expired',
        'not-yet-valid',
        undefined,
        undefined,
        undefined,
      ],
    );
    const refused = certificateFailureOf(describeError(peerRefusedError('not pinned')));
    assert.deepEqual(
      [refused, offersPin(refused), offersPin('expired'), offersPin(undefined)],
      ['not-pinned', false, true, false],
    );
    assert.equal(certificateFailureOf({ code: 'RI_TLS_ERROR', message: 'x', detail: 'constructor: x' }), undefined);
  });

  describe('words', () => {
    it('names the host, the failure, the whole fingerprint and the profile, in our words only', () => {
      const text = words.trustOfferMessage('wss://user:pw@dev.local:8443/path?token=abc', 'self-signed', PIN, 'Dev');
      assert.equal(
        text,
        'Could not connect to dev.local:8443: its certificate is self-signed. ' +
          `Trust this certificate (SHA-256 ${PIN}) for profile "Dev"? ` +
          "Compare the fingerprint with the server's first. Only this profile will accept it, " +
          'and then only this exact certificate.',
      );
    });

    it('keeps link syntax out of a profile name, and shows nothing but a fingerprint as one', () => {
      for (const text of [
        words.trustOfferMessage('wss://a/', 'expired', PIN, LINK),
        words.pinnedMessage(PIN, LINK),
        words.notPinnedMessage('wss://a/', LINK),
        words.trustOfferMessage('wss://a/', 'expired', LINK, 'p'),
      ]) {
        assert.ok(!text.includes(']('), text);
        assert.ok(!text.includes('command:') || text.includes('"[Click here] ('), text);
      }
      assert.match(words.trustOfferMessage('wss://a/', 'expired', LINK, 'p'), /\(SHA-256 \(unknown\)\)/);
    });

    it('puts the server’s names in the log row only, bounded by the probe', () => {
      const line = words.trustOfferLog({
        fingerprint256: PIN,
        subjectName: 'evil "name"',
        issuerName: 'ca',
        selfSigned: true,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      });
      assert.match(
        line,
        /subject CN "evil \\"name\\""; issuer CN "ca"; valid \? to \?; self-signed; verification: DEPTH/,
      );
    });
  });

  describe('writing the pin', () => {
    const FILE = `{
  // Team profiles.
  "$schema": "${PROFILE_SCHEMA_URL}",
  "version": 1,
  "profiles": [
    { "id": "a", "name": "Dev", "connection": { "kind": "websocket", "url": "wss://dev.local/" } }, // the dev box
    { "id": "b", "name": "Other", "connection": { "kind": "websocket", "url": "wss://other/" } }
  ]
}
`;
    const storeOver = (initial: string) => {
      const file = { text: initial };
      const store = new WorkspaceProfileFile({
        readFile: async () => file.text,
        writeFile: async (text) => void (file.text = text),
      });
      return { file, store };
    };

    it('adds it to that profile only, keeps comments, and does not add it twice', async () => {
      const { file, store } = storeOver(FILE);
      assert.equal(await addPinnedCertificate(store, 'a', PIN.toLowerCase()), 'added');
      assert.ok(file.text.includes('// Team profiles.') && file.text.includes('// the dev box'), file.text);
      const [dev, other] = store.snapshot.profiles;
      assert.deepEqual([dev.tls, other.tls], [{ pinnedCertificates: [PIN] }, undefined]);
      assert.equal(await addPinnedCertificate(store, 'a', PIN.replace(/:/g, '')), 'present');
      assert.equal(await addPinnedCertificate(store, 'gone', PIN), 'missing');
      assert.deepEqual(store.snapshot.issues, []);
    });

    it('keeps the pins and the client certificate already there', async () => {
      const other = 'AB'.repeat(32);
      const { store } = storeOver(
        FILE.replace(
          '"url": "wss://dev.local/" }',
          `"url": "wss://dev.local/" }, "tls": { "pinnedCertificates": ["${other}"], ` +
            '"clientCertificate": { "pfx": "c.p12" } }',
        ),
      );
      assert.equal(await addPinnedCertificate(store, 'a', PIN), 'added');
      assert.deepEqual(store.snapshot.profiles[0].tls, {
        pinnedCertificates: [other, PIN],
        clientCertificate: { pfx: 'c.p12' },
      });
    });
  });
});
