/**
 * Canary (issue 10): a distinct secret in every credential slot of a profile. Once each finding is moved
 * into a secret, no canary may appear — in clear, base64, URL-encoded or hex — in the findings, the
 * serialised profile, the profile file written by a store, the file's issues, or any issue or error of a
 * resolution; the resolved options and `secretValues` are the only places they come back.
 */
import assert from 'node:assert/strict';
import { findClearCredentials } from '../../../../src/core/profiles/clearCredentials';
import { moveToSecret } from '../../../../src/core/profiles/moveToSecret';
import { parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { WorkspaceProfileFile } from '../../../../src/core/profiles/profileStores';
import {
  resolveProfile,
  resolveSavedMessage,
  type VariableContext,
} from '../../../../src/core/profiles/variableResolver';

const CANARIES = {
  password: 'PwCanary-7f3a9c2e',
  urlToken: 'QtCanary-5b8d1e4f',
  queryPair: 'QpCanary-8c2d4e6f',
  authorization: 'AuCanary-9d4f2a7c',
  cookie: 'CkCanary-3e1b8f6d',
  apiKey: 'AkCanary-6a1c3e5b',
  sioAuth: 'SioCanary-4a7c1e9b',
  messageAuth: 'MsgCanary-2b4d6f8a',
  subprotocol: 'SpCanary-2c6e9a1b7d3f5a8c0e2b4d6f',
};

/** Each form a secret can take: as typed, base64, URL-encoded, hex. */
function formsOf(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [secret, bytes.toString('base64').replace(/=+$/, ''), encodeURIComponent(secret), bytes.toString('hex')];
}

function assertNoCanary(text: string, where: string): void {
  for (const canary of Object.values(CANARIES))
    for (const form of formsOf(canary)) assert.ok(!text.includes(form), `${where} holds ${canary} as ${form}`);
}

const socketIo: Profile = {
  id: 'sio',
  name: 'Socket.IO prod',
  connection: {
    kind: 'socketio',
    url: `https://bob:${CANARIES.password}@api.example.com/?access_token=${CANARIES.urlToken}`,
    query: [['apiKey', CANARIES.queryPair]],
    headers: [
      ['Authorization', `Bearer ${CANARIES.authorization}`],
      ['Cookie', `session=${CANARIES.cookie}`],
      ['X-Api-Key', CANARIES.apiKey],
    ],
    namespaces: [{ name: '/', auth: JSON.stringify({ token: CANARIES.sioAuth }) }],
  },
  messages: [
    { name: 'join', request: { kind: 'sio-connect', namespace: '/a', auth: `{"jwt":"${CANARIES.messageAuth}"}` } },
  ],
};

const webSocket: Profile = {
  id: 'ws',
  name: 'WebSocket prod',
  connection: { kind: 'websocket', url: 'wss://a.example/', subprotocols: ['graphql-ws', CANARIES.subprotocol] },
};

function moveAll(p: Profile, secrets: Map<string, string>): Profile {
  let current = p;
  for (let finding = findClearCredentials(current)[0]; finding; finding = findClearCredentials(current)[0]) {
    assertNoCanary(JSON.stringify(finding), 'a finding');
    const moved = moveToSecret(current, finding, finding.suggestedSecretName);
    secrets.set(finding.suggestedSecretName, moved.secretValue);
    current = moved.profile;
  }
  return current;
}

describe('secret canary in every credential slot of a profile', () => {
  const secrets = new Map<string, string>();
  const moved = [moveAll(socketIo, secrets), moveAll(webSocket, secrets)];
  const context = (overrides: Partial<VariableContext> = {}): VariableContext => ({
    env: {},
    variables: {},
    getSecret: async (name) => secrets.get(name),
    ...overrides,
  });

  it('moves every canary into a secret, and none is left in the serialised profiles', () => {
    const values = [...secrets.values()];
    for (const canary of Object.values(CANARIES))
      assert.ok(
        values.some((v) => v.includes(canary)),
        canary,
      );
    assert.equal(secrets.get('socket-io-prod.cookie'), `session=${CANARIES.cookie}`, 'a Cookie header moves whole');
    assertNoCanary(JSON.stringify(moved), 'the serialised profiles');
  });

  it('writes a profile file with no canary in it, whose issues hold none either', async () => {
    let text: string | undefined;
    const store = new WorkspaceProfileFile({ readFile: async () => text, writeFile: async (t) => void (text = t) });
    for (const p of moved) await store.create(p);
    assert.ok(text);
    assertNoCanary(text, 'the profile file');
    const snapshot = parseProfileFile(text);
    assert.equal(snapshot.profiles.length, 2);
    assertNoCanary(JSON.stringify(snapshot.issues), 'the file issues');
  });

  it('gives the canaries back only in the resolved options and secretValues', async () => {
    const resolved = await Promise.all(moved.map((p) => resolveProfile(p, context())));
    for (const result of resolved) assert.ok(result.ok, JSON.stringify(result.ok || result.issues));
    const message = await resolveSavedMessage(moved[0], 0, context());
    assert.ok(message.ok);
    assert.deepEqual(message.secretValues, [CANARIES.messageAuth]);
    const values = [...resolved.flatMap((r) => (r.ok ? r.secretValues : [])), ...message.secretValues];
    assert.deepEqual(new Set(values), new Set(secrets.values()));
    assert.deepEqual(resolved[0].ok && resolved[0].connection, socketIo.connection);
  });

  it('keeps every canary out of the issues of a resolution that fails', async () => {
    const broken = (value: string) => `[${value}\r\n`;
    const hostile = new Map([...secrets].map(([name, value]) => [name, broken(value)]));
    for (const p of moved) {
      for (const ctx of [
        context({ getSecret: async (name) => hostile.get(name) }),
        context({ getSecret: async () => undefined }),
        context({ getSecret: () => Promise.reject(new Error(`store failed: ${CANARIES.password}`)) }),
      ]) {
        const result = await resolveProfile(p, ctx);
        assert.equal(result.ok, false);
        assertNoCanary(JSON.stringify(result), `the issues of ${p.id}`);
        const message = p.messages ? await resolveSavedMessage(p, 0, ctx) : undefined;
        // A message may hold line breaks: with the hostile values it resolves (and then holds them, as it must).
        if (message && !message.ok) assertNoCanary(JSON.stringify(message), 'a message issue');
      }
    }
  });

  it('keeps every canary out of the errors of a stale move', () => {
    const [finding] = findClearCredentials(socketIo);
    const changed = { ...socketIo, connection: { ...socketIo.connection, url: 'https://a.example/' } };
    assert.throws(
      () => moveToSecret(changed, finding, 'x'),
      (e: unknown) => (assertNoCanary(String(e), 'the error'), true),
    );
  });
});
