/**
 * A session's redactor is one stable object (the panel, the status bar and exports keep it) that masks the
 * secret values added later — a message book's `${secret:NAME}` values, added before they are sent.
 */
import assert from 'node:assert/strict';
import type { Session } from '../../../src/core/session/session';
import { addSessionSecrets, redactorFor, setSessionSecrets } from '../../../src/host/sessionRedaction';

const fakeSession = (): Session => ({ options: { kind: 'websocket', url: 'ws://127.0.0.1:1/echo' } }) as Session;

describe('session redaction', () => {
  it('masks secrets added after the redactor was handed out', () => {
    const session = fakeSession();
    const redactor = redactorFor(session);
    assert.equal(redactor.text('token=BookSecret-123'), 'token=BookSecret-123');
    assert.equal(redactor.hasKnownSecrets, false);
    addSessionSecrets(session, ['BookSecret-123']);
    assert.equal(redactorFor(session), redactor, 'the same object');
    assert.ok(!redactor.text('token=BookSecret-123').includes('BookSecret-123'));
    assert.ok(!redactor.text(Buffer.from('BookSecret-123').toString('base64')).includes('Qm9va1NlY3JldC0xMjM'));
    assert.equal(redactor.hasKnownSecrets, true);
  });

  it('keeps a profile’s secrets when a book adds its own', () => {
    const session = fakeSession();
    setSessionSecrets(session, ['ProfileSecret-1']);
    addSessionSecrets(session, ['BookSecret-2', 'ProfileSecret-1', '']);
    const shown = redactorFor(session).text('ProfileSecret-1 BookSecret-2');
    assert.ok(!shown.includes('ProfileSecret-1') && !shown.includes('BookSecret-2'), shown);
  });
});
