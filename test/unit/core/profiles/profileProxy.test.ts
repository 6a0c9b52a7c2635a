/**
 * A profile's own proxy (issue 12): its shape (url, noProxy, mode), the proxy password found when written in
 * clear and moved into a secret, and the proxy resolved with the connection — its secret value handed to the
 * session's redactor.
 */
import assert from 'node:assert/strict';
import { findClearCredentials } from '../../../../src/core/profiles/clearCredentials';
import { formatJsonPath } from '../../../../src/core/profiles/jsonPath';
import { moveToSecret } from '../../../../src/core/profiles/moveToSecret';
import type { Profile } from '../../../../src/core/profiles/profileModel';
import { checkProfileProxy } from '../../../../src/core/profiles/profileProxyShape';
import { resolveProfile } from '../../../../src/core/profiles/variableResolver';

const issuesOf = (proxy: unknown): Array<[string, string]> =>
  checkProfileProxy(proxy).map((i) => [formatJsonPath(i.segments), i.severity]);

function profile(proxy: Profile['proxy']): Profile {
  return { id: 'p', name: 'Corp chat', connection: { kind: 'websocket', url: 'wss://chat.example/' }, proxy };
}

describe('a profile proxy', () => {
  it('accepts a proxy url with noProxy, mode "direct", and a url that is one variable', () => {
    assert.deepEqual(issuesOf({ url: 'http://me:${secret:pw}@proxy:3128', noProxy: ['.corp', '10.0.0.0/8'] }), []);
    assert.deepEqual(issuesOf({ url: 'https://proxy.example' }), []);
    assert.deepEqual(issuesOf({ mode: 'direct' }), []);
    assert.deepEqual(issuesOf({ mode: 'system', url: '${env:HTTPS_PROXY}' }), []);
  });

  it('refuses what cannot be a proxy, and warns of a password in clear or an unknown field', () => {
    assert.deepEqual(issuesOf('http://proxy:3128'), [['', 'error']]);
    assert.deepEqual(issuesOf({ url: 'socks5://proxy:1080' }), [['url', 'error']]);
    assert.deepEqual(issuesOf({ url: 'not a url' }), [['url', 'error']]);
    assert.deepEqual(issuesOf({ url: 'http://proxy:3128\r\nX: 1' }), [['url', 'error']]);
    assert.deepEqual(issuesOf({ mode: 'pac' }), [['mode', 'error']]);
    assert.deepEqual(issuesOf({ mode: 'direct', url: 'http://proxy:3128' }), [['', 'error']]);
    assert.deepEqual(issuesOf({ url: 'http://proxy:3128', noProxy: 'corp' }), [['noProxy', 'error']]);
    assert.deepEqual(issuesOf({ url: 'http://me:hunter2@proxy:3128' }), [['url', 'warning']]);
    assert.deepEqual(issuesOf({ url: 'http://proxy:3128', pac: 'x' }), [['pac', 'warning']]);
    assert.deepEqual(issuesOf({ url: 'http://${secret:}@proxy:3128' }), [['url', 'error']]);
  });

  it('finds the proxy password in clear and moves it into a secret', () => {
    const p = profile({ url: 'http://me:hunter2@proxy:3128' });
    const [finding] = findClearCredentials(p);
    assert.deepEqual(finding && [finding.kind, finding.path, finding.suggestedSecretName], [
      'userinfo',
      'proxy.url',
      'corp-chat.proxy-password',
    ]);
    const moved = moveToSecret(p, finding!, finding!.suggestedSecretName);
    assert.equal(moved.secretValue, 'hunter2');
    assert.equal(moved.profile.proxy?.url, 'http://me:${secret:corp-chat.proxy-password}@proxy:3128');
    assert.deepEqual(findClearCredentials(moved.profile), []);
  });

  it('is resolved with the connection; its secret joins the values the session masks', async () => {
    const p = profile({ url: 'http://me:${secret:pw}@${var:proxyHost}:3128', noProxy: ['${env:CORP}'] });
    const context = {
      env: { CORP: '.corp' },
      getSecret: async (name: string) => (name === 'pw' ? 'tiger-77' : undefined),
      variables: { proxyHost: 'proxy.internal' },
    };
    const resolved = await resolveProfile(p, context);
    assert.ok(resolved.ok);
    assert.deepEqual(resolved.proxy, { url: 'http://me:tiger-77@proxy.internal:3128', noProxy: ['.corp'] });
    assert.ok(resolved.secretValues.includes('tiger-77'));
    const missing = await resolveProfile(p, { ...context, getSecret: async () => undefined });
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? (missing.issues[0]?.path ?? '') : '', /^proxy\.url/);
  });
});
