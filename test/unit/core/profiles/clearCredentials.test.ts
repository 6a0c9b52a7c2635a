/**
 * Credentials typed in clear in a profile: one finding per kind (userinfo, query token, Authorization,
 * Cookie, API key, Socket.IO auth, token subprotocol), none for a value that already is a placeholder,
 * and moveToSecret: the value replaced by `${secret:NAME}`, given back exactly by resolution.
 */
import assert from 'node:assert/strict';
import { findClearCredentials, type ClearCredential } from '../../../../src/core/profiles/clearCredentials';
import { moveToSecret } from '../../../../src/core/profiles/moveToSecret';
import { ProfileError, ProfileErrorCode } from '../../../../src/core/profiles/profileErrors';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { resolveProfile } from '../../../../src/core/profiles/variableResolver';

function profile(connection: Record<string, unknown>, extra: Partial<Profile> = {}): Profile {
  return { id: 'p1', name: 'Chat Prod', connection: connection as unknown as Profile['connection'], ...extra };
}

/** [kind, path, the text the span covers] of each finding. */
function described(p: Profile): Array<[string, string, string]> {
  return findClearCredentials(p).map((f) => {
    const text = f.path.split(/\.|\[|\]/).filter(Boolean);
    let value: unknown = p;
    for (const part of text) value = (value as Record<string, unknown>)[/^\d+$/.test(part) ? Number(part) : part];
    return [f.kind, f.path, (value as string).slice(f.span.start, f.span.end)];
  });
}

/** Moves every finding into a secret, one at a time (a move shifts the spans of the same string). */
function moveAll(p: Profile): { profile: Profile; secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  let current = p;
  for (let finding = findClearCredentials(current)[0]; finding; finding = findClearCredentials(current)[0]) {
    const moved = moveToSecret(current, finding, finding.suggestedSecretName);
    secrets.set(finding.suggestedSecretName, moved.secretValue);
    current = moved.profile;
  }
  return { profile: current, secrets };
}

