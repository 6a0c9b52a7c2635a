/**
 * The workspace profile file and the user store over in-memory I/O: a new file gets `$schema` and version,
 * every edit keeps the comments and formatting of the rest of the file, ids are generated and unique,
 * names may repeat, `onDidChange` fires once per change, and a file that is not valid JSON is never edited.
 */
import assert from 'node:assert/strict';
import { ProfileError, ProfileErrorCode } from '../../../../src/core/profiles/profileErrors';
import { parseProfileFile } from '../../../../src/core/profiles/profileFileParser';
import {
  PROFILE_SCHEMA_URL,
  USER_PROFILE_FILE,
  type NewProfile,
  type ProfileFileSnapshot,
} from '../../../../src/core/profiles/profileModel';
import { UserProfileStore, WorkspaceProfileFile } from '../../../../src/core/profiles/profileStores';

/** One file in memory, with every write kept. */
function memoryFile(initial?: string) {
  const file = { text: initial, writes: [] as string[] };
  const io = {
    readFile: async () => file.text,
    writeFile: async (text: string) => {
      file.text = text;
      file.writes.push(text);
    },
  };
  return { file, io };
}

/** Ids 'id-1', 'id-2'… */
function counter(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

const echo: NewProfile = { name: 'Echo', connection: { kind: 'websocket', url: 'ws://localhost:8080/' } };

const COMMENTED = `{
  // Team profiles: reviewed in pull requests.
  "$schema": "${PROFILE_SCHEMA_URL}",
  "version": 1,
  "profiles": [
    {
      "id": "a1",
      "name": "Chat", // the staging chat
      "connection": {
        "kind": "socketio",
        /* the staging host */
        "url": "http://staging.example:3000",
        "transports": "websocket-only"
      }
    },
    {
      "id": "b2",
      "name": "Feed",
      "connection": { "kind": "sse", "url": "http://x/events" },
      "x-team-note": "kept as is"
    }
  ]
}
`;

describe('profile stores', () => {
  it('creates a missing file with $schema and version, and the profile with a generated id', async () => {
    const { file, io } = memoryFile(undefined);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    const created = await store.create(echo);
    assert.equal(created.id, 'id-1');
    const parsed = JSON.parse(file.text ?? '');
    assert.equal(parsed.$schema, PROFILE_SCHEMA_URL);
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.profiles, [{ id: 'id-1', ...echo }]);
    assert.deepEqual(store.snapshot.profiles, [created]);
  });

  it('keeps comments and formatting everywhere an edit does not reach', async () => {
    const { file, io } = memoryFile(COMMENTED);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    await store.load();
    const chat = store.snapshot.profiles[0];
    await store.update({ ...chat, connection: { ...chat.connection, url: 'http://prod.example:3000' } });
    const text = file.text ?? '';
    for (const kept of [
      '// Team profiles: reviewed in pull requests.',
      '"name": "Chat", // the staging chat',
      '/* the staging host */',
      '"transports": "websocket-only"',
      '"x-team-note": "kept as is"',
    ])
      assert.ok(text.includes(kept), `lost: ${kept}`);
    assert.ok(text.includes('"url": "http://prod.example:3000"'));
    assert.equal(text.replace('prod.example', 'staging.example'), COMMENTED, 'nothing else changed');
  });

  it('adds, duplicates and deletes profiles, keeping the comments of the others', async () => {
    const { file, io } = memoryFile(COMMENTED);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    const added = await store.create({ ...echo, name: 'Chat' });
    const copy = await store.duplicate('a1');
    assert.deepEqual(
      [copy.name, copy.id, copy.connection],
      ['Chat (copy)', 'id-2', store.snapshot.profiles[0].connection],
    );
    await store.delete('b2');
    const snapshot = parseProfileFile(file.text ?? '');
    assert.deepEqual(snapshot.issues, []);
    assert.deepEqual(
      snapshot.profiles.map((p) => [p.id, p.name]),
      [
        ['a1', 'Chat'],
        ['id-2', 'Chat (copy)'],
        [added.id, 'Chat'],
      ],
      'the copy follows its original; names may repeat, ids do not',
    );
    assert.ok(file.text?.includes('// Team profiles: reviewed in pull requests.'));
    assert.ok(file.text?.includes('"name": "Chat", // the staging chat'));
  });

  it('removes a field set to undefined and adds a new one', async () => {
    const { file, io } = memoryFile(undefined);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    const created = await store.create({ ...echo, description: 'old' });
    await store.update({
      ...created,
      description: undefined,
      messages: [{ name: 'hi', request: { kind: 'text', text: 'hi' } }],
    });
    const [saved] = JSON.parse(file.text ?? '').profiles;
    assert.equal('description' in saved, false);
    assert.deepEqual(saved.messages, [{ name: 'hi', request: { kind: 'text', text: 'hi' } }]);
  });

  it('fires onDidChange once per change of the text, not for a reload of the same text', async () => {
    const { file, io } = memoryFile(COMMENTED);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    const seen: ProfileFileSnapshot[] = [];
    const subscription = store.onDidChange((snapshot) => seen.push(snapshot));
    await store.load();
    await store.load();
    await store.create(echo);
    file.text = COMMENTED.replace('"Feed"', '"Feed 2"'); // an edit made in the editor
    await store.load();
    subscription.dispose();
    await store.delete('a1');
    assert.deepEqual(
      seen.map((s) => s.profiles.length),
      [2, 3, 2],
    );
    assert.equal(seen[2].profiles[1].name, 'Feed 2');
    const missing = new WorkspaceProfileFile(memoryFile(undefined).io);
    let fired = 0;
    missing.onDidChange(() => fired++);
    await missing.load();
    await missing.load();
    assert.equal(fired, 1, 'a file still missing is no change');
  });

  it('writes real ids for profiles written by hand without one, before any edit', async () => {
    const text = JSON.stringify({
      version: 1,
      profiles: [
        { name: 'Hand written', connection: { kind: 'websocket', url: 'ws://a/' } },
        { id: 'x', name: 'One', connection: { kind: 'websocket', url: 'ws://b/' } },
        { id: 'x', name: 'Pasted', connection: { kind: 'websocket', url: 'ws://c/' } },
      ],
    });
    const { file, io } = memoryFile(text);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    const [handWritten] = (await store.load()).profiles;
    const renamed = await store.update({ ...handWritten, name: 'Named now' });
    assert.equal(renamed.id, 'id-1');
    const saved = parseProfileFile(file.text ?? '');
    assert.deepEqual(saved.issues, []);
    assert.deepEqual(
      saved.profiles.map((p) => [p.id, p.name]),
      [
        ['id-1', 'Named now'],
        ['x', 'One'],
        ['id-2', 'Pasted'],
      ],
    );
  });

  it('never gives a new profile an id the file already has', async () => {
    const { io } = memoryFile(COMMENTED);
    const ids = ['a1', 'b2', 'fresh'];
    const store = new WorkspaceProfileFile(io, { newId: () => ids.shift() ?? 'x' });
    assert.equal((await store.create(echo)).id, 'fresh');
  });

  it('refuses to edit a file that is not valid JSON, and leaves it untouched', async () => {
    const broken = '{ "version": 1, "profiles": [ { "id": "a" "name": "x" } ] }';
    const { file, io } = memoryFile(broken);
    const store = new WorkspaceProfileFile(io);
    await assert.rejects(
      store.create(echo),
      (e: unknown) =>
        e instanceof ProfileError && e.code === ProfileErrorCode.FileNotEditable && /line 1/.test(e.message),
    );
    assert.deepEqual([file.text, file.writes], [broken, []]);
  });

  it('refuses an invalid profile, with its issues, and an unknown id', async () => {
    const { file, io } = memoryFile(undefined);
    const store = new WorkspaceProfileFile(io);
    await assert.rejects(
      store.create({ name: 'Bad', connection: { kind: 'websocket', url: 'http://a/' } }),
      (e: unknown) =>
        e instanceof ProfileError &&
        e.code === ProfileErrorCode.InvalidProfile &&
        e.issues[0].path === 'connection.url',
    );
    await assert.rejects(
      store.delete('nope'),
      (e: unknown) => e instanceof ProfileError && e.code === ProfileErrorCode.NotFound,
    );
    assert.deepEqual(file.writes, []);
  });

  it('runs edits one at a time, so none is lost', async () => {
    const { file, io } = memoryFile(undefined);
    const store = new WorkspaceProfileFile(io, { newId: counter() });
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.create({ ...echo, name: `P${i}` })));
    assert.deepEqual(
      parseProfileFile(file.text ?? '').profiles.map((p) => p.name),
      ['P0', 'P1', 'P2', 'P3', 'P4'],
    );
  });

  it('keeps user profiles in profiles.json of its folder, without $schema', async () => {
    const files = new Map<string, string>();
    const store = new UserProfileStore({
      readFile: async (name) => files.get(name),
      writeFile: async (name, text) => void files.set(name, text),
    });
    assert.equal(store.scope, 'user');
    await store.create(echo);
    assert.deepEqual([...files.keys()], [USER_PROFILE_FILE]);
    const saved = JSON.parse(files.get(USER_PROFILE_FILE) ?? '');
    assert.deepEqual([saved.$schema, saved.version, saved.profiles.length], [undefined, 1, 1]);
  });

  it('keeps the file own indentation (tabs) when it adds a profile', async () => {
    const tabbed = '{\n\t"version": 1,\n\t"profiles": []\n}\n';
    const { file, io } = memoryFile(tabbed);
    await new WorkspaceProfileFile(io, { newId: counter() }).create(echo);
    assert.match(file.text ?? '', /\n\t\t\{\n\t\t\t"id": "id-1",/);
  });
});
