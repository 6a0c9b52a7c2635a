/**
 * The webviews' CSP (issue 12): the directives that keep hostile server text from ever running, checked on the
 * string the meta tag carries.
 */
import assert from 'node:assert/strict';
import { contentSecurityPolicy } from '../../../../src/host/panel/contentSecurityPolicy';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** The policy as directive name → its values. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    assert.ok(!parsed.has(name), `directive ${name} appears once`);
    parsed.set(name, values);
  }
  return parsed;
}

describe('contentSecurityPolicy', () => {
  const policy = directives(contentSecurityPolicy(SOURCE, 'abc123=='));

  it("starts from default-src 'none' and runs scripts by nonce only (no 'unsafe-inline', no 'unsafe-eval')", () => {
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), ["'nonce-abc123=='"]);
    assert.doesNotMatch(contentSecurityPolicy(SOURCE, 'n'), /unsafe-(inline|eval)/);
  });

  it("requires Trusted Types for every script sink, and allows no policy ('none')", () => {
    assert.deepEqual(policy.get('require-trusted-types-for'), ["'script'"]);
    assert.deepEqual(policy.get('trusted-types'), ["'none'"]);
  });

  it('loads styles, fonts and images only from the webview’s own resource origin', () => {
    assert.deepEqual(policy.get('style-src'), [SOURCE]);
    assert.deepEqual(policy.get('font-src'), [SOURCE]);
    assert.deepEqual(policy.get('img-src'), [SOURCE, 'data:']);
    assert.equal(policy.get('connect-src'), undefined, 'the webview opens no connection of its own');
    assert.equal(policy.get('frame-src'), undefined);
  });
});
