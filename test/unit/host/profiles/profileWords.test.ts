/**
 * The profile prompts' words (issue 10): names from a file are inert in notifications, the credential
 * question says why a workspace file is the wrong place, and no text carries a credential's value.
 */
import assert from 'node:assert/strict';
import type { ClearCredential } from '../../../../src/core/profiles/clearCredentials';
import {
  cannotConnectMessage,
  clearCredentialQuestion,
  deleteQuestion,
  fileProblemMessage,
  untrustedProfileQuestion,
} from '../../../../src/host/profiles/profileWords';
import { profileRefOf } from '../../../../src/host/sessionOrigin';

const finding: ClearCredential = {
  path: 'connection.headers[0][1]',
  kind: 'authorization',
  suggestedSecretName: 'chat.authorization',
  label: 'the credential of the Authorization header',
  span: { start: 7, end: 20 },
};
const HOSTILE = 'Evil [click](command:workbench.action.terminal.new)';

describe('profile words', () => {
  it('says a workspace file is shared (git) when asking about a credential in clear', () => {
    const text = clearCredentialQuestion('Chat', finding, 'workspace');
    assert.match(text, /Authorization header is typed in clear/);
    assert.match(text, /git/);
    assert.match(clearCredentialQuestion('Chat', finding, 'user'), /on this machine/);
  });

  it('makes names from a file inert: no link can be made of them', () => {
    for (const text of [
      clearCredentialQuestion(HOSTILE, finding, 'workspace'),
      untrustedProfileQuestion(HOSTILE),
      deleteQuestion(HOSTILE, 'workspace'),
      cannotConnectMessage(HOSTILE, [{ path: 'connection.url', message: 'x', severity: 'error' }]),
    ])
      assert.ok(!text.includes(']('), text);
  });

  it('the trust question names the workspace and asks to connect anyway', () => {
    assert.match(untrustedProfileQuestion('Chat'), /workspace you have not trusted.*Connect anyway\?/);
  });

  it('a connect problem points at the field and counts the others', () => {
    const issues = [
      { path: 'connection.headers[0][1]', message: '${secret:t}: no secret named "t" is stored.', severity: 'error' },
      { path: 'connection.url', message: 'bad', severity: 'error' },
    ] as const;
    assert.equal(
      cannotConnectMessage('Chat', [...issues]),
      'Profile "Chat" cannot connect: connection.headers[0][1]: ${secret:t}: no secret named "t" is stored. ' +
        '(and 1 more problem)',
    );
  });

  it('a file problem says where (line and column, one-based) and that the others keep working', () => {
    const range = { start: { line: 4, column: 2 }, end: { line: 4, column: 9 }, offset: 50, length: 7 };
    const text = fileProblemMessage('workspace', {
      path: 'profiles[1].connection.kind',
      message: 'Unknown kind',
      severity: 'error',
      range,
    });
    assert.match(text, /^\.vscode\/realtime-inspector\.json has a problem \(line 5, column 3\): profiles\[1\]/);
    assert.match(text, /The other profiles keep working\.$/);
  });

  it('a command argument names a profile as { scope, profileId } or { scope, id }', () => {
    assert.deepEqual(profileRefOf({ type: 'profile', scope: 'user', profileId: 'p1' }), { scope: 'user', id: 'p1' });
    assert.deepEqual(profileRefOf({ scope: 'workspace', id: 'p2' }), { scope: 'workspace', id: 'p2' });
    for (const bad of [undefined, 'p1', { scope: 'team', id: 'x' }, { scope: 'user' }, { scope: 'user', id: '' }])
      assert.equal(profileRefOf(bad), undefined);
  });
});
