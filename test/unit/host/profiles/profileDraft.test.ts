/**
 * A profile's connection and the Connect… form's draft (issue 10): the settings go underneath the form and
 * never into the profile unless it had them or the form changed them; the user's CA never leaves the settings.
 */
import assert from 'node:assert/strict';
import type { ProfileConnection } from '../../../../src/core/profiles/profileModel';
import type { Draft } from '../../../../src/host/connectDraft';
import { connectionOfDraft, draftOfConnection } from '../../../../src/host/profiles/profileDraft';
import type { ConnectionDefaults } from '../../../../src/host/settings';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const DEFAULTS: ConnectionDefaults = {
  handshakeTimeoutMs: 10000,
  heartbeatIntervalMs: 0,
  perMessageDeflate: true,
  maxStoredPayloadBytes: 1048576,
  maxPayloadBytes: 16777216,
  maxPollBodyBytes: 4194304,
  tls: { rejectUnauthorized: true, ca: CA },
};

/** A field of a connection of any kind. */
function fieldOf(connection: ProfileConnection, field: string): unknown {
  return (connection as unknown as Record<string, unknown>)[field];
}

describe('profile draft', () => {
  it('a draft has the settings underneath and the profile on top (tls merged)', () => {
    const connection = {
      kind: 'websocket',
      url: 'ws://h/',
      handshakeTimeoutMs: 3000,
      tls: { servername: 'x.example' },
    } as ProfileConnection;
    const draft = draftOfConnection(connection, DEFAULTS);
    assert.equal(draft.handshakeTimeoutMs, 3000);
    assert.equal(draft.perMessageDeflate, true);
    assert.deepEqual(draft.tls, { rejectUnauthorized: true, ca: CA, servername: 'x.example' });
    assert.deepEqual(connection.tls, { servername: 'x.example' }, 'the profile is not changed');
  });

  it('a profile round-trips through the form unchanged', () => {
    const connection = {
      kind: 'socketio',
      url: 'http://h:3000',
      headers: [['Authorization', 'Bearer ${secret:chat.authorization}']],
      transports: 'websocket-only',
      namespaces: [{ name: '/admin', auth: '{"token":"${secret:t}"}' }],
      handshakeTimeoutMs: 10000,
    } as ProfileConnection;
    assert.deepEqual(connectionOfDraft(draftOfConnection(connection, DEFAULTS), DEFAULTS, connection), connection);
  });

  it('a new profile gets what the form set, not the settings', () => {
    const draft: Draft = { ...DEFAULTS, kind: 'websocket', url: 'ws://h/echo', subprotocols: ['chat'] };
    assert.deepEqual(connectionOfDraft(draft, DEFAULTS), {
      kind: 'websocket',
      url: 'ws://h/echo',
      subprotocols: ['chat'],
    });
    draft.perMessageDeflate = false;
    assert.equal(fieldOf(connectionOfDraft(draft, DEFAULTS), 'perMessageDeflate'), false, 'a toggled setting is kept');
  });

  it('never writes the settings\u2019 TLS (the user\u2019s CA) into a profile', () => {
    const draft: Draft = { ...DEFAULTS, kind: 'websocket', url: 'wss://h/' };
    const saved = connectionOfDraft(draft, DEFAULTS);
    assert.equal(saved.tls, undefined);
    assert.ok(!JSON.stringify(saved).includes('BEGIN CERTIFICATE'));
  });

  it('keeps only the fields of the chosen kind (a kind changed in the form drops the old one\u2019s)', () => {
    const draft: Draft = {
      ...DEFAULTS,
      kind: 'sse',
      url: 'http://h/sse',
      subprotocols: ['chat'],
      transports: 'polling-only',
      lastEventId: '7',
    };
    assert.deepEqual(connectionOfDraft(draft, DEFAULTS), { kind: 'sse', url: 'http://h/sse', lastEventId: '7' });
  });

  it('a polling session\u2019s body cap is the maxPollBodyBytes setting, not saved when equal', () => {
    const draft: Draft = { ...DEFAULTS, kind: 'longpoll', url: 'http://h/poll', maxBodyBytes: 4194304 };
    assert.equal(fieldOf(connectionOfDraft(draft, DEFAULTS), 'maxBodyBytes'), undefined);
    assert.equal(fieldOf(connectionOfDraft({ ...draft, maxBodyBytes: 1024 }, DEFAULTS), 'maxBodyBytes'), 1024);
  });
});