describe('clearCredentials', () => {
  it('finds the password of user:password@ and token query parameters in the URL', () => {
    const p = profile({ kind: 'socketio', url: 'https://bob:s3cr%40t@api.example.com/?room=1&access_token=abc.def' });
    assert.deepEqual(described(p), [
      ['userinfo', 'connection.url', 's3cr%40t'],
      ['query-token', 'connection.url', 'abc.def'],
    ]);
    assert.deepEqual(
      findClearCredentials(p).map((f) => f.suggestedSecretName),
      ['chat-prod.password', 'chat-prod.access-token'],
    );
  });

  it('finds each credential header by kind, keeping the Authorization scheme out of the span', () => {
    const p = profile({
      kind: 'websocket',
      url: 'wss://a/',
      headers: [
        ['Authorization', 'Bearer eyJhbGciOi.payload'],
        ['Cookie', 'session=abc; theme=dark'],
        ['X-Api-Key', 'k-123'],
        ['X-Client', 'inspector'],
      ],
    });
    assert.deepEqual(described(p), [
      ['authorization', 'connection.headers[0][1]', 'eyJhbGciOi.payload'],
      ['cookie', 'connection.headers[1][1]', 'session=abc; theme=dark'],
      ['api-key', 'connection.headers[2][1]', 'k-123'],
    ]);
  });

  it('finds token query pairs, Socket.IO auth values by key and token subprotocols', () => {
    const p = profile(
      {
        kind: 'socketio',
        url: 'http://a/',
        query: [
          ['room', 'lobby'],
          ['apiKey', 'q-1'],
        ],
        namespaces: [{ name: '/admin', auth: '{"user": "bob", "token": "t-1", "nested": {"password": "p-1"}}' }],
      },
      { messages: [{ name: 'join', request: { kind: 'sio-connect', namespace: '/x', auth: '{"jwt": "m-1"}' } }] },
    );
    assert.deepEqual(described(p), [
      ['query-token', 'connection.query[1][1]', 'q-1'],
      ['socketio-auth', 'connection.namespaces[0].auth', 't-1'],
      ['socketio-auth', 'connection.namespaces[0].auth', 'p-1'],
      ['socketio-auth', 'messages[0].request.auth', 'm-1'],
    ]);
    const ws = profile({ kind: 'websocket', url: 'ws://a/', subprotocols: ['graphql-ws', 'access_token', 'tok-42'] });
    assert.deepEqual(described(ws), [['subprotocol-token', 'connection.subprotocols[2]', 'tok-42']]);
  });

  it('finds nothing where the values already are placeholders', () => {
    const p = profile({
      kind: 'socketio',
      url: 'https://bob:${secret:pw}@a/?token=${secret:t}',
      headers: [
        ['Authorization', 'Bearer ${secret:bearer}'],
        ['Cookie', '${env:COOKIE}'],
      ],
      query: [['key', '${var:key}']],
      namespaces: [{ name: '/', auth: '{"token": "${secret:sio}"}' }],
    });
    assert.deepEqual(findClearCredentials(p), []);
  });

  it('suggests distinct secret names when two findings would share one', () => {
    const p = profile({ kind: 'websocket', url: 'ws://a/?token=1&token=2' });
    assert.deepEqual(
      findClearCredentials(p).map((f) => f.suggestedSecretName),
      ['chat-prod.token', 'chat-prod.token-2'],
    );
  });

  it('moves a value into a secret, keeping the rest of the string', () => {
    const p = profile({ kind: 'websocket', url: 'ws://a/', headers: [['Authorization', 'Bearer abc.def']] });
    const [finding] = findClearCredentials(p);
    const moved = moveToSecret(p, finding, 'api-token');
    assert.equal(moved.secretValue, 'abc.def');
    assert.deepEqual(moved.profile.connection.headers, [['Authorization', 'Bearer ${secret:api-token}']]);
    assert.deepEqual(p.connection.headers, [['Authorization', 'Bearer abc.def']], 'the input is left alone');
  });

  it('refuses a bad secret name and a finding that no longer matches the profile', () => {
    const p = profile({ kind: 'websocket', url: 'ws://a/', headers: [['X-Api-Key', 'k-1']] });
    const [finding] = findClearCredentials(p);
    assert.throws(
      () => moveToSecret(p, finding, 'has space'),
      (e: unknown) => e instanceof ProfileError && e.code === ProfileErrorCode.InvalidSecretName,
    );
    const stale: ClearCredential = { ...finding, span: { start: 0, end: 2 } };
    assert.throws(
      () => moveToSecret(p, stale, 'ok'),
      (e: unknown) =>
        e instanceof ProfileError && e.code === ProfileErrorCode.StaleFinding && !e.message.includes('k-1'),
    );
  });

  it('resolves the moved profile back to exactly the original connection', async () => {
    const original = profile({
      kind: 'socketio',
      url: 'https://bob:p%40ss@a.example/?access_token=abc&room=1',
      headers: [
        ['Authorization', 'Basic Ym9iOnBhc3M='],
        ['Cookie', 'io=1; s=2'],
      ],
      query: [
        ['signature', 'sig=='],
        ['x', 'y'],
      ],
      namespaces: [{ name: '/', auth: '{"token": "a\\"b"}' }],
    });
    const { profile: moved, secrets } = moveAll(original);
    assert.equal(secrets.size, 6);
    assert.deepEqual(findClearCredentials(moved), []);
    const resolved = await resolveProfile(moved, {
      env: {},
      variables: {},
      getSecret: async (name) => secrets.get(name),
    });
    assert.ok(resolved.ok, JSON.stringify(resolved));
    assert.deepEqual(resolved.connection, original.connection);
    assert.deepEqual(new Set(resolved.secretValues), new Set(secrets.values()));
  });
});
