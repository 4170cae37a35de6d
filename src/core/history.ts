import type { CommitScope } from "./ignore.js";

/** One commit reachable from HEAD, numbered in topological order (0 is HEAD; parents come after children). */
export interface Commit {
  sha: string;
  parents: number[];
  /** Committer time, seconds since the epoch. */
  time: number;
  /** Its message carries an ignore directive, so its changes never make a translation stale. */
  ignored: boolean;
  /** The files it counts for, originals and translations alike, when its message narrows that. */
  scope?: CommitScope;
}

/** How one non-merge commit changed one post. */
export interface FileChange {
  commit: number;
  /** git's status letter: A added, M modified, D deleted, R renamed, C copied, T type changed. */
  status: string;
  oldBlob: string | null;
  newBlob: string | null;
  /** The path before a rename or copy. */
  oldPath: string | null;
  /** The path it changed (after a rename); what a commit's scope is matched against. */
  path?: string;
}

/** Everything the core needs from git, read in one pass over the history. */
export interface History {
  head: string;
  commits: Commit[];
  /** Changes to each post path, newest first. */
  changes: Map<string, FileChange[]>;
  /** Blob of each post at HEAD. */
  headBlobs: Map<string, string>;
  /** Renames of post paths: old path → where it went, newest first. */
  renames: Map<string, { to: string; commit: number }[]>;
  /** Commits whose parents a shallow clone cut off. */
  shallowBoundary: Set<number>;
}

/** The zero blob id git prints for "no file". */
export const NULL_BLOB = /^0+$/;

/**
 * Answers "is A an ancestor of (or equal to) B" over a history's commits in O(1) for almost every query.
 *
 * The first-parent chain from HEAD is the mainline; every commit is numbered by the oldest mainline
 * commit that has it as an ancestor (`mergedAt`: the commit itself on the mainline, the merge that brought
 * it in otherwise), and by the newest mainline commit it has as an ancestor (`reach`). The ancestors of a
 * mainline commit at position r are then exactly the commits with `mergedAt >= r`, so for any B:
 * ancestors(B) = { A : mergedAt(A) >= reach(B) } plus B's own side-branch commits, found by a walk that
 * stops at that boundary (a few commits of a topic branch; memoised per B). Building it is O(commits + edges).
 */
export class Ancestry {
  private readonly linear: boolean;
  private readonly mergedAt: Int32Array;
  private readonly reach: Int32Array;
  private readonly side = new Map<number, Set<number>>();

  constructor(private readonly commits: readonly Commit[]) {
    const n = commits.length;
    this.linear = commits.every((c, i) => c.parents.length === 0 || (c.parents.length === 1 && c.parents[0] === i + 1));
    this.mergedAt = new Int32Array(n).fill(-1);
    this.reach = new Int32Array(n);
    if (this.linear) return;
    const mainline: number[] = [];
    for (let c: number | undefined = 0; c !== undefined && c < n && this.mergedAt[c] === -1; c = commits[c]!.parents[0]) {
      this.mergedAt[c] = mainline.length;
      mainline.push(c);
    }
    // Oldest mainline commit first: what a merge brings in is whatever its other parents reach that the
    // older mainline did not.
    const stack: number[] = [];
    for (let pos = mainline.length - 1; pos >= 0; pos--) {
      const parents = commits[mainline[pos]!]!.parents;
      for (let k = 1; k < parents.length; k++) stack.push(parents[k]!);
      while (stack.length > 0) {
        const c = stack.pop()!;
        if (this.mergedAt[c] !== -1) continue;
        this.mergedAt[c] = pos;
        for (const p of commits[c]!.parents) if (this.mergedAt[p] === -1) stack.push(p);
      }
    }
    // Parents come after children, so walking backwards sees every parent first.
    const none = mainline.length;
    for (let c = n - 1; c >= 0; c--) {
      let r = none;
      if (this.mergedAt[c] !== -1 && mainline[this.mergedAt[c]!] === c) r = this.mergedAt[c]!;
      else for (const p of commits[c]!.parents) r = Math.min(r, this.reach[p]!);
      this.reach[c] = r;
    }
  }

  /** True when commit `a` is `b` or one of its ancestors. */
  isAncestorOrSelf(a: number, b: number): boolean {
    if (a === b) return true;
    // Topological numbering: an ancestor always has a larger number than its descendants.
    if (a < b) return false;
    if (this.linear) return true;
    if (this.mergedAt[a]! >= this.reach[b]!) return true;
    return this.sideOf(b).has(a);
  }

  /** True when `a` is an ancestor of, or equal to, any of `tips`. */
  seenBy(a: number, tips: readonly number[]): boolean {
    return tips.some((t) => this.isAncestorOrSelf(a, t));
  }

  /** B's ancestors that its newest mainline ancestor doesn't have: the commits of its topic branch. */
  private sideOf(b: number): Set<number> {
    let side = this.side.get(b);
    if (side) return side;
    side = new Set<number>();
    const boundary = this.reach[b]!;
    const stack = [b];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (side.has(c) || this.mergedAt[c]! >= boundary) continue;
      side.add(c);
      for (const p of this.commits[c]!.parents) stack.push(p);
    }
    this.side.set(b, side);
    return side;
  }
}

/** The changes that make up a path's history, following renames back through earlier paths. */
export function lineage(history: History, path: string): FileChange[] {
  const result: FileChange[] = [];
  let current: string | null = path;
  let before = Number.POSITIVE_INFINITY;
  const visited = new Set<string>();
  while (current !== null && !visited.has(current)) {
    visited.add(current);
    const changes: FileChange[] = history.changes.get(current) ?? [];
    let next: string | null = null;
    for (const change of changes) {
      // Only what happened to this path before it was renamed to the later one.
      if (change.commit <= before && before !== Number.POSITIVE_INFINITY) continue;
      result.push(change);
      if ((change.status === "R" || change.status === "C") && change.oldPath !== null) {
        next = change.oldPath;
        before = change.commit;
        break;
      }
      if (change.status === "A") break;
    }
    current = next;
  }
  return result;
}

/**
 * Where a path that no longer exists at HEAD went, following renames forward; null when it didn't move.
 */
export function movedTo(history: History, path: string): string | null {
  let current = path;
  const visited = new Set<string>();
  while (!visited.has(current)) {
    visited.add(current);
    const next = history.renames.get(current)?.[0];
    if (!next) break;
    current = next.to;
    if (history.headBlobs.has(current)) return current;
  }
  return null;
}
