import { NULL_BLOB, type Commit, type FileChange, type History } from "../core/history.js";
import type { CommitScope } from "../core/ignore.js";
import { isPostPath } from "../core/layout.js";
import { LOG_FORMAT, LogParser, maybePost, type RawChange } from "./log-parser.js";
import { streamGitBytes, type GitEnv } from "./run.js";

/** A commit as the index keeps it: its message reduced to whether it carries an ignore directive. */
export interface LoggedCommit {
  sha: string;
  parents: string[];
  time: number;
  ignored: boolean;
  /** The files it counts for, when its message narrows that (Lunaria's keywords and directives, transtrack's trailers). */
  scope?: CommitScope;
  changes: RawChange[];
}

/** Options for reading the history. */
export interface ReadHistoryOptions {
  /** True when a commit's message says its changes don't count for translations. */
  isIgnored(message: string): boolean;
  /** The files a commit counts for, when its message narrows that; null for every file. */
  scopeOf?(message: string): CommitScope | null;
  /** Commits already read: the walk stops at them (their history is known). */
  known?: readonly string[];
  onProgress?: (commits: number) => void;
  /**
   * Read the whole history with two git processes, one from HEAD down and one from the root up
   * (`--reverse`), which stop where they meet: each diffs about half the commits, on a core of its own.
   * Only for a full read (no `known`). The first starts at once; the second once this says true.
   */
  fromBothEnds?: boolean | Promise<boolean>;
}

const LOG_ARGS = ["log", "--topo-order", "--no-abbrev", "--raw", "-z", "-M", "--no-color", LOG_FORMAT];

/**
 * Reads every commit reachable from `head` (and not from `known`) and the post changes each made: one git
 * pass from HEAD down, which a full read (no `known`) may share with a second pass from the root up
 * (`fromBothEnds`). The passes list the same topological order, one reversed; the first commit either
 * lists that the other has listed too is where they meet, both stop, and the two lists make the whole, as
 * they do when either pass ends first.
 */
export async function readHistory(git: GitEnv, head: string, options: ReadHistoryOptions): Promise<LoggedCommit[]> {
  const known = options.known ?? [];
  const second = known.length > 0 ? false : (options.fromBothEnds ?? false);
  const stop = new AbortController();
  const down: LoggedCommit[] = [];
  const up: LoggedCommit[] = [];
  const seenDown = new Set<string>();
  const seenUp = new Set<string>();
  const reader = (list: LoggedCommit[], seen: Set<string>, other: Set<string>) =>
    new LogParser((c) => {
      if (stop.signal.aborted) return;
      // Keep only what the index needs; the message is reduced to its ignore flag right away.
      const scope = options.scopeOf?.(c.message) ?? null;
      list.push({ sha: c.sha, parents: c.parents, time: c.time, ignored: options.isIgnored(c.message), ...(scope ? { scope } : {}), changes: c.changes });
      seen.add(c.sha);
      if (options.onProgress && (down.length + up.length) % 1000 === 0) options.onProgress(down.length + up.length);
      // Where the passes meet: between them they have listed every commit.
      if (other.has(c.sha)) stop.abort();
    });
  // A pass that ends has listed its whole side; the other one is stopped then.
  const pass = (args: string[], parser: LogParser) =>
    streamGitBytes(git, [...LOG_ARGS, ...args, "--"], (chunk) => parser.write(chunk), stop.signal).then(
      () => {
        if (stop.signal.aborted) return;
        parser.end();
        stop.abort();
      },
      (error: unknown) => {
        stop.abort();
        throw error;
      },
    );
  const fromTop = pass([head, ...known.map((sha) => `^${sha}`)], reader(down, seenDown, seenUp));
  const fromRoot = Promise.resolve(second).then(
    (wanted) => (wanted && !stop.signal.aborted ? pass(["--reverse", head], reader(up, seenUp, seenDown)) : undefined),
    () => undefined,
  );
  await Promise.all([fromTop, fromRoot]);
  return joinPasses(down, up);
}

/**
 * The history from a top-down pass (`down`, HEAD first) and a bottom-up one (`up`, root first) of the same
 * topological order, which together cover it: `down`, then what `up` has below it, in `down`'s order.
 * Nothing comes from `up` when `down` is whole.
 */
export function joinPasses<C extends { sha: string }>(down: readonly C[], up: readonly C[]): C[] {
  const seen = new Set(down.map((c) => c.sha));
  const rest: C[] = [];
  for (let i = up.length - 1; i >= 0; i--) if (!seen.has(up[i]!.sha)) rest.push(up[i]!);
  return [...down, ...rest];
}

/** Numbers commits topologically (as read: 0 is HEAD) and indexes their post changes by path. */
export function buildHistory(head: string, logged: readonly LoggedCommit[], headBlobs: Map<string, string>, shallow: readonly string[] = []): History {
  const index = new Map<string, number>();
  logged.forEach((c, i) => index.set(c.sha, i));
  const commits: Commit[] = logged.map((c) => ({
    sha: c.sha,
    parents: c.parents.map((p) => index.get(p)).filter((p): p is number => p !== undefined),
    time: c.time,
    ignored: c.ignored,
    ...(c.scope ? { scope: c.scope } : {}),
  }));
  const changes = new Map<string, FileChange[]>();
  const renames = new Map<string, { to: string; commit: number }[]>();
  logged.forEach((c, i) => {
    if (c.parents.length > 1) return;
    for (const ch of c.changes) {
      const change: FileChange = {
        commit: i,
        status: ch.status,
        oldBlob: NULL_BLOB.test(ch.oldBlob) ? null : ch.oldBlob,
        newBlob: NULL_BLOB.test(ch.newBlob) || ch.status === "D" ? null : ch.newBlob,
        oldPath: ch.oldPath,
        path: ch.path,
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
  let carry: Buffer | null = null;
  await streamGitBytes(git, ["ls-tree", "-r", "-z", "--full-tree", head], (chunk) => {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nul = data.indexOf(0, start); nul >= 0; nul = data.indexOf(0, start)) {
      addTreeEntry(blobs, data, start, nul);
      start = nul + 1;
    }
    carry = start < data.length ? Buffer.from(data.subarray(start)) : null;
  });
  if (carry) addTreeEntry(blobs, carry, 0, (carry as Buffer).length);
  return blobs;
}

function addTreeEntry(blobs: Map<string, string>, data: Buffer, start: number, end: number): void {
  // "<mode> blob <sha>\t<path>": submodules ("commit") and anything else are not posts. Most entries of a
  // site's tree are not posts either: a look at the last byte settles those before anything is decoded.
  if (end <= start || !maybePost(data, end)) return;
  const space = data.indexOf(0x20, start);
  const tab = data.indexOf(0x09, start);
  if (space < 0 || tab < 0 || tab >= end || data[space + 1] !== 0x62 || data[space + 2] !== 0x6c || data[space + 3] !== 0x6f || data[space + 4] !== 0x62 || data[space + 5] !== 0x20) return;
  const path = data.toString("utf8", tab + 1, end);
  if (isPostPath(path)) blobs.set(path, data.toString("latin1", space + 6, tab));
}
