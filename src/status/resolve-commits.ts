import type { CommitResolution } from "../core/evaluate.js";
import type { History } from "../core/history.js";
import type { GitRepo } from "../git/repo.js";

/** Resolves each distinct `source_commit` value against the history, asking git only for what it lacks. */
export async function resolveSourceCommits(
  repo: GitRepo,
  history: History,
  index: ReadonlyMap<string, number>,
  values: Iterable<string>,
): Promise<Map<string, CommitResolution>> {
  const sorted = history.commits.map((c) => c.sha).sort();
  const resolutions = new Map<string, CommitResolution>();
  const unknown: string[] = [];
  for (const value of new Set(values)) {
    const known = index.get(value) ?? uniquePrefix(sorted, value, index);
    if (known !== undefined) resolutions.set(value, { kind: "found", commit: known });
    else unknown.push(value);
  }
  // What HEAD's history doesn't hold, git tells apart: missing, ambiguous, or a commit elsewhere.
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

/**
 * The history index of the one commit reachable from HEAD whose sha starts with `prefix`; undefined
 * when none or several do (git then decides, as it would for any object in the repository).
 */
function uniquePrefix(sorted: readonly string[], prefix: string, index: ReadonlyMap<string, number>): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const first = sorted[lo];
  if (first === undefined || !first.startsWith(prefix)) return undefined;
  if (sorted[lo + 1]?.startsWith(prefix)) return undefined;
  return index.get(first);
}
