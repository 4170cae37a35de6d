import { randomBytes } from "node:crypto";
import { lstat, open, readdir, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { TranstrackError } from "../errors.js";

/** The file changed on disk since it was read, so it was left as it is. */
export class FileChangedError extends TranstrackError {
  /** The file that was not overwritten. */
  readonly path: string;

  constructor(path: string) {
    super("FILE_CHANGED", { path });
    this.path = path;
  }
}

/** The target is a symbolic link; writing through it could land outside the repository. */
export class SymlinkRefusedError extends TranstrackError {
  /** The link that was not followed. */
  readonly path: string;

  constructor(path: string) {
    super("SYMLINK_REFUSED", { path });
    this.path = path;
  }
}

/** What the caller saw when it read the file; a mismatch at write time means someone else wrote it. */
export interface WriteAtomicOptions {
  expectedMtimeMs?: number;
  expectedContent?: string | Uint8Array;
}

/**
 * Replaces a file in one rename, so readers see the old or the new content, never a mix. A failure of
 * the file system (EPERM on an immutable file, EACCES, ENOSPC, EROFS) is a `WRITE_FAILED` error.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: WriteAtomicOptions = {},
): Promise<void> {
  try {
    await replaceFile(path, data, options);
  } catch (error) {
    if (error instanceof TranstrackError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TranstrackError("WRITE_FAILED", { path, reason }, { cause: error });
  }
}

/** A temporary file of ours, as `replaceFile` names it: `.NAME.transtrack-HEX.tmp`. */
const TEMP_NAME = /^\..+\.transtrack-[0-9a-f]{12}\.tmp$/;

/** How old a temporary file must be to count as left behind (by a `kill -9`) rather than being written now. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

/** Removes our temporary files in `directory` older than `STALE_TEMP_MS`: regular files only, never through a link. */
export async function removeStaleTemps(directory: string, now = Date.now()): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const file = join(directory, name);
    try {
      const info = await lstat(file);
      if (info.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
    } catch {
      // Gone already, or not ours to remove: the write goes on.
    }
  }
}

/** Folders already cleaned by this process: a run that marks thousands of posts reads each folder once. */
const cleaned = new Set<string>();

async function replaceFile(path: string, data: string | Uint8Array, options: WriteAtomicOptions): Promise<void> {
  const original = await statTarget(path);
  if (!cleaned.has(dirname(path))) {
    cleaned.add(dirname(path));
    await removeStaleTemps(dirname(path));
  }
  // Same directory, so the rename stays on one file system and is atomic.
  const tempPath = join(dirname(path), `.${basename(path)}.transtrack-${randomBytes(6).toString("hex")}.tmp`);
  let created = false;
  try {
    // "wx" never reuses an existing file, nor follows a link planted at the temp name.
    const handle = await open(tempPath, "wx", original?.mode ?? 0o666);
    created = true;
    try {
      await handle.writeFile(data);
      // The creation mode is masked by the umask; set the original one explicitly.
      if (original) await handle.chmod(original.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await assertUnchanged(path, options);
    await rename(tempPath, path);
  } catch (error) {
    // Only our own temp file; a name collision means the file there is someone else's.
    if (created) await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** The target's permission bits, or null if it doesn't exist yet; refuses symbolic links. */
async function statTarget(path: string): Promise<{ mode: number; mtimeMs: number } | null> {
  try {
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) throw new SymlinkRefusedError(path);
    return { mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Checked as late as possible, just before the rename, to keep the race window small. */
async function assertUnchanged(path: string, options: WriteAtomicOptions): Promise<void> {
  const current = await statTarget(path);
  const { expectedMtimeMs, expectedContent } = options;
  if (expectedMtimeMs !== undefined && current?.mtimeMs !== expectedMtimeMs) {
    throw new FileChangedError(path);
  }
  if (expectedContent === undefined) return;
  // A file deleted since it was read has changed too.
  const actual = current ? await readFile(path) : null;
  const expected = typeof expectedContent === "string" ? Buffer.from(expectedContent, "utf8") : expectedContent;
  if (!actual || !actual.equals(expected)) throw new FileChangedError(path);
}

/** Makes the rename itself durable; not every platform can open a directory, so failure is ignored. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The data is already in place; only durability across a power cut is weakened.
  }
}
