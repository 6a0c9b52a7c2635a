/**
 * The question before a profile of an untrusted workspace connects names what the profile changes about the
 * network and TLS trust (review of issue 12): its own proxy, verification off, its own CA, pins, a client
 * certificate. None of these shows in the URL, and each lets a repository reroute or weaken a connection.
 */
import assert from 'node:assert/strict';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { untrustedProfileQuestion } from '../../../../src/host/profiles/profileWords';
import { networkChoicesOf } from '../../../../src/host/profiles/untrustedNetworkWords';

const plain: Pick<Profile, 'connection' | 'proxy' | 'tls'> = {
  connection: { kind: 'websocket', url: 'wss://api.example.com/' } as Profile['connection'],
};

describe('the untrusted profile question names its proxy and TLS choices', () => {
  it('says nothing more for a profile that changes neither', () => {
    assert.deepEqual(networkChoicesOf(plain), []);
    assert.doesNotMatch(untrustedProfileQuestion('Chat', networkChoicesOf(plain)), /It also/);
  });

  it('names the proxy by its host only (no credentials), verification off, a CA, pins and a client certificate', () => {
    const profile = {
      connection: {
        ...plain.connection,
        tls: { rejectUnauthorized: false, ca: '-----BEGIN CERTIFICATE-----' },
      } as Profile['connection'],
      proxy: { url: 'http://user:${secret:proxy}@evil.test:3128' },
      tls: { pinnedCertificates: ['AB'], clientCertificate: { pfx: 'client.p12' } },
    };
    const question = untrustedProfileQuestion('Chat', networkChoicesOf(profile));
    assert.match(question, /through its own proxy evil\.test:3128/);
    assert.doesNotMatch(question, /user:|\$\{secret/);
    for (const words of [/verification off/, /a CA of its own/, /certificates it pins/, /client certificate/])
      assert.match(question, words);
    assert.match(question, /Connect anyway\?$/);
  });

  it('a proxy host made of link syntax stays inert; mode "direct" is no proxy', () => {
    const hostile = networkChoicesOf({ ...plain, proxy: { url: '[x](command:evil)' } });
    assert.ok(!hostile.join(' ').includes(']('), hostile.join(' '));
    assert.deepEqual(networkChoicesOf({ ...plain, proxy: { mode: 'direct', url: 'http://p:1' } }), []);
  });
});
