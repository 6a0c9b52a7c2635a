/**
 * Issue 12, liveness: the server chooses pingInterval and pingTimeout, but the client never waits on either longer
 * than MAX_HEARTBEAT_MS — a hostile server naming days would otherwise leave a dead link unnoticed for as long —
 * and the open row says when it capped them.
 */
import assert from 'node:assert/strict';
import { openNote } from '../../../../src/core/engineio/engineNotes';
import {
  keptHeartbeat,
  MAX_HEARTBEAT_MS,
  MAX_SID_LENGTH,
  parseOpenPacket,
} from '../../../../src/core/engineio/openPacket';

function open(pingInterval: number, pingTimeout: number) {
  const parsed = parseOpenPacket(JSON.stringify({ sid: 's1', upgrades: ['websocket'], pingInterval, pingTimeout }));
  assert.ok(parsed.ok);
  return parsed.value;
}

describe('Engine.IO heartbeat timings the client keeps (issue 12)', () => {
  it('keeps a server’s usual values as they are, and says nothing more', () => {
    assert.deepEqual(keptHeartbeat(open(25_000, 20_000)), { pingInterval: 25_000, pingTimeout: 20_000, capped: false });
    assert.doesNotMatch(openNote(open(25_000, 20_000), 'polling'), /at most/);
  });

  it('caps each at MAX_HEARTBEAT_MS and says so in the open row, keeping the server’s words too', () => {
    const days = 3 * 24 * 3600_000;
    assert.deepEqual(keptHeartbeat(open(days, 20_000)), {
      pingInterval: MAX_HEARTBEAT_MS,
      pingTimeout: 20_000,
      capped: true,
    });
    assert.deepEqual(keptHeartbeat(open(25_000, days)).pingTimeout, MAX_HEARTBEAT_MS);
    const note = openNote(open(days, days), 'polling');
    assert.match(note, new RegExp(`pingInterval ${days} ms, pingTimeout ${days} ms`));
    assert.match(note, /waits at most 5 min on each \(pingInterval 300000 ms, pingTimeout 300000 ms\)/);
  });
});

describe('the open packet’s sid: each refusal names the rule it broke', () => {
  const error = (sid: unknown): string => {
    const parsed = parseOpenPacket(JSON.stringify({ sid, upgrades: [], pingInterval: 25_000, pingTimeout: 20_000 }));
    assert.ok(!parsed.ok, 'refused');
    return parsed.error;
  };

  it('missing, not a string, empty, too long', () => {
    assert.match(error(undefined), /no "sid" string \(got none\)/);
    assert.match(error(42), /no "sid" string \(got a number\)/);
    assert.match(error(['s']), /no "sid" string \(got a list\)/);
    assert.match(error(''), /"sid" is empty/);
    assert.match(error('s'.repeat(MAX_SID_LENGTH + 1)), /"sid" is 257 characters long; at most 256 are accepted/);
  });

  it('takes a sid of exactly MAX_SID_LENGTH characters', () => {
    const parsed = parseOpenPacket(
      JSON.stringify({ sid: 's'.repeat(MAX_SID_LENGTH), upgrades: [], pingInterval: 1, pingTimeout: 1 }),
    );
    assert.ok(parsed.ok);
  });
});
