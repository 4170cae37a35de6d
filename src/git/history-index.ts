import type { History } from "../core/history.js";
import type { IgnoreRules } from "../core/ignore.js";
import { buildHistory, readHeadBlobs, readHistory } from "./read-history.js";
import type { GitEnv } from "./run.js";

/** Options for building the history index. */
export interface LoadHistoryOptions {
  isIgnored(message: string): boolean;
  /** The rules behind `isIgnored`; part of what a cached index is valid for. */
  ignoreRules: IgnoreRules;
  shallow: readonly string[];
  /** Use the index cached under .git/ when it is valid. */
  cache: boolean;
  onProgress?: (commits: number) => void;
}

/** The history index of everything reachable from `head`: HEAD's posts, every commit and its post changes. */
export async function loadHistory(git: GitEnv, head: string, options: LoadHistoryOptions): Promise<History> {
  const [headBlobs, raw] = await Promise.all([
    readHeadBlobs(git, head),
    readHistory(git, head, { isIgnored: options.isIgnored, shallow: options.shallow, ...(options.onProgress ? { onProgress: options.onProgress } : {}) }),
  ]);
  return buildHistory(head, raw, headBlobs, options.shallow);
}
