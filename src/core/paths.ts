import { posix } from "node:path";

/** A link's target as a clean repository-relative path, or null when it leaves the repository. */
export function normalizeRepoPath(link: string): string | null {
  const slashed = link.replace(/\\/g, "/");
  if (link.includes("\0") || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return null;
  const cleaned = posix.normalize(slashed);
  if (cleaned === "." || cleaned === ".." || cleaned.startsWith("../")) return null;
  return cleaned.replace(/^\.\//, "");
}

/** True when `path` is `dir` or lies below it (both repository-relative). */
export function isUnder(path: string, dir: string): boolean {
  if (dir === "" || dir === ".") return true;
  const d = dir.replace(/\/+$/, "");
  return path === d || path.startsWith(`${d}/`);
}
