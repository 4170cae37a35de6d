import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync } from "node:fs";

/** The path with symbolic links resolved, or the path as given when it can't be (missing, unreadable). */
export function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The largest post or original transtrack reads, from disk or from git: larger ones are not posts. */
export const MAX_POST_BYTES = 16 * 1024 * 1024;

/** O_NOFOLLOW where the platform has it (Windows has not: callers lstat first there). */
export const NOFOLLOW = constants.O_NOFOLLOW as number | undefined;

// Not following the last component lets one open() stand for lstat + open; O_NONBLOCK keeps a FIFO
// planted in the working tree from blocking the open or the read.
/** Flags for opening a post: read-only, no link followed at the last step, never blocking. */
export const OPEN_FLAGS = constants.O_RDONLY | (NOFOLLOW ?? 0) | ((constants.O_NONBLOCK as number | undefined) ?? 0);

/**
 * A file's bytes when it is a regular file of at most `maxBytes`, as fstat tells of the descriptor
 * opened (no check-then-open race); "link" when the path's last step is a link, "too large", or null
 * when it is missing, unreadable, or anything but a regular file (a FIFO, a device, a directory).
 */
export function readRegularFile(path: string, maxBytes: number): Buffer | "link" | "too large" | null {
  let fd: number;
  try {
    if (NOFOLLOW === undefined && lstatSync(path).isSymbolicLink()) return "link";
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ELOOP" || code === "EMLINK" ? "link" : null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return null;
    if (info.size > maxBytes) return "too large";
    const bytes = readFileSync(fd);
    return bytes.length > maxBytes ? "too large" : bytes;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
