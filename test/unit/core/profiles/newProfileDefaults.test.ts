/** New profiles start with the heartbeat on (issue 12); other kinds and chosen values are left as they are. */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../../src/core/connection/connectionOptions';
import { NEW_PROFILE_HEARTBEAT, withNewProfileDefaults } from '../../../../src/core/profiles/newProfileDefaults';

describe('new-profile defaults (issue 12)', () => {
  it('gives a new WebSocket profile a ping every 20 s and a 10 s pong deadline', () => {
    const connection = withNewProfileDefaults({ kind: 'websocket', url: 'ws://h/' });
    assert.deepEqual(connection, { kind: 'websocket', url: 'ws://h/', ...NEW_PROFILE_HEARTBEAT });
    assert.ok(validateConnectionOptions(connection).ok, 'a profile the validator accepts');
  });

  it('keeps a heartbeat chosen in the form, and leaves other kinds alone', () => {
    const off = { kind: 'websocket' as const, url: 'ws://h/', heartbeatIntervalMs: 0 };
    assert.equal(withNewProfileDefaults(off), off);
    const sse = { kind: 'sse' as const, url: 'http://h/' };
    assert.equal(withNewProfileDefaults(sse), sse);
    const timeout = withNewProfileDefaults({ kind: 'websocket', url: 'ws://h/', heartbeatTimeoutMs: 5_000 });
    assert.deepEqual([timeout.kind === 'websocket' && timeout.heartbeatTimeoutMs], [5_000]);
  });
});
