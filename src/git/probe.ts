import { runGit } from "./run.js";

/**
 * Questions asked of git at the very start of a run, before the rest of transtrack has loaded, so that
 * git works on one core while Node loads on the other: where the repository stands, its files, and which
 * of them differ from HEAD. Each answer is git's raw output; `GitRepo` reads it as it would its own.
 */
export interface RepoProbe {
  /** The directory git ran in: a work tree's top level. */
  dir: string;
  state: Promise<string>;
  listing: Promise<string>;
  /** Null when not asked for (a run without the caches doesn't need it). */
  edited: Promise<string> | null;
}

/** The `rev-parse` arguments whose output `GitRepo.openWithState` reads. */
export const STATE_ARGS = ["rev-parse", "--show-toplevel", "--absolute-git-dir", "--is-shallow-repository", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}"];
/** The `ls-files` arguments whose output `GitRepo.listFilesTagged` reads. */
export const LISTING_ARGS = ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--deduplicate"];

/** The `diff` arguments for the files that differ from `commit`, as `GitRepo.changedSince` reads them. */
export function editedArgs(commit: string): string[] {
  return ["diff", "--name-only", "--no-renames", "--no-ext-diff", "-z", commit, "--"];
}

/** Starts the probe in `dir` (a work tree's top level); failures surface only when an answer is used. */
export function probeRepo(dir: string, env: NodeJS.ProcessEnv, options: { edited: boolean }): RepoProbe {
  const git = { cwd: dir, env };
  const probe = { dir, state: runGit(git, STATE_ARGS), listing: runGit(git, LISTING_ARGS), edited: options.edited ? runGit(git, editedArgs("HEAD")) : null };
  for (const answer of [probe.state, probe.listing, probe.edited]) answer?.catch(() => undefined);
  return probe;
}
