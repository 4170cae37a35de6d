/** One commit reachable from HEAD, numbered in topological order (0 is HEAD; parents come after children). */
export interface Commit {
  sha: string;
  parents: number[];
  /** Committer time, seconds since the epoch. */
  time: number;
  /** Its message carries an ignore directive, so its changes never make a translation stale. */
  ignored: boolean;
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

const WORD = 32;

/** Answers "is A an ancestor of (or equal to) B" over a history's commits, memoising per B. */
export class Ancestry {
  private readonly linear: boolean;
  private readonly memo = new Map<number, Uint32Array>();

  constructor(private readonly commits: readonly Commit[]) {
    this.linear = commits.every((c, i) => c.parents.length === 0 || (c.parents.length === 1 && c.parents[0] === i + 1));
  }

  /** True when commit `a` is `b` or one of its ancestors. */
  isAncestorOrSelf(a: number, b: number): boolean {
    if (a === b) return true;
    // Topological numbering: an ancestor always has a larger number than its descendants.
    if (a < b) return false;
    if (this.linear) return true;
    const bits = this.ancestorsOf(b);
    return ((bits[a >>> 5]! >>> (a & 31)) & 1) === 1;
  }

  /** True when `a` is an ancestor of, or equal to, any of `tips`. */
  seenBy(a: number, tips: readonly number[]): boolean {
    return tips.some((t) => this.isAncestorOrSelf(a, t));
  }

  private ancestorsOf(b: number): Uint32Array {
    let bits = this.memo.get(b);
    if (bits) return bits;
    bits = new Uint32Array(Math.ceil(this.commits.length / WORD));
    bits[b >>> 5]! |= 1 << (b & 31);
    for (let i = b; i < this.commits.length; i++) {
      if (((bits[i >>> 5]! >>> (i & 31)) & 1) === 0) continue;
      for (const p of this.commits[i]!.parents) bits[p >>> 5]! |= 1 << (p & 31);
    }
    this.memo.set(b, bits);
    return bits;
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

/** Where a path that no longer exists at HEAD went, following renames forward; null when it didn't move. */
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
