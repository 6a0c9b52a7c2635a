/**
 * Saving a profile with credentials typed in clear (issue 10): each is put to the user once; a moved one
 * leaves `${secret:NAME}` in the profile and its value in the secret store only; a kept one stays as typed.
 */
import assert from 'node:assert/strict';
import type { ClearCredential } from '../../../../src/core/profiles/clearCredentials';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { resolveProfile } from '../../../../src/core/profiles/variableResolver';
import {
  protectCredentials,
  type CredentialAsker,
  type CredentialDecision,
} from '../../../../src/host/profiles/credentialProtection';

const TOKEN = 'AuCanary-8b5e1d9f-2c';
const QUERY = 'QtCanary-6d2f8a3c';

const profile: Profile = {
  id: '',
  name: 'Chat',
  connection: {
    kind: 'websocket',
    url: `ws://127.0.0.1:1/echo?room=1&access_token=${QUERY}&key=${QUERY}x`,
    headers: [
      ['Authorization', `Bearer ${TOKEN}`],
      ['X-Client', 'inspector'],
    ],
  },
};

function memorySecrets() {
  const stored = new Map<string, string>();
  return { stored, store: async (name: string, value: string) => void stored.set(name, value) };
}

function asker(decide: (f: ClearCredential) => CredentialDecision | undefined) {
  const asked: string[] = [];
  const ask: CredentialAsker = async (finding) => {
    asked.push(finding.label);
    return decide(finding);
  };
  return { asked, ask };
}

describe('protectCredentials', () => {
  it('moves every credential into a secret: the profile holds placeholders, the store the values', async () => {
    const secrets = memorySecrets();
    const { asked, ask } = asker((f) => ({ action: 'move', secretName: f.suggestedSecretName }));
    const out = await protectCredentials(profile, 'workspace', ask, secrets);
    assert.ok(out);
    const text = JSON.stringify(out);
    for (const value of [TOKEN, QUERY]) assert.ok(!text.includes(value), `${value} left in ${text}`);
    assert.equal(asked.length, 3, asked.join(' | '));
    assert.deepEqual(out.connection.headers?.[0], ['Authorization', 'Bearer ${secret:chat.authorization}']);
    assert.equal(secrets.stored.get('chat.authorization'), TOKEN);
    assert.ok(out.connection.url.includes('access_token=${secret:chat.access-token}'), out.connection.url);
    const resolved = await resolveProfile(out, {
      env: {},
      variables: {},
      getSecret: async (name) => secrets.stored.get(name),
    });
    assert.ok(resolved.ok);
    assert.deepEqual(resolved.connection, profile.connection, 'resolving gives back exactly what was typed');
    assert.ok(resolved.secretValues.includes(TOKEN));
  });

  it('asks once about a credential kept in clear and keeps it as typed', async () => {
    const secrets = memorySecrets();
    const { asked, ask } = asker(() => ({ action: 'keep' }));
    const out = await protectCredentials(profile, 'user', ask, secrets);
    assert.deepEqual(out, profile);
    assert.equal(asked.length, 3);
    assert.equal(secrets.stored.size, 0);
  });

  it('moves some and keeps others', async () => {
    const secrets = memorySecrets();
    const { ask } = asker((f) =>
      f.kind === 'authorization' ? { action: 'move', secretName: 'api-token' } : { action: 'keep' },
    );
    const out = await protectCredentials(profile, 'workspace', ask, secrets);
    assert.deepEqual(out?.connection.headers?.[0], ['Authorization', 'Bearer ${secret:api-token}']);
    assert.ok(out?.connection.url.includes(`access_token=${QUERY}`));
    assert.deepEqual([...secrets.stored.keys()], ['api-token']);
  });

  it('cancels the save when the user cancels a question; nothing more is stored', async () => {
    const secrets = memorySecrets();
    let n = 0;
    const { ask } = asker((f) => (n++ === 0 ? { action: 'move', secretName: f.suggestedSecretName } : undefined));
    assert.equal(await protectCredentials(profile, 'workspace', ask, secrets), undefined);
    assert.equal(secrets.stored.size, 1);
  });

  it('asks nothing about a profile without credentials in clear', async () => {
    const { asked, ask } = asker(() => undefined);
    const clean: Profile = { ...profile, connection: { kind: 'websocket', url: 'ws://h/?t=${secret:t}' } };
    assert.deepEqual(await protectCredentials(clean, 'workspace', ask, memorySecrets()), clean);
    assert.deepEqual(asked, []);
  });
});
