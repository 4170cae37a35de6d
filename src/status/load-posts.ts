import { lstat, readFile, realpath } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { Config } from "../config/schema.js";
import { isPostPath } from "../core/layout.js";
import { parsePost, type Post } from "../posts/read-post.js";

/** A post read from the working tree, with its text kept for `--worktree` comparisons. */
export interface LoadedPost {
  post: Post;
  text: string | null;
}

const PARALLEL_READS = 64;
const MAX_POST_BYTES = 16 * 1024 * 1024;

/** Reads every post among `files` from the working tree, never following a link out of the repository. */
export async function loadPosts(root: string, files: readonly string[], keys: Config["keys"]): Promise<LoadedPost[]> {
  const paths = files.filter(isPostPath);
  const realRoot = await realpath(root);
  const results: (LoadedPost | null)[] = new Array(paths.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await loadOne(root, realRoot, paths[i]!, keys);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, paths.length) }, worker));
  return results.filter((r): r is LoadedPost => r !== null);
}

async function loadOne(root: string, realRoot: string, path: string, keys: Config["keys"]): Promise<LoadedPost | null> {
  const absolute = join(root, path);
  let info;
  try {
    info = await lstat(absolute);
  } catch {
    return null; // deleted from the working tree; HEAD's copy still counts as committed
  }
  if (info.isSymbolicLink()) {
    const target = await realpath(absolute).catch(() => null);
    const rel = target === null ? null : relative(realRoot, target);
    if (rel === null || rel === "" || rel.startsWith(`..${sep}`) || rel === ".." || rel.startsWith(sep)) {
      return { post: unreadable(path, "SYMLINK_OUTSIDE_REPO"), text: null };
    }
  } else if (!info.isFile()) return null;
  if (info.size > MAX_POST_BYTES) return { post: unreadable(path, "INVALID_FRONT_MATTER", "file too large"), text: null };
  const text = await readFile(absolute, "utf8").catch(() => null);
  if (text === null) return { post: unreadable(path, "INVALID_FRONT_MATTER", "unreadable file"), text: null };
  return { post: parsePost(path, text, keys), text };
}

function unreadable(path: string, code: "SYMLINK_OUTSIDE_REPO" | "INVALID_FRONT_MATTER", reason?: string): Post {
  return {
    path,
    lang: null,
    translationOf: null,
    translationKey: null,
    sourceCommit: null,
    invalid: true,
    problems: [{ code, file: path, ...(reason ? { args: { reason } } : {}) }],
  };
}
