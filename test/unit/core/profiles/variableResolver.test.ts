/**
 * Resolving a profile when it connects: each kind of variable, what is missing named (a secret by its
 * name, never a value), no second expansion, a line break brought in by a value refused, and the options
 * validated again, with no secret value in any message.
 */
import assert from 'node:assert/strict';
import type { ResolvedEngineIoOptions } from '../../../../src/core/connection/engineIoOptions';
import type { Profile, ProfileIssue } from '../../../../src/core/profiles/profileModel';
import {
  resolveProfile,
  resolveSavedMessage,
  type ResolvedProfile,
  type VariableContext,
} from '../../../../src/core/profiles/variableResolver';

function context(secrets: Record<string, string> = {}, extra: Partial<VariableContext> = {}): VariableContext {
  return {
    env: { HOST: 'example.com', EMPTY: '' },
    getSecret: async (name) => (Object.hasOwn(secrets, name) ? secrets[name] : undefined),
    variables: { port: '8443', path: '/live' },
    workspaceFolder: '/home/me/project',
    ...extra,
  };
}

function profile(connection: Record<string, unknown>, extra: Partial<Profile> = {}): Profile {
  return { id: 'p1', name: 'Test', connection: connection as unknown as Profile['connection'], ...extra };
}

function issuesOf(result: ResolvedProfile | { ok: false; issues: ProfileIssue[] } | { ok: true }): ProfileIssue[] {
  assert.equal(result.ok, false, 'expected issues');
  return (result as { issues: ProfileIssue[] }).issues;
}

