/**
 * The options a profile connects with (issue 10): settings underneath, and TLS trust as trustedSettings.ts
 * has it — a workspace profile cannot turn verification off or add a CA; a user profile can.
 */
import assert from 'node:assert/strict';
import type { ConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import { launchOptions } from '../../../../src/host/profiles/profileLaunch';
import type { ConnectionDefaults } from '../../../../src/host/settings';

const DEFAULTS: ConnectionDefaults = {
  handshakeTimeoutMs: 10000,
  maxPollBodyBytes: 4096,
  tls: { rejectUnauthorized: true },
};
const weak = {
  kind: 'websocket',
  url: 'wss://h/',
  tls: { rejectUnauthorized: false, ca: 'PEM', servername: 'sni.example' },
} as ConnectionOptions;

describe('profile launch options', () => {
  it('puts the settings under the profile', () => {
    const { options, notes } = launchOptions(
      { kind: 'websocket', url: 'ws://h/', handshakeTimeoutMs: 500 } as ConnectionOptions,
      DEFAULTS,
      'workspace',
    );
    assert.equal(options.handshakeTimeoutMs, 500);
    assert.deepEqual(options.tls, { rejectUnauthorized: true });
    assert.deepEqual(notes, []);
  });

  it('ignores a workspace profile\u2019s rejectUnauthorized: false and ca, and says so', () => {
    const { options, notes } = launchOptions(weak, DEFAULTS, 'workspace');
    assert.deepEqual(options.tls, { rejectUnauthorized: true, servername: 'sni.example' });
    assert.equal(notes.length, 2);
    assert.match(notes.join(' '), /rejectUnauthorized: false is ignored.*ca is ignored/);
    assert.ok(!notes.join(' ').includes('PEM'), 'the notes carry no values');
  });

  it('lets a user profile set its own TLS', () => {
    const { options, notes } = launchOptions(weak, DEFAULTS, 'user');
    assert.deepEqual(options.tls, { rejectUnauthorized: false, ca: 'PEM', servername: 'sni.example' });
    assert.deepEqual(notes, []);
  });

  it('gives a polling session the maxPollBodyBytes setting as its body cap', () => {
    const { options } = launchOptions(
      { kind: 'longpoll', url: 'http://h/poll' } as ConnectionOptions,
      DEFAULTS,
      'user',
    );
    assert.equal(options.maxBodyBytes, 4096);
  });
});
