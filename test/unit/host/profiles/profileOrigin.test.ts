/**
 * What a session opened from a profile carries (issue 12): every secret value once (the connection's, the
 * proxy's and the client certificate's passphrase), the profile's TLS trust for its network, its reconnect policy
 * read from the file and its proxy — nothing it does not have.
 */
import assert from 'node:assert/strict';
import { tlsOptionsFor } from '../../../../src/core/network/tlsTrust';
import { DEFAULT_RECONNECT_POLICY } from '../../../../src/core/reconnect/reconnectPolicy';
import { profileOrigin } from '../../../../src/host/profiles/profileOrigin';

const REF = { scope: 'user' as const, id: 'p' };
const connection = { kind: 'websocket' as const, url: 'wss://127.0.0.1:1/' };

describe('profileOrigin', () => {
  it('lists each secret value once and carries the trust options as made', () => {
    const options = tlsOptionsFor({ pinnedCertificates: ['AA'.repeat(32)] });
    const origin = profileOrigin(
      REF,
      {},
      { ok: true, connection, options: {} as never, secretValues: ['token', 'pass'] },
      { ok: true, options, secretValues: ['pass', ''] },
    );
    assert.deepEqual(origin.secretValues, ['token', 'pass']);
    assert.equal(origin.tls, options);
    assert.equal(typeof origin.tls?.verifyPeer, 'function');
    assert.deepEqual(Object.keys(origin).sort(), ['profile', 'secretValues', 'tls']);
  });

  it('reads the reconnect policy and keeps the resolved proxy', () => {
    const proxy = { url: 'http://127.0.0.1:3128' };
    const origin = profileOrigin(
      REF,
      { reconnect: { enabled: true } },
      { ok: true, connection, options: {} as never, secretValues: [], proxy: proxy as never },
      { ok: true, options: tlsOptionsFor({}), secretValues: [] },
    );
    assert.deepEqual(origin.reconnect, DEFAULT_RECONNECT_POLICY);
    assert.equal(origin.proxy, proxy);
    assert.equal(
      profileOrigin(
        REF,
        { reconnect: 'off' },
        { ok: true, connection, options: {} as never, secretValues: [] },
        { ok: true, options: tlsOptionsFor({}), secretValues: [] },
      ).reconnect,
      undefined,
    );
  });
});