describe('variableResolver', () => {
  it('replaces env, var, secret and workspaceFolder variables and validates the result', async () => {
    const result = await resolveProfile(
      profile({
        kind: 'websocket',
        url: 'wss://${env:HOST}:${var:port}${var:path}',
        headers: [
          ['Authorization', 'Bearer ${secret:api-token}'],
          ['X-Root', '${workspaceFolder}'],
        ],
      }),
      context({ 'api-token': 'tok-123456' }),
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.options.url, 'wss://example.com:8443/live');
    assert.deepEqual(result.options.kind === 'websocket' && result.options.headers, [
      ['Authorization', 'Bearer tok-123456'],
      ['X-Root', '/home/me/project'],
    ]);
    assert.deepEqual(result.secretValues, ['tok-123456']);
    assert.equal(result.connection.url, 'wss://example.com:8443/live');
  });

  it('asks for each secret once, however often it is used', async () => {
    const asked: string[] = [];
    const ctx = context({}, { getSecret: async (name) => (asked.push(name), 'same-secret-value') });
    const result = await resolveProfile(
      profile({
        kind: 'socketio',
        url: 'http://localhost:3000/?token=${secret:t}',
        query: [['sig', '${secret:t}']],
        namespaces: [{ name: '/', auth: '{"token":"${secret:t}"}' }],
      }),
      ctx,
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(asked, ['t']);
    assert.deepEqual(result.secretValues, ['same-secret-value']);
    assert.deepEqual((result.options as ResolvedEngineIoOptions).namespaces, [
      { name: '/', auth: '{"token":"same-secret-value"}' },
    ]);
  });

  it('names a missing secret, unset env variable, unknown variable and missing folder at their fields', async () => {
    const result = await resolveProfile(
      profile({
        kind: 'websocket',
        url: 'ws://${env:NOPE}/${var:missing}',
        headers: [['Authorization', 'Bearer ${secret:not-stored}']],
        origin: '${workspaceFolder}',
      }),
      context({}, { workspaceFolder: undefined }),
    );
    const issues = issuesOf(result);
    const at = (path: string) => issues.filter((i) => i.path === path).map((i) => i.message);
    assert.deepEqual(at('connection.url').length, 2);
    assert.match(at('connection.url').join(' '), /environment variable NOPE is not set/);
    assert.match(at('connection.url').join(' '), /no variable "missing"/);
    assert.match(at('connection.headers[0][1]')[0], /no secret named "not-stored" is stored/);
    assert.match(at('connection.origin')[0], /workspace folder/);
  });

  it('treats an empty environment variable as set', async () => {
    const result = await resolveProfile(profile({ kind: 'sse', url: 'http://a/${env:EMPTY}' }), context());
    assert.ok(result.ok);
    assert.equal(result.options.url, 'http://a/');
  });

  it('does not expand a placeholder that a value brings in', async () => {
    const result = await resolveProfile(
      profile({ kind: 'sse', url: 'http://a/', body: '${var:body}', method: 'POST' }),
      context({}, { variables: { body: '{"x": "${secret:inner}"}' } }),
    );
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.options.kind === 'sse' && result.options.body, '{"x": "${secret:inner}"}');
    assert.deepEqual(result.secretValues, []);
  });

  it('refuses a value with a line break in a header, naming the variable, not the value', async () => {
    const result = await resolveProfile(
      profile({ kind: 'websocket', url: 'ws://a/', headers: [['X-Token', '${secret:evil}']] }),
      context({ evil: 'abc\r\nX-Injected: 1' }),
    );
    const [issue] = issuesOf(result);
    assert.equal(issue.path, 'connection.headers[0][1]');
    assert.match(issue.message, /\$\{secret:evil\} contains a line break/);
    assert.doesNotMatch(issue.message, /Injected/);
  });

  it('allows line breaks from a value where the field may span lines (a POST body)', async () => {
    const result = await resolveProfile(
      profile({ kind: 'longpoll', url: 'http://a/poll', method: 'POST', body: '${var:body}' }),
      context({}, { variables: { body: '{\n  "since": 0\n}' } }),
    );
    assert.ok(result.ok, JSON.stringify(result));
  });

  it('reports a secret store that fails, without its error text', async () => {
    const ctx = context({}, { getSecret: () => Promise.reject(new Error('keychain says: value=hunter2')) });
    const [issue] = issuesOf(await resolveProfile(profile({ kind: 'sse', url: 'http://a/?k=${secret:k}' }), ctx));
    assert.match(issue.message, /could not be read/);
    assert.doesNotMatch(issue.message, /hunter2/);
  });

  it('validates again after resolution, quoting the placeholder instead of the secret', async () => {
    const secret = '[CanaryHost-5f2a9c';
    const [issue] = issuesOf(
      await resolveProfile(profile({ kind: 'websocket', url: 'ws://${secret:host}/' }), context({ host: secret })),
    );
    assert.equal(issue.path, 'connection.url');
    assert.match(issue.message, /\$\{secret:host\}/);
    assert.ok(!issue.message.includes('CanaryHost'), issue.message);
  });

  it('gives a plain message when the validator cut a secret short in its message', async () => {
    // An invalid host, long enough that the validator's quote of the URL (60 characters) ends inside it.
    const secret = '[Cx9Qz7Kw2Vb8Jn4Lm6Pt3Rs5Yh1Fd0Gk7Wq2Zx8Nc4Bm9Hj3Tl6Pr1Sd5Xq8Zt2';
    const url = 'ws://${secret:s}/path';
    const [issue] = issuesOf(await resolveProfile(profile({ kind: 'websocket', url }), context({ s: secret })));
    assert.match(issue.message, /Not valid once \$\{secret:s\} is filled in/);
    for (let i = 0; i + 4 <= secret.length; i++) assert.ok(!issue.message.includes(secret.slice(i, i + 4)));
  });

  it('never puts a header name that came from a secret into a message', async () => {
    const result = await resolveProfile(
      profile({ kind: 'websocket', url: 'ws://a/', headers: [['${secret:name}', 'v']] }),
      context({ name: 'Bad Name With Spaces' }),
    );
    const [issue] = issuesOf(result);
    assert.equal(issue.path, 'connection.headers[0]');
    assert.ok(!issue.message.includes('Bad Name'), issue.message);
  });

  it('resolves a saved message with its variables', async () => {
    const p = profile(
      { kind: 'socketio', url: 'http://a/' },
      {
        messages: [
          { name: 'join', request: { kind: 'sio-connect', namespace: '/admin', auth: '{"k":"${secret:k}"}' } },
          { name: 'bad', request: { kind: 'text', text: '${env:NOPE}' } },
        ],
      },
    );
    const joined = await resolveSavedMessage(p, 0, context({ k: 'key-987654' }));
    assert.ok(joined.ok);
    assert.deepEqual(joined.request, { kind: 'sio-connect', namespace: '/admin', auth: '{"k":"key-987654"}' });
    assert.deepEqual(joined.secretValues, ['key-987654']);
    const bad = await resolveSavedMessage(p, 1, context());
    assert.deepEqual(
      issuesOf(bad).map((i) => i.path),
      ['messages[1].request.text'],
    );
    assert.equal(issuesOf(await resolveSavedMessage(p, 5, context()))[0].path, 'messages[5]');
  });
});
