/**
 * "Reconnect automatically" in Connect… (issue 12): offered for WebSocket, Socket.IO and Engine.IO only, off
 * unless chosen, on = the default backoff for the launched session, `{ "enabled": true }` for a profile saved
 * from it; the profile form shows a profile's own setting and writes it back only when the choice changed.
 */
import assert from 'node:assert/strict';
import { validateConnectionOptions } from '../../../src/core/connection/connectionOptions';
import { DEFAULT_RECONNECT_POLICY, readReconnectSetting } from '../../../src/core/reconnect/reconnectPolicy';
import type { Draft } from '../../../src/host/connectDraft';
import { optionItems } from '../../../src/host/connectOptionItems';
import {
  AUTO_RECONNECT_FIELD,
  profileReconnectAfter,
  profileReconnects,
  reconnectPolicyOfDraft,
  toggleAutoReconnect,
} from '../../../src/host/connectReconnect';
import { connectionOfDraft } from '../../../src/host/profiles/profileDraft';

const label = (draft: Draft): string | undefined => optionItems(draft).find((i) => i.id === 'autoReconnect')?.label;

describe('Connect… "Reconnect automatically"', () => {
  it('is offered, off, for the kinds a reconnect policy applies to, and only for them', () => {
    for (const kind of ['websocket', 'socketio', 'engineio'] as const)
      assert.match(label({ kind, url: 'ws://x/' }) ?? '', /Reconnect automatically: off/, kind);
    for (const kind of ['sse', 'longpoll', 'shortpoll'] as const)
      assert.equal(label({ kind, url: 'http://x/' }), undefined, kind);
  });

  it('toggles; on gives the session the default backoff, off none', () => {
    const draft: Draft = { kind: 'websocket', url: 'ws://127.0.0.1:1/' };
    assert.equal(reconnectPolicyOfDraft(draft), undefined);
    toggleAutoReconnect(draft);
    assert.match(label(draft) ?? '', /: on$/);
    assert.deepEqual(reconnectPolicyOfDraft(draft), DEFAULT_RECONNECT_POLICY);
    assert.notEqual(reconnectPolicyOfDraft(draft), DEFAULT_RECONNECT_POLICY, 'a copy, never the shared default');
    toggleAutoReconnect(draft);
    assert.equal(reconnectPolicyOfDraft(draft), undefined);
  });

  it('a kind without it gives no policy, whatever the draft still holds', () => {
    assert.equal(reconnectPolicyOfDraft({ kind: 'sse', url: 'http://x/', [AUTO_RECONNECT_FIELD]: true }), undefined);
  });

  it('stays out of the connection: the validator and a profile\u2019s connection never see it', () => {
    const draft: Draft = { kind: 'websocket', url: 'ws://127.0.0.1:1/', [AUTO_RECONNECT_FIELD]: true };
    const validated = validateConnectionOptions(draft);
    assert.ok(validated.ok);
    assert.equal(AUTO_RECONNECT_FIELD in validated.value, false);
    assert.equal(AUTO_RECONNECT_FIELD in connectionOfDraft(draft, {} as never), false);
  });

  describe('in the profile form', () => {
    const draftWith = (on: boolean, kind: Draft['kind'] = 'socketio'): Draft => ({
      kind,
      url: 'http://x/',
      [AUTO_RECONNECT_FIELD]: on,
    });

    it('starts from the profile\u2019s own setting', () => {
      assert.deepEqual(
        [undefined, 'off', {}, { enabled: false }, { maxAttempts: 3 }].map((s) => profileReconnects(s as never)),
        [false, false, true, false, true],
      );
    });

    it('keeps the setting as written when the choice did not change (its own delays too)', () => {
      const own = { initialDelayMs: 500, maxAttempts: 3 };
      assert.equal(profileReconnectAfter(own, draftWith(true)), own);
      assert.equal(profileReconnectAfter('off', draftWith(false)), 'off');
      assert.equal(profileReconnectAfter(undefined, draftWith(false)), undefined);
    });

    it('writes { "enabled": true } when turned on, and flips "enabled" of an object, keeping its fields', () => {
      const on = profileReconnectAfter(undefined, draftWith(true));
      assert.deepEqual(on, { enabled: true });
      assert.deepEqual(readReconnectSetting(on).policy, DEFAULT_RECONNECT_POLICY);
      assert.deepEqual(profileReconnectAfter('off', draftWith(true)), { enabled: true });
      const own = { initialDelayMs: 500, maxAttempts: 3 };
      const off = profileReconnectAfter(own, draftWith(false));
      assert.deepEqual(off, { initialDelayMs: 500, maxAttempts: 3, enabled: false });
      assert.equal(readReconnectSetting(off).policy, undefined);
      assert.deepEqual(profileReconnectAfter(off, draftWith(true)), { ...own, enabled: true });
    });

    it('leaves the setting alone when the kind was changed to one without the choice', () => {
      const own = { maxAttempts: 3 };
      assert.equal(profileReconnectAfter(own, draftWith(false, 'sse')), own);
    });
  });
});
