import { join } from "node:path";
import { readRegularFile } from "../fs-paths.js";

/** Site files read by `init` are small; anything larger is not what it claims to be. */
const MAX_SITE_FILE_BYTES = 1024 * 1024;

/**
 * The text of a file at the repository's root (package.json, a Lunaria config), or null when it is absent, not a
 * plain file, a symbolic link (which could lead out of the repository) or too large.
 */
export function readRootFile(root: string, name: string): string | null {
  if (name.includes("/") || name.includes("\\")) return null;
  const bytes = readRegularFile(join(root, name), MAX_SITE_FILE_BYTES);
  return bytes instanceof Buffer ? bytes.toString("utf8").replace(/^\uFEFF/, "") : null;
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
