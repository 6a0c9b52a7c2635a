/**
 * The disk side of the store: append-only segment files in a folder of the log's own, made on the first
 * write (a session that never spills touches no disk) and removed by `removeAll`. What is written is encrypted
 * under a key held only in memory (segmentCipher.ts): recorded credentials never rest on disk in a readable form.
 *
 * Blocks are appended to the newest file until it reaches `fileBytes`; the oldest file is the unit the
 * store lets go of. Every file stays open for reading (at most diskBudget / fileBytes of them). All calls are
 * synchronous and throw the file system's error: the store decides what a failure costs.
 */
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { DiskLocation } from './recordBlock';
import { SegmentCipher } from './segmentCipher';

/** The file system calls the store makes; tests inject failures through it. */
export interface SpillFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  mkdtempSync(prefix: string): string;
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
  unlinkSync(path: string): void;
  rmSync(path: string, options: { recursive: true; force: true }): void;
}

export const NODE_FS: SpillFs = nodeFs;

/** Prefix of every log folder, so a host can clear what a crashed window left behind. */
export const LOG_FOLDER_PREFIX = 'ri-log-';

interface SegmentFile {
  readonly id: number;
  readonly path: string;
  /** Its encryption nonce (segmentCipher.ts). */
  readonly nonce: Buffer;
  fd: number | undefined;
  bytes: number;
}

export class SegmentFiles {
  private folder: string | undefined;
  private readonly files: SegmentFile[] = [];
  private nextId = 1;
  private totalBytes = 0;
  private readonly cipher = new SegmentCipher();

  constructor(
    private readonly root: string,
    private readonly fileBytes: number,
    private readonly fs: SpillFs = NODE_FS,
  ) {}

  /** Bytes in the files held. */
  get diskBytes(): number {
    return this.totalBytes;
  }

  /** Id of the oldest file, if any. */
  get oldestId(): number | undefined {
    return this.files[0]?.id;
  }

  get fileCount(): number {
    return this.files.length;
  }

  /** Appends `length` bytes of `buffer` to the newest file (a new one when it is full) and says where. */
  write(buffer: Uint8Array, length: number): DiskLocation {
    const file = this.fileWithRoom(length);
    const offset = file.bytes;
    const sealed = this.cipher.apply(file.nonce, offset, buffer, length);
    let done = 0;
    while (done < length) {
      const written = this.fs.writeSync(file.fd as number, sealed, done, length - done, offset + done);
      if (written <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
      done += written;
      // Counted as written so far: a failure part-way still leaves these bytes on disk until the file goes.
      file.bytes += written;
      this.totalBytes += written;
    }
    return { fileId: file.id, offset };
  }

  /** Reads `length` bytes at `offset` of a file into a new buffer. */
  read(location: DiskLocation, length: number): Buffer {
    const file = this.files.find((f) => f.id === location.fileId);
    if (!file || file.fd === undefined) throw Object.assign(new Error('segment file gone'), { code: 'ENOENT' });
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const read = this.fs.readSync(file.fd, bytes, done, length - done, location.offset + done);
      if (read <= 0) throw Object.assign(new Error('segment file shorter than its index'), { code: 'EIO' });
      done += read;
    }
    return this.cipher.apply(file.nonce, location.offset, bytes, length);
  }

  /** Closes and deletes the oldest file. */
  removeOldest(): void {
    const file = this.files.shift();
    if (!file) return;
    this.totalBytes -= file.bytes;
    this.close(file);
    attempt(() => this.fs.unlinkSync(file.path));
  }

  /** Closes and deletes every file and the folder. Never throws. */
  removeAll(): void {
    for (const file of this.files.splice(0)) this.close(file);
    this.totalBytes = 0;
    const folder = this.folder;
    this.folder = undefined;
    if (folder) attempt(() => this.fs.rmSync(folder, { recursive: true, force: true }));
  }

  private fileWithRoom(length: number): SegmentFile {
    const newest = this.files[this.files.length - 1];
    if (newest && newest.fd !== undefined && (newest.bytes === 0 || newest.bytes + length <= this.fileBytes)) {
      return newest;
    }
    const folder = this.ensureFolder();
    const id = this.nextId++;
    const filePath = path.join(folder, `segment-${String(id).padStart(6, '0')}.bin`);
    const file: SegmentFile = { id, path: filePath, nonce: this.cipher.newNonce(), fd: undefined, bytes: 0 };
    file.fd = this.fs.openSync(filePath, 'w+');
    this.files.push(file);
    return file;
  }

  private ensureFolder(): string {
    if (this.folder) return this.folder;
    this.fs.mkdirSync(this.root, { recursive: true });
    this.folder = this.fs.mkdtempSync(path.join(this.root, `${LOG_FOLDER_PREFIX}${process.pid}-`));
    return this.folder;
  }

  private close(file: SegmentFile): void {
    const fd = file.fd;
    file.fd = undefined;
    if (fd !== undefined) attempt(() => this.fs.closeSync(fd));
  }
}

/** Clean-up that must not throw: a file already gone or a folder already removed is the goal reached. */
function attempt(action: () => void): void {
  try {
    action();
  } catch {
    // Nothing more to do: the store has let go of the file either way.
  }
}

/**
 * Removes the log folders under `root` whose process is no longer running: a crash or a killed window skips
 * `dispose`. For the host to call once at activation. Returns how many it removed; never throws.
 */
export function removeOrphanedLogFolders(root: string, isRunning: (pid: number) => boolean = processIsRunning): number {
  let names: string[];
  try {
    names = nodeFs.readdirSync(root);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(/^ri-log-(\d+)-/.exec(name)?.[1]);
    if (!pid || isRunning(pid)) continue;
    attempt(() => nodeFs.rmSync(path.join(root, name), { recursive: true, force: true }));
    removed++;
  }
  return removed;
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
