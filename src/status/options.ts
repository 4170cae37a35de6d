import type { RepoProbe } from "../git/probe.js";

/** Options of a status run; paths are relative to `cwd`. */
export interface StatusOptions {
  cwd: string;
  /** The environment git runs with. */
  env: NodeJS.ProcessEnv;
  configFile?: string;
  paths?: readonly string[];
  languages?: readonly string[];
  /** Compare originals as they stand on disk, counting uncommitted edits. */
  worktree?: boolean;
  /** Use the history index cached under .git/ (default true). */
  cache?: boolean;
  /** The time that stands for uncommitted edits. */
  now?: Date;
  onProgress?: (stage: string, count: number) => void;
  /** Git's answers for this repository asked for before the run (by the CLI, at start-up). */
  probe?: RepoProbe;
  /** Told when a cache file was there but could not be used (another build's, damaged), and is rebuilt. */
  onCacheRebuilt?: (cache: string, reason: string) => void;
  /** Told of the posts under a source folder that no layout pattern matches (for `--verbose`). */
  onUnmatched?: (paths: readonly string[]) => void;
  /** Keep the posts' text in the analysis (default true); a caller that needs only the report saves the memory. */
  keepText?: boolean;
}
