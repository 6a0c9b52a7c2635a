/**
 * The Realtime Inspector view as data (issue 10): groups by scope, an "Open file" entry for a file with
 * issues, profiles with their kind and masked URL, live sessions under the profile that opened them.
 */
import assert from 'node:assert/strict';
import { parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import type { ProfileFileSnapshot } from '../../../../src/core/profiles/profileModel';
import { dumpTree } from '../../../../src/host/profiles/profileTreeDump';
import {
  childNodes,
  maskedProfileUrl,
  rootNodes,
  viewOf,
  type ProfileTreeState,
  type SessionSummary,
} from '../../../../src/host/profiles/profileTreeModel';

const EMPTY = parseProfileFile('');

function file(profiles: unknown[], extra = ''): ProfileFileSnapshot {
  return parseProfileFile(`{ "version": 1, ${extra} "profiles": ${JSON.stringify(profiles)} }`);
}

const chat = { id: 'c1', name: 'Chat', connection: { kind: 'socketio', url: 'http://staging.example:3000' } };
const echo = {
  id: 'e1',
  name: 'Echo',
  description: 'the local echo',
  connection: { kind: 'websocket', url: 'ws://bob:hunter2hunter2@127.0.0.1:8765/echo?room=1&access_token=tok-123456' },
};
const feed = { id: 'f1', name: 'Feed', connection: { kind: 'sse', url: 'http://x/events?token=${secret:feed.token}' } };

function session(over: Partial<SessionSummary> = {}): SessionSummary {
  return { id: 's1', scope: 'workspace', profileId: 'e1', state: 'open', startedAt: Date.UTC(2025, 0, 1), ...over };
}

describe('profile tree model', () => {
  it('shows nothing (the welcome content) when no file has a profile or an issue', () => {
    assert.deepEqual(rootNodes({ workspace: EMPTY, user: EMPTY, sessions: [] }), []);
    assert.deepEqual(rootNodes({ user: EMPTY, sessions: [] }), []);
  });

  it('groups profiles as Workspace then User; no Workspace group without a folder', () => {
    const state: ProfileTreeState = { workspace: file([chat, echo]), user: file([feed]), sessions: [] };
    const dump = dumpTree(state);
    assert.deepEqual(
      dump.map((g) => [g.label, g.description, g.contextValue]),
      [
        ['Workspace', '2 profiles', 'group.workspace'],
        ['User', '1 profile', 'group.user'],
      ],
    );
    assert.deepEqual(
      dump[0].children.map((p) => [p.label, p.contextValue]),
      [
        ['Chat', 'profile.workspace'],
        ['Echo', 'profile.workspace'],
      ],
    );
    assert.deepEqual(
      dump[1].children.map((p) => p.contextValue),
      ['profile.user'],
    );
    const noFolder = dumpTree({ user: file([feed]), sessions: [] });
    assert.deepEqual(
      noFolder.map((g) => g.label),
      ['User'],
    );
  });

  it('labels a profile with its name, kind and URL, credentials in clear masked, placeholders kept', () => {
    const state: ProfileTreeState = { workspace: file([chat, echo]), user: file([feed]), sessions: [] };
    const [workspace, user] = rootNodes(state);
    const [chatNode, echoNode] = childNodes(state, workspace);
    assert.equal(viewOf(state, chatNode).description, 'Socket.IO · http://staging.example:3000');
    const echoView = viewOf(state, echoNode);
    assert.equal(echoView.description, 'WebSocket · ws://bob:••••@127.0.0.1:8765/echo?room=1&access_token=••••');
    assert.ok(echoView.tooltip?.includes('the local echo'));
    assert.ok(!JSON.stringify(echoView).includes('hunter2') && !JSON.stringify(echoView).includes('tok-123456'));
    const feedView = viewOf(state, childNodes(state, user)[0]);
    assert.equal(feedView.description, 'Server-Sent Events · http://x/events?token=${secret:feed.token}');
  });

  it('puts an "Open file" entry first when the file has issues; the good profiles still show', () => {
    const snapshot = file([chat, { id: 'bad', name: 'Bad', connection: { kind: 'telnet', url: 'x' } }, echo]);
    const state: ProfileTreeState = { workspace: snapshot, user: EMPTY, sessions: [] };
    const children = childNodes(state, rootNodes(state)[0]);
    assert.deepEqual(
      children.map((n) => n.type),
      ['issues', 'profile', 'profile'],
    );
    const issues = viewOf(state, children[0]);
    assert.equal(issues.label, 'Open file');
    assert.match(issues.description ?? '', /^1 error/);
    assert.equal(issues.contextValue, 'issues');
    assert.equal(issues.icon, 'error');
  });

  it('shows a file that cannot be read at all as its issues only', () => {
    const state: ProfileTreeState = { workspace: parseProfileFile('{ "version": 1, '), user: EMPTY, sessions: [] };
    const dump = dumpTree(state);
    assert.deepEqual(
      dump[0].children.map((c) => c.label),
      ['Open file'],
    );
  });

  it('lists the live sessions under the profile that opened them, with their state', () => {
    const sessions = [
      session(),
      session({ id: 's2', state: 'connecting', transport: 'polling' }),
      session({ id: 's3', scope: 'user', profileId: 'e1' }),
    ];
    const state: ProfileTreeState = { workspace: file([chat, echo]), user: EMPTY, sessions };
    const [chatNode, echoNode] = childNodes(state, rootNodes(state)[0]);
    assert.deepEqual(childNodes(state, chatNode), []);
    assert.equal(viewOf(state, chatNode).collapsible, 'none');
    const echoView = viewOf(state, echoNode);
    assert.equal(echoView.collapsible, 'expanded');
    assert.equal(echoView.icon, 'plug');
    const live = childNodes(state, echoNode).map((n) => viewOf(state, n));
    assert.deepEqual(
      live.map((v) => [v.label, v.contextValue, v.icon]),
      [
        ['open', 'session', 'circle-filled'],
        ['connecting', 'session', 'loading~spin'],
      ],
    );
    assert.match(live[1].description ?? '', /^since \d\d:\d\d:\d\d · polling$/);
    assert.equal(live[0].id, 'session:s1');
    assert.equal(echoView.id, 'profile:workspace:e1:live', 'a new id, so VS Code shows it unfolded');
  });

  it('gives every node a stable id', () => {
    const state: ProfileTreeState = { workspace: file([chat]), user: file([chat]), sessions: [] };
    const ids = rootNodes(state).flatMap((g) => [g, ...childNodes(state, g)].map((n) => viewOf(state, n).id));
    assert.deepEqual(ids, ['group:workspace', 'profile:workspace:c1', 'group:user', 'profile:user:c1']);
  });

  describe('maskedProfileUrl', () => {
    it('masks a password and token query values typed in clear, nothing else', () => {
      assert.equal(maskedProfileUrl('wss://u:pw@h:1/p?a=1&token=abc#x'), 'wss://u:••••@h:1/p?a=1&token=••••#x');
      assert.equal(maskedProfileUrl('http://h/socket.io/?room=2'), 'http://h/socket.io/?room=2');
    });
    it('keeps placeholders as written: they name values, they are not values', () => {
      const url = 'ws://u:${secret:pw}@${var:host}/p?api_key=${secret:key}&t=${env:T}';
      assert.equal(maskedProfileUrl(url), url);
    });
    it('never throws on text that is not a URL', () => {
      assert.equal(maskedProfileUrl('not a url'), 'not a url');
      assert.equal(maskedProfileUrl(''), '');
    });
  });
});
