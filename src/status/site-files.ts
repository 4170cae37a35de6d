import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { join } from "node:path";

/** Site files read by `init` are small; anything larger is not what it claims to be. */
const MAX_SITE_FILE_BYTES = 1024 * 1024;
const NOFOLLOW = (constants.O_NOFOLLOW as number | undefined) ?? 0;
const OPEN_FLAGS = constants.O_RDONLY | NOFOLLOW | ((constants.O_NONBLOCK as number | undefined) ?? 0);

/**
 * The text of a file at the repository's root (package.json, a Lunaria config), or null when it is absent, not a
 * plain file, a symbolic link (which could lead out of the repository) or too large.
 */
export function readRootFile(root: string, name: string): string | null {
  if (name.includes("/") || name.includes("\\")) return null;
  let fd: number;
  try {
    fd = openSync(join(root, name), OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_SITE_FILE_BYTES) return null;
    const buffer = Buffer.alloc(info.size);
    let read = 0;
    while (read < info.size) {
      const n = readSync(fd, buffer, read, info.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString("utf8", 0, read).replace(/^\uFEFF/, "");
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** The names of the packages a package.json depends on (dependencies and devDependencies); empty when unreadable. */
export function packageDependencies(text: string | null): Set<string> {
  if (text === null) return new Set();
  try {
    const json = JSON.parse(text) as { dependencies?: unknown; devDependencies?: unknown };
    const names = [json.dependencies, json.devDependencies].flatMap((d) => (d && typeof d === "object" ? Object.keys(d) : []));
    return new Set(names);
  } catch {
    return new Set();
  }
}
