/**
 * A link's target as a clean repository-relative path, or null when it leaves the repository or names
 * only its top. Folds `.`, `..` and doubled slashes as `path.posix.normalize` does, written out so the
 * core needs no Node module.
 */
export function normalizeRepoPath(link: string): string | null {
  const slashed = link.replace(/\\/g, "/");
  if (link.includes("\0") || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return null;
  const parts: string[] = [];
  for (const part of slashed.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return null;
  }
  if (parts.length === 0) return null;
  return `${parts.join("/")}${slashed.endsWith("/") ? "/" : ""}`;
}

/** True when `path` is `dir` or lies below it (both repository-relative). */
export function isUnder(path: string, dir: string): boolean {
  if (dir === "" || dir === ".") return true;
  const d = dir.replace(/\/+$/, "");
  return path === d || path.startsWith(`${d}/`);
}
