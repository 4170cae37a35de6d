import type { CommitResolution } from "../core/evaluate.js";
import type { History } from "../core/history.js";
import type { GitRepo } from "../git/repo.js";

/** Resolves each distinct `source_commit` value against the history, asking git only for what it lacks. */
export async function resolveSourceCommits(repo: GitRepo, history: History, values: Iterable<string>): Promise<Map<string, CommitResolution>> {
  const index = new Map(history.commits.map((c, i) => [c.sha, i]));
  const resolutions = new Map<string, CommitResolution>();
  const unknown: string[] = [];
  for (const value of new Set(values)) {
    const known = index.get(value);
    if (known !== undefined) resolutions.set(value, { kind: "found", commit: known });
    else unknown.push(value);
  }
  // All requests go out at once: cat-file answers them in order without a round trip each.
  const answers = await Promise.all(unknown.map((value) => repo.resolveCommit(value)));
  unknown.forEach((value, i) => {
    const resolved = answers[i]!;
    if (typeof resolved === "string") resolutions.set(value, { kind: resolved });
    else {
      const commit = index.get(resolved.sha);
      resolutions.set(value, commit === undefined ? { kind: "unreachable", sha: resolved.sha } : { kind: "found", commit });
    }
  });
  return resolutions;
}
