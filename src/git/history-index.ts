import type { History } from "../core/history.js";
import type { CommitScope, IgnoreRules } from "../core/ignore.js";
import { worthRewriting } from "./cache-file.js";
import { cacheKey, HistoryCache, isAncestor } from "./history-cache.js";
import { buildHistory, readHeadBlobs, readHistory, type LoggedCommit } from "./read-history.js";
import type { GitEnv } from "./run.js";

/** Options for building the history index. */
export interface LoadHistoryOptions {
  isIgnored(message: string): boolean;
  /** The files a commit counts for, when its message narrows that; null for every file. */
  scopeOf?(message: string): CommitScope | null;
  /** The rules behind `isIgnored`; part of what a cached index is valid for. */
  ignoreRules: IgnoreRules;
  shallow: readonly string[];
  /** Use the index cached under .git/ when it is valid. */
  cache: boolean;
  onProgress?: (commits: number) => void;
  /** Told when a cached index was there but could not be used (another build's, damaged), and is rebuilt. */
  onCacheRebuilt?: (cache: string, reason: string) => void;
  /** Whether a full read should use two git processes (see `ReadHistoryOptions.fromBothEnds`); asked only when the whole history is read. */
  fromBothEnds?: boolean | Promise<boolean>;
}

/**
 * The history index of everything reachable from `head`: HEAD's posts, every commit and its post changes.
 *
 * With the cache on, the index of an earlier HEAD is read from the git dir; when that HEAD is an ancestor
 * of this one, only `git log HEAD ^OLD` is read and put in front (none of those commits can be an ancestor
 * of a cached one, so the order stays topological). Anything else, a damaged file included, means one
 * full pass and a new file. A shallow clone never uses or writes the cache: its history is incomplete.
 */
export async function loadHistory(git: GitEnv, head: string, options: LoadHistoryOptions): Promise<History> {
  const headBlobs = readHeadBlobs(git, head);
  const read = (known?: string) =>
    readHistory(git, head, {
      isIgnored: options.isIgnored,
      ...(options.scopeOf ? { scopeOf: options.scopeOf } : {}),
      ...(known ? { known: [known] } : {}),
      ...(options.fromBothEnds !== undefined ? { fromBothEnds: options.fromBothEnds } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  let commits: LoggedCommit[];
  const cache = options.cache && options.shallow.length === 0 ? await HistoryCache.open(git, cacheKey(options.ignoreRules)) : null;
  if (cache === null) commits = await read();
  else {
    const cached = await cache.read();
    if (cached === null && (await cache.exists())) options.onCacheRebuilt?.("history-index", "stale or damaged");
    if (cached !== null && cached.head === head) commits = cached.commits;
    else {
      const extend = cached !== null && (await isAncestor(git, cached.head, head));
      const added = extend ? await read(cached.head) : null;
      commits = added === null ? await read() : [...added, ...cached!.commits];
      // A few commits past the stored head are read again next time rather than the whole index rewritten.
      if (added === null || worthRewriting(added.length, cached!.commits.length)) await cache.write(head, commits);
    }
  }
  return buildHistory(head, commits, await headBlobs, options.shallow);
}
