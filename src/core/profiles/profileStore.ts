/**
 * A profile file kept in sync with the people and code that change it: read through injected I/O, edited in
 * place (profileFileEditor.ts keeps comments and formatting), one operation at a time, and `onDidChange`
 * fired whenever its text changes. The workspace's file and the user's store are two configurations of it
 * (profileStores.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Disposable } from '../disposable';
import { Emitter } from '../emitter';
import { formatJsonPath } from './jsonPath';
import { ProfileError, ProfileErrorCode } from './profileErrors';
import { insertProfile, newProfileFileText, removeProfile, replaceProfile, writeIds } from './profileFileEditor';
import { isProvisionalId, parseProfileFile } from './profileFileParser';
import type { NewProfile, Profile, ProfileFileSnapshot, ProfileIssue, ProfileScope } from './profileModel';
import { checkProfile } from './profileShape';

/** Reads and writes the one file a store keeps. */
export interface ProfileFileIo {
  /** The file's text; undefined when it does not exist yet. */
  readFile(): Promise<string | undefined>;
  /** Writes the whole text (creating the file, and its folder, when needed). */
  writeFile(text: string): Promise<void>;
}

export interface ProfileStoreOptions {
  /** New ids (default: random UUIDs). */
  newId?: () => string;
  /** The `$schema` a new file gets; none when undefined. */
  schemaUrl?: string;
}

/** One profile file: its profiles, variables and issues, and the edits people make to it. */
export class ProfileStore implements Disposable {
  private readonly changes = new Emitter<ProfileFileSnapshot>();
  private queue: Promise<unknown> = Promise.resolve();
  private text: string | undefined;
  private loaded = false;
  private current: ProfileFileSnapshot = parseProfileFile('');
  private readonly newId: () => string;

  constructor(
    readonly scope: ProfileScope,
    private readonly io: ProfileFileIo,
    private readonly options: ProfileStoreOptions = {},
  ) {
    this.newId = options.newId ?? randomUUID;
  }

  /** What the file held when last read or written. */
  get snapshot(): ProfileFileSnapshot {
    return this.current;
  }

  /** Called with the new snapshot whenever the file's text changes (an edit here, or `load` after an outside edit). */
  onDidChange(listener: (snapshot: ProfileFileSnapshot) => void): Disposable {
    return this.changes.on(listener);
  }

  /** Reads the file again (call it when the file changed outside, e.g. from a file watcher). */
  load(): Promise<ProfileFileSnapshot> {
    return this.enqueue(async () => {
      this.accept(await this.io.readFile());
      return this.current;
    });
  }

  /** Adds a profile with a new id at the end of the file, which is created when missing. */
  create(input: NewProfile): Promise<Profile> {
    return this.mutate((text, taken) => {
      const profile = this.checked({ ...input, id: this.freshId(taken) });
      return { text: insertProfile(text, profile), result: profile };
    });
  }

  /** Rewrites the profile with this id to `profile`, touching only the fields that changed. */
  update(profile: Profile): Promise<Profile> {
    return this.mutate((text, _taken, ids, snapshot) => {
      const id = ids.get(profile.id) ?? profile.id;
      const updated = this.checked({ ...profile, id });
      return { text: replaceProfile(text, indexOf(snapshot, id), updated), result: updated };
    });
  }

  /** Adds a copy of a profile, named "<name> (copy)", right after it. */
  duplicate(id: string): Promise<Profile> {
    return this.mutate((text, taken, ids, snapshot) => {
      const realId = ids.get(id) ?? id;
      const index = indexOf(snapshot, realId);
      const original = snapshot.profiles.find((p) => p.id === realId) as Profile;
      const copy: Profile = { ...structuredClone(original), id: this.freshId(taken), name: `${original.name} (copy)` };
      return { text: insertProfile(text, copy, index), result: copy };
    });
  }

  /** Removes the profile with this id. */
  delete(id: string): Promise<void> {
    return this.mutate((text, _taken, ids, snapshot) => ({
      text: removeProfile(text, indexOf(snapshot, ids.get(id) ?? id)),
      result: undefined,
    }));
  }

  dispose(): void {
    this.changes.dispose();
  }

  /**
   * Reads the file, gives real ids to profiles that have none (or a duplicate), applies `change`, writes.
   * `ids` maps provisional ids to the ids just written; `taken` holds every id in the file.
   */
  private mutate<T>(
    change: (
      text: string,
      taken: Set<string>,
      ids: ReadonlyMap<string, string>,
      snapshot: ProfileFileSnapshot,
    ) => { text: string; result: T },
  ): Promise<T> {
    return this.enqueue(async () => {
      const existing = await this.io.readFile();
      let text = existing === undefined || existing.trim() === '' ? this.emptyFile() : existing;
      const before = parseProfileFile(text);
      if (!before.editable) throw notEditable(before);
      const taken = new Set(before.profiles.map((p) => p.id).filter((id) => !isProvisionalId(id)));
      const ids = new Map<string, string>();
      for (const p of before.profiles) if (isProvisionalId(p.id)) ids.set(p.id, this.freshId(taken));
      text = writeIds(text, new Map([...ids].map(([old, id]) => [before.indexById.get(old) as number, id])));
      const { text: changed, result } = change(text, taken, ids, parseProfileFile(text));
      await this.io.writeFile(changed);
      this.accept(changed);
      return result;
    });
  }

  private emptyFile(): string {
    return newProfileFileText(this.options.schemaUrl);
  }

  /** A new id no profile of this file has (and marks it taken). */
  private freshId(taken: Set<string>): string {
    let id = this.newId();
    for (let tries = 0; taken.has(id) && tries < 100; tries++) id = this.newId();
    taken.add(id);
    return id;
  }

  /** The profile when it has no errors; otherwise a ProfileError listing them. */
  private checked(profile: Profile): Profile {
    const check = checkProfile(profile);
    const errors = check.issues.filter((i) => i.severity === 'error');
    if (errors.length === 0) return profile;
    const issues: ProfileIssue[] = errors.map((i) => ({
      path: formatJsonPath(i.segments),
      message: i.message,
      severity: 'error',
    }));
    const first = issues[0];
    throw new ProfileError(ProfileErrorCode.InvalidProfile, `${first.path || 'profile'}: ${first.message}`, issues);
  }

  private accept(text: string | undefined): void {
    if (this.loaded && text === this.text) return;
    this.loaded = true;
    this.text = text;
    this.current = parseProfileFile(text ?? '');
    this.changes.fire(this.current);
  }

  private enqueue<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function indexOf(snapshot: ProfileFileSnapshot, id: string): number {
  const index = snapshot.indexById.get(id);
  if (index === undefined)
    throw new ProfileError(ProfileErrorCode.NotFound, `No profile with id "${id}" in this file.`);
  return index;
}

function notEditable(snapshot: ProfileFileSnapshot): ProfileError {
  const first = snapshot.issues.find((i) => i.severity === 'error');
  const where = first?.range ? ` (line ${first.range.start.line + 1}, column ${first.range.start.column + 1})` : '';
  const message = `The profile file cannot be edited until it is fixed${where}: ${first?.message ?? 'invalid JSON.'}`;
  return new ProfileError(ProfileErrorCode.FileNotEditable, message, snapshot.issues);
}
