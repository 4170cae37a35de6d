import { NULL_BLOB, type Commit, type FileChange, type History } from "../core/history.js";
import { isPostPath } from "../core/layout.js";
import { LOG_FORMAT, LogParser, type RawCommit } from "./log-parser.js";
import { streamGit, type GitEnv } from "./run.js";

/** Options for reading the history. */
export interface ReadHistoryOptions {
  /** True when a commit's message says its changes don't count for translations. */
  isIgnored(message: string): boolean;
  /** Shas a shallow clone cut off from their parents. */
  shallow?: readonly string[];
  /** Commits already read: the walk stops at them (their history is known). */
  known?: readonly string[];
  onProgress?: (commits: number) => void;
}

/** Reads every commit reachable from `head` and the post changes each made, in one git pass. */
export async function readHistory(git: GitEnv, head: string, options: ReadHistoryOptions): Promise<RawCommit[]> {
  const commits: RawCommit[] = [];
  const parser = new LogParser((c) => {
    // Keep only what the index needs; the message is reduced to its ignore flag right away.
    commits.push({ ...c, message: options.isIgnored(c.message) ? "1" : "" });
    if (options.onProgress && commits.length % 1000 === 0) options.onProgress(commits.length);
  });
  const exclude = (options.known ?? []).map((sha) => `^${sha}`);
  await streamGit(git, ["log", "--topo-order", "--no-abbrev", "--raw", "-z", "-M", "--no-color", LOG_FORMAT, head, ...exclude, "--"], (text) =>
    parser.write(text),
  );
  parser.end();
  return commits;
}

/** Numbers raw commits topologically and indexes their post changes by path. */
export function buildHistory(head: string, raw: readonly RawCommit[], headBlobs: Map<string, string>, shallow: readonly string[] = []): History {
  const index = new Map<string, number>();
  raw.forEach((c, i) => index.set(c.sha, i));
  const commits: Commit[] = raw.map((c) => ({
    sha: c.sha,
    parents: c.parents.map((p) => index.get(p)).filter((p): p is number => p !== undefined),
    time: c.time,
    ignored: c.message === "1",
  }));
  const changes = new Map<string, FileChange[]>();
  const renames = new Map<string, { to: string; commit: number }[]>();
  raw.forEach((c, i) => {
    if (c.parents.length > 1) return;
    for (const ch of c.changes) {
      const change: FileChange = {
        commit: i,
        status: ch.status,
        oldBlob: NULL_BLOB.test(ch.oldBlob) ? null : ch.oldBlob,
        newBlob: NULL_BLOB.test(ch.newBlob) || ch.status === "D" ? null : ch.newBlob,
        oldPath: ch.oldPath,
      };
      if (isPostPath(ch.path)) push(changes, ch.path, change);
      if (ch.status === "R" && ch.oldPath !== null) push(renames, ch.oldPath, { to: ch.path, commit: i });
    }
  });
  const shallowBoundary = new Set(shallow.map((s) => index.get(s)).filter((i): i is number => i !== undefined));
  return { head, commits, changes, headBlobs, renames, shallowBoundary };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The blob of every post in HEAD's tree. */
export async function readHeadBlobs(git: GitEnv, head: string): Promise<Map<string, string>> {
  const blobs = new Map<string, string>();
  let pending = "";
  await streamGit(git, ["ls-tree", "-r", "-z", "--full-tree", head], (text) => {
    const parts = (pending + text).split("\0");
    pending = parts.pop() ?? "";
    for (const entry of parts) addTreeEntry(blobs, entry);
  });
  if (pending) addTreeEntry(blobs, pending);
  return blobs;
}

function addTreeEntry(blobs: Map<string, string>, entry: string): void {
  // "<mode> blob <sha>\t<path>"
  const tab = entry.indexOf("\t");
  const [, type, sha] = entry.slice(0, tab).split(" ");
  const path = entry.slice(tab + 1);
  if (type === "blob" && sha && isPostPath(path)) blobs.set(path, sha);
}
