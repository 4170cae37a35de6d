import { lstat, mkdir, readFile, rm, rmdir } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { TranstrackError } from "../errors.js";
import { writeFileAtomic } from "../posts/write-atomic.js";
import { readPlainFile } from "../status/post-reader.js";

/** A translation's file as it was before its run: the bytes to put back, and the folders the run's set-up created. */
export interface Snapshot {
  /** Absolute path of the translation. */
  path: string;
  /** Its bytes before the run; null when there was no file (a missing translation). */
  bytes: Buffer | null;
  /** Folders created so the translator can write the file, deepest first; removed again when the run fails. */
  created: string[];
}

/** Keeps the translation's bytes and, for a missing one, creates its folder, so a translator can just write the file. */
export async function takeSnapshot(root: string, path: string): Promise<Snapshot> {
  const absolute = join(root, path);
  const info = await lstat(absolute).catch(() => null);
  // A link or a folder at the translation's place is not a file transtrack may replace or remove.
  if (info !== null && !info.isFile()) throw new TranstrackError("EXEC_NOT_A_FILE", { path });
  const bytes = info === null ? null : await readFile(absolute);
  const created: string[] = [];
  if (bytes === null) {
    const first = await mkdir(dirname(absolute), { recursive: true });
    // mkdir names the first folder it created; every folder from there down to the file's is new.
    if (first !== undefined) {
      for (let dir = dirname(absolute); ; dir = dirname(dir)) {
        created.push(dir);
        if (dir === first || !isInside(root, dir)) break;
      }
    }
  }
  return { path: absolute, bytes, created };
}

/** The file's bytes, or null when there is no regular file there (deleted, a folder, a link): as the post reader reads it. */
export function readTranslationFile(path: string): Buffer | null {
  const bytes = readPlainFile(dirname(path), basename(path));
  return bytes instanceof Buffer ? bytes : null;
}

/**
 * Puts the translation back as it was: the same bytes, atomically, or no file (and no folder the set-up
 * created) for a missing one. Writes nothing when the file already holds those bytes.
 */
export async function restoreSnapshot(snapshot: Snapshot): Promise<void> {
  const now = readTranslationFile(snapshot.path);
  if (snapshot.bytes !== null) {
    if (now !== null && now.equals(snapshot.bytes)) return;
    // What the translator left (a folder, a link) is not the translation; the file goes back in its place.
    const info = await lstat(snapshot.path).catch(() => null);
    if (info !== null && !info.isFile()) await rm(snapshot.path, { recursive: true, force: true });
    await writeFileAtomic(snapshot.path, snapshot.bytes);
    return;
  }
  await rm(snapshot.path, { recursive: true, force: true });
  for (const dir of snapshot.created) {
    // A folder something else now uses stays.
    if (!(await rmdir(dir).then(() => true, () => false))) break;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== "..";
}
