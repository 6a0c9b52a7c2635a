/**
 * Reading `.vscode/realtime-inspector.json`: JSON with comments and trailing commas; every issue carries
 * the field's JSON path and its line/column range; a bad profile is skipped while the others load; a file
 * that is not JSON at all is one issue at its position.
 */
import assert from 'node:assert/strict';
import { isProvisionalId, parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import type { ProfileFileSnapshot, ProfileIssue } from '../../../../src/core/profiles/profileModel';
import { rangeOfPath } from '../../../../src/core/profiles/textLocations';

/** The issue at `path`, failing with the list of issues when there is none. */
function issueAt(snapshot: ProfileFileSnapshot, path: string): ProfileIssue {
  const issue = snapshot.issues.find((i) => i.path === path);
  assert.ok(issue, `no issue at ${path}; issues: ${JSON.stringify(snapshot.issues.map((i) => [i.path, i.message]))}`);
  return issue;
}

/** The text an issue's range covers. */
function covered(text: string, issue: ProfileIssue): string {
  assert.ok(issue.range, 'the issue has a range');
  return text.slice(issue.range.offset, issue.range.offset + issue.range.length);
}

const GOOD = `{
  // Shared with the team: no secret values here.
  "$schema": "realtime-inspector:/schemas/realtime-inspector.schema.json",
  "version": 1,
  "variables": { "host": "localhost:8080", },
  "profiles": [
    {
      "id": "3f0c",
      "name": "Echo",
      "connection": {
        "kind": "websocket",
        "url": "ws://\${var:host}/echo",
        "headers": [["Authorization", "Bearer \${secret:echo-token}"]], // resolved at connect time
        "subprotocols": ["chat"],
      },
      "messages": [{ "name": "hello", "request": { "kind": "text", "text": "hi \${env:USER}" } }],
    },
    {
      "id": "9a1b",
      "name": "Chat",
      "connection": {
        "kind": "socketio",
        "url": "http://\${env:CHAT_HOST}:\${env:CHAT_PORT}",
        "namespaces": [{ "name": "/", "auth": "{\\"token\\": \\"\${secret:chat}\\"}" }],
      },
      "reconnect": { "initialDelayMs": 500, "maxAttempts": 5 },
      "tls": { "pinnedCertificates": ["644ABFF958F7D3C1CBC5094A88DCDEC76DA863CCB481FBE9828D7C2B4CCF5DFE"] },
    },
    { "id": "e1", "name": "Feed", "connection": { "kind": "sse", "url": "https://example.com/events" } },
    {
      "id": "p1",
      "name": "Poll",
      "connection": { "kind": "longpoll", "url": "http://x/poll", "cursor": { "from": "$.c", "to": "since" } },
    },
    { "id": "s1", "name": "Tick", "connection": { "kind": "shortpoll", "url": "http://x/tick", "intervalMs": 500 } },
    {
      "id": "g1",
      "name": "Raw EIO",
      "connection": { "kind": "engineio", "url": "http://x/engine.io/", "transports": "polling-only" },
    },
  ],
}
`;

describe('profileFileParser', () => {
  it('reads a file with comments, trailing commas, variables and every kind, with no issue', () => {
    const snapshot = parseProfileFile(GOOD);
    assert.deepEqual(snapshot.issues, []);
    assert.deepEqual(
      snapshot.profiles.map((p) => [p.id, p.connection.kind]),
      [
        ['3f0c', 'websocket'],
        ['9a1b', 'socketio'],
        ['e1', 'sse'],
        ['p1', 'longpoll'],
        ['s1', 'shortpoll'],
        ['g1', 'engineio'],
      ],
    );
    assert.deepEqual(snapshot.variables, { host: 'localhost:8080' });
    assert.equal(snapshot.editable, true);
    assert.equal(snapshot.indexById.get('e1'), 2);
    // Placeholders stay as written: they are resolved when the profile connects.
    assert.equal(snapshot.profiles[0].connection.url, 'ws://${var:host}/echo');
    assert.deepEqual(snapshot.profiles[1].reconnect, { initialDelayMs: 500, maxAttempts: 5 });
  });

  it('treats an empty file as a file with no profiles', () => {
    const snapshot = parseProfileFile('  \n');
    assert.deepEqual([snapshot.profiles, snapshot.issues, snapshot.editable], [[], [], true]);
  });

  it('reports each bad profile at its field with a line/column range, and loads the others', () => {
    const text = [
      '{ "version": 1, "profiles": [',
      '  { "id": "ok1", "name": "First", "connection": { "kind": "websocket", "url": "ws://a/" } },',
      '  { "id": "k", "name": "Kind", "connection": { "kind": "mqtt", "url": "ws://a/" } },',
      '  { "id": "u", "name": "Url", "connection": { "kind": "websocket", "url": "localhost:8080" } },',
      '  { "id": "h", "name": "CRLF", "connection": { "kind": "sse", "url": "http://a/", ' +
        '"headers": [["X-Ok", "1"], ["X-Bad", "a\\r\\nInjected: 1"]] } },',
      '  { "id": "j", "name": "Json" "connection": { "kind": "websocket", "url": "ws://a/" } },',
      '  { "id": "ok2", "name": "Last", "connection": { "kind": "sse", "url": "http://b/" } }',
      ']}',
    ].join('\n');
    const snapshot = parseProfileFile(text);
    assert.deepEqual(
      snapshot.profiles.map((p) => p.id),
      ['ok1', 'ok2'],
    );
    const kind = issueAt(snapshot, 'profiles[1].connection.kind');
    assert.match(kind.message, /Unknown connection kind "mqtt"/);
    assert.deepEqual([kind.range?.start.line, covered(text, kind)], [2, '"mqtt"']);
    const url = issueAt(snapshot, 'profiles[2].connection.url');
    assert.match(url.message, /ws:\/\/|not a valid URL|scheme/);
    assert.deepEqual([url.range?.start.line, covered(text, url)], [3, '"localhost:8080"']);
    const header = issueAt(snapshot, 'profiles[3].connection.headers[1]');
    assert.match(header.message, /line break/);
    assert.equal(covered(text, header), '["X-Bad", "a\\r\\nInjected: 1"]');
    const json = issueAt(snapshot, 'profiles[4]');
    assert.match(json.message, /^Invalid JSON: a "," is expected here\.$/);
    assert.equal(json.range?.start.line, 5);
    assert.equal(json.range?.start.column, text.split('\n')[5].indexOf('"connection"'));
    assert.equal(snapshot.editable, false, 'a file with a syntax error is not edited');
    assert.ok(snapshot.issues.every((i) => i.severity === 'error'));
  });

  it('reports a file that is not JSON as one issue at the position of the first error', () => {
    const text = '{\n  "version": 1,\n  "profiles": []\n  "variables": {}\n}';
    const snapshot = parseProfileFile(text);
    assert.equal(snapshot.issues.length, 1);
    const [issue] = snapshot.issues;
    assert.deepEqual([issue.path, issue.severity, issue.range?.start], ['', 'error', { line: 3, column: 2 }]);
    assert.match(issue.message, /Invalid JSON/);
    assert.deepEqual([snapshot.profiles, snapshot.editable], [[], false]);
  });

  it('reports a root that is not an object, and a missing or wrong "profiles"', () => {
    assert.match(parseProfileFile('[1, 2]').issues[0].message, /one object/);
    assert.match(issueAt(parseProfileFile('{ "version": 1 }'), '').message, /needs a "profiles" list/);
    assert.match(issueAt(parseProfileFile('{ "version": 1, "profiles": {} }'), 'profiles').message, /must be a list/);
  });

  it('refuses to edit a file of another version, and asks for a version when it has none', () => {
    const newer = parseProfileFile('{ "version": 2, "profiles": [] }');
    assert.match(issueAt(newer, 'version').message, /version 2/);
    assert.equal(newer.editable, false);
    const none = parseProfileFile('{ "profiles": [] }');
    assert.deepEqual([issueAt(none, '').severity, none.editable], ['warning', true]);
  });

  it('checks variables: names, text values, and no expansion inside them', () => {
    const text =
      '{ "version": 1, "variables": { "ok": "1", "bad name": "x", "n": 5, "nested": "${env:HOME}" }, "profiles": [] }';
    const snapshot = parseProfileFile(text);
    assert.equal(issueAt(snapshot, 'variables["bad name"]').severity, 'error');
    assert.equal(covered(text, issueAt(snapshot, 'variables["bad name"]')), '"bad name"', 'points at the name');
    assert.match(issueAt(snapshot, 'variables.n').message, /must be text/);
    assert.equal(issueAt(snapshot, 'variables.nested').severity, 'warning');
    assert.deepEqual(snapshot.variables, { ok: '1', nested: '${env:HOME}' });
  });

  it('does not let a placeholder make a URL invalid, but checks the text around it', () => {
    const text = JSON.stringify({
      version: 1,
      variables: { port: '8080' },
      profiles: [
        { id: 'a', name: 'Whole URL', connection: { kind: 'websocket', url: '${env:WS_URL}' } },
        { id: 'b', name: 'Port', connection: { kind: 'websocket', url: 'ws://localhost:${var:port}/' } },
        { id: 'c', name: 'Scheme', connection: { kind: 'websocket', url: 'ftp://${env:HOST}/' } },
        { id: 'd', name: 'Typo', connection: { kind: 'websocket', url: 'ws://${envv:HOST}/' } },
        { id: 'e', name: 'Line', connection: { kind: 'sse', url: 'http://a/', headers: [['X', '${env:A}\n']] } },
        { id: 'f', name: 'Unknown var', connection: { kind: 'sse', url: 'http://${var:nope}/' } },
      ],
    });
    const snapshot = parseProfileFile(text);
    assert.deepEqual(
      snapshot.profiles.map((p) => p.id),
      ['a', 'b', 'f'],
    );
    assert.match(issueAt(snapshot, 'profiles[2].connection.url').message, /Unsupported scheme "ftp"/);
    assert.match(issueAt(snapshot, 'profiles[3].connection.url').message, /Unknown variable "\$\{envv:HOST\}"/);
    assert.match(issueAt(snapshot, 'profiles[4].connection.headers[0][1]').message, /line break/);
    const unknown = issueAt(snapshot, 'profiles[5].connection.url');
    assert.deepEqual([unknown.severity, /"nope"/.test(unknown.message)], ['warning', true]);
  });

  it('warns about unknown fields at their name, and still loads the profile', () => {
    const text = JSON.stringify({
      version: 1,
      extra: true,
      profiles: [
        {
          id: 'a',
          name: 'A',
          color: 'red',
          connection: { kind: 'engineio', url: 'http://a/', namespaces: [], tls: { verify: false } },
        },
      ],
    });
    const snapshot = parseProfileFile(text);
    assert.equal(snapshot.profiles.length, 1);
    assert.equal(covered(text, issueAt(snapshot, 'extra')), '"extra"');
    assert.equal(covered(text, issueAt(snapshot, 'profiles[0].color')), '"color"');
    assert.match(issueAt(snapshot, 'profiles[0].connection.namespaces').message, /Socket\.IO connections only/);
    assert.match(issueAt(snapshot, 'profiles[0].connection.tls.verify').message, /not an option/);
    assert.ok(snapshot.issues.every((i) => i.severity === 'warning'));
  });

  it('gives a provisional id to a profile without one and to a second profile with the same id', () => {
    const text = JSON.stringify({
      version: 1,
      profiles: [
        { id: 'same', name: 'One', connection: { kind: 'websocket', url: 'ws://a/' } },
        { name: 'Hand written', connection: { kind: 'websocket', url: 'ws://b/' } },
        { id: 'same', name: 'Pasted copy', connection: { kind: 'websocket', url: 'ws://c/' } },
      ],
    });
    const snapshot = parseProfileFile(text);
    const ids = snapshot.profiles.map((p) => p.id);
    assert.equal(ids[0], 'same');
    assert.ok(isProvisionalId(ids[1]) && isProvisionalId(ids[2]), ids.join());
    assert.equal(new Set(ids).size, 3, 'ids are unique');
    assert.match(issueAt(snapshot, 'profiles[2].id').message, /same id/);
    assert.deepEqual(
      ids.map((id) => snapshot.indexById.get(id)),
      [0, 1, 2],
    );
  });

  it('checks saved messages against what the kind of session can send', () => {
    const text = JSON.stringify({
      version: 1,
      profiles: [
        {
          id: 'a',
          name: 'A',
          connection: { kind: 'websocket', url: 'ws://a/' },
          messages: [
            { name: 'emit', request: { kind: 'sio-emit', namespace: '/', event: 'e', args: '[]', ack: false } },
          ],
        },
        {
          id: 'b',
          name: 'B',
          connection: { kind: 'socketio', url: 'http://a/' },
          messages: [{ name: 'bad', request: { kind: 'sio-emit', namespace: 'admin', event: 'e', args: '[]' } }],
        },
      ],
    });
    const snapshot = parseProfileFile(text);
    assert.match(issueAt(snapshot, 'profiles[0].messages[0].request.kind').message, /WebSocket session cannot send/);
    assert.match(issueAt(snapshot, 'profiles[1].messages[0].request').message, /namespace/);
    assert.deepEqual(
      snapshot.profiles.map((p) => p.id),
      ['a'],
    );
  });

  it('checks the reserved fields of issue 12 by type only', () => {
    const profile = (extra: object) => ({
      id: 'a',
      name: 'A',
      connection: { kind: 'websocket', url: 'ws://a/' },
      ...extra,
    });
    const ok = parseProfileFile(
      JSON.stringify({
        version: 1,
        profiles: [
          profile({ reconnect: { maxDelayMs: 60000 }, proxy: {}, tls: { pinnedCertificates: ['ab'.repeat(32)] } }),
        ],
      }),
    );
    assert.deepEqual([ok.issues, ok.profiles.length], [[], 1]);
    const bad = parseProfileFile(
      JSON.stringify({ version: 1, profiles: [profile({ reconnect: true, tls: { pinnedCertificates: [1] } })] }),
    );
    assert.ok(issueAt(bad, 'profiles[0].reconnect'));
    assert.ok(issueAt(bad, 'profiles[0].tls.pinnedCertificates[0]'));
    assert.equal(bad.profiles.length, 0);
  });

  it('places an issue found at connect time on its field in the file, or on the nearest parent', () => {
    const text = GOOD;
    const header = rangeOfPath(text, 'profiles[0].connection.headers[0][1]');
    assert.equal(
      text.slice(header?.offset, (header?.offset ?? 0) + (header?.length ?? 0)),
      '"Bearer ${secret:echo-token}"',
    );
    assert.equal(header?.start.line, 12);
    const missing = rangeOfPath(text, 'profiles[2].connection.origin');
    assert.match(text.slice(missing?.offset, (missing?.offset ?? 0) + (missing?.length ?? 0)), /^\{ "kind": "sse"/);
    assert.equal(rangeOfPath('not json', 'profiles[0]'), undefined);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['{', '}', '{"profiles": [', '{"profiles": [{"connection": 5}]}', '/* */', '"x"', 'null']) {
      const snapshot = parseProfileFile(text);
      assert.ok(Array.isArray(snapshot.issues) && snapshot.issues.length > 0, text);
    }
  });
});
