import { runGit } from "./run.js";

/**
 * Questions asked of git at the very start of a run, before the rest of transtrack has loaded, so that
 * git works on one core while Node loads on the other: where the repository stands, and its files. Each answer is git's raw output; `GitRepo` reads it as it would its own.
 */
export interface RepoProbe {
  /** The directory git ran in: a work tree's top level. */
  dir: string;
  state: Promise<string>;
  listing: Promise<string>;
}

/** The `rev-parse` arguments whose output `GitRepo.openWithState` reads. */
export const STATE_ARGS = ["rev-parse", "--show-toplevel", "--absolute-git-dir", "--is-shallow-repository", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}"];
/** The `ls-files` arguments whose output `GitRepo.listFilesTagged` reads. */
export const LISTING_ARGS = ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--deduplicate"];

/** Starts the probe in `dir` (a work tree's top level); failures surface only when an answer is used. */
export function probeRepo(dir: string, env: NodeJS.ProcessEnv): RepoProbe {
  const git = { cwd: dir, env };
  const probe = { dir, state: runGit(git, STATE_ARGS), listing: runGit(git, LISTING_ARGS) };
  for (const answer of [probe.state, probe.listing]) answer.catch(() => undefined);
  return probe;
}
