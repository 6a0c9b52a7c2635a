/** The profile form's checks come from core's profile rules (issue 10): placeholders are allowed where they may be. */
import assert from 'node:assert/strict';
import type { ProfileConnection } from '../../../../src/core/profiles/profileModel';
import { nameProblem, profileProblem, profileUrlProblem } from '../../../../src/host/profiles/profileChecks';

const ws = { kind: 'websocket', url: 'ws://h/' } as ProfileConnection;

describe('profile form checks', () => {
  it('a name is one non-empty line', () => {
    assert.equal(nameProblem('Chat (staging)'), null);
    assert.match(nameProblem('') ?? '', /name/i);
    assert.match(nameProblem('a\nb') ?? '', /one line/);
  });

  it('a URL may hold placeholders; a URL of the wrong scheme is refused', () => {
    assert.equal(profileUrlProblem(ws, 'ws://${var:host}:${env:PORT}/x?t=${secret:t}'), null);
    assert.notEqual(profileUrlProblem(ws, 'http://h/'), null);
    assert.match(profileUrlProblem(ws, 'ws://h/${secret:unclosed') ?? '', /never closed/);
    assert.equal(profileUrlProblem(ws, 'ws://h/${var:later}', new Set()), null, 'an unknown variable only warns');
  });

  it('the whole profile: the first error with its path', () => {
    assert.equal(profileProblem({ name: 'A', connection: ws }), null);
    const bad = { name: 'A', connection: { ...ws, headers: [['X-A', 'line\r\nInjected: 1']] } as ProfileConnection };
    assert.match(profileProblem(bad) ?? '', /^connection\.headers\[0\]/);
  });
});
