import { Ancestry, lineage, type FileChange, type History } from "./history.js";
import { countsFor } from "./ignore.js";
import type { Link } from "./links.js";
import { newEntry, type Entry, type Problem } from "./types.js";
import { netSteps } from "./net-change.js";

/** What a `source_commit` value names in the repository. */
export type CommitResolution =
  | { kind: "found"; commit: number }
  | { kind: "missing" }
  | { kind: "ambiguous" }
  | { kind: "unreachable"; sha: string };

/** A translation whose status needs the content of some blobs to decide. */
export interface PendingEntry {
  entry: Entry;
  /** Blob of the original at the baseline. */
  baselineBlob: string;
  /** Blob of the original at HEAD, or null when `--worktree` supplies the content. */
  headBlob: string | null;
  /** The original's changes after the baseline. */
  after: FileChange[];
  /** The history this verdict needs is cut off by a shallow clone. */
  needsHistory: boolean;
}

/** The first step's result: entries decided without content, and entries waiting for it. */
export interface Plan {
  done: Entry[];
  pending: PendingEntry[];
  needsHistory: Entry[];
}

/** Inputs of the baseline step, all plain data. */
export interface PlanInput {
  links: readonly Link[];
  history: History;
  ancestry: Ancestry;
  /** Resolution of every distinct `source_commit` value. */
  resolutions: ReadonlyMap<string, CommitResolution>;
  /** Originals whose working-tree content replaces HEAD's (`--worktree`). */
  worktree: ReadonlySet<string>;
  /** The front-matter key that records a translation's source commit, named in problems about it. */
  sourceCommitKey?: string;
}

/** Finds each translation's baseline and the original's changes since, or settles its status. */
export function planEntries(input: PlanInput): Plan {
  const { history, ancestry } = input;
  const sourceCommitKey = input.sourceCommitKey ?? "source_commit";
  const plan: Plan = { done: [], pending: [], needsHistory: [] };
  const lineages = new Map<string, FileChange[]>();
  const lineageOf = (path: string) => {
    let l = lineages.get(path);
    if (!l) lineages.set(path, (l = lineage(history, path)));
    return l;
  };

  for (const link of input.links) {
    const entry = newEntry({ lang: link.lang, source: link.source, translation: link.translation, status: "unknown", problems: link.problems, ...(link.copy ? { copy: true as const } : {}) });
    const problem = (code: Problem["code"], args?: Problem["args"]) =>
      entry.problems.push({ code, file: link.translation, ...(args ? { args } : {}) });
    if (link.settled || link.source === null) {
      entry.status = link.settled ?? "orphaned";
      plan.done.push(entry);
      continue;
    }
    const original = lineageOf(link.source);
    const newest = original[0];
    entry.sourceCommit = newest ? history.commits[newest.commit]!.sha : null;

    let tips: number[];
    let shallowCut = false;
    if (link.post.sourceCommit) {
      const resolution = input.resolutions.get(link.post.sourceCommit) ?? { kind: "missing" };
      if (resolution.kind !== "found") {
        const code = { missing: "SOURCE_COMMIT_NOT_FOUND", ambiguous: "SOURCE_COMMIT_AMBIGUOUS", unreachable: "SOURCE_COMMIT_NOT_ANCESTOR" } as const;
        problem(code[resolution.kind], { key: sourceCommitKey, commit: link.post.sourceCommit });
        // In a shallow clone a commit may be absent, or present (fetched for another branch) yet cut
        // off from HEAD's history by the boundary: either way only more history can tell.
        const cutOff = (resolution.kind === "missing" || resolution.kind === "unreachable") && history.shallowBoundary.size > 0;
        (cutOff ? plan.needsHistory : plan.done).push(entry);
        continue;
      }
      tips = [resolution.commit];
    } else {
      tips = lastChanges(trackedChanges(lineageOf(link.translation), history, link.translation), ancestry);
      if (tips.length === 0) {
        problem("TRANSLATION_UNCOMMITTED", { key: sourceCommitKey });
        plan.done.push(entry);
        continue;
      }
      shallowCut = tips.some((t) => history.shallowBoundary.has(t));
    }
    entry.baseline = history.commits[tips[0]!]!.sha;

    const atBaseline = original.find((c) => ancestry.seenBy(c.commit, tips));
    if (!atBaseline || atBaseline.newBlob === null) {
      problem("SOURCE_NOT_IN_BASELINE", { source: link.source, commit: entry.baseline });
      (history.shallowBoundary.size > 0 ? plan.needsHistory : plan.done).push(entry);
      continue;
    }
    const headBlob = history.headBlobs.get(link.source) ?? null;
    if (headBlob === null && !input.worktree.has(link.source)) {
      problem("SOURCE_UNCOMMITTED", { source: link.source });
      plan.done.push(entry);
      continue;
    }
    const after = original.filter((c) => !ancestry.seenBy(c.commit, tips));
    const pending: PendingEntry = {
      entry,
      baselineBlob: atBaseline.newBlob,
      headBlob: input.worktree.has(link.source) ? null : headBlob,
      after,
      // A boundary commit's tree is complete, so the original's content there is exact; but a
      // translation last changed *at* a boundary has an unknown true baseline, and a boundary
      // after the baseline shows every file as added there, which would count as a change.
      needsHistory: shallowCut || after.some((c) => history.shallowBoundary.has(c.commit)),
    };
    if (pending.needsHistory) plan.needsHistory.push(entry);
    else plan.pending.push(pending);
  }
  return plan;
}

/**
 * A file's changes by commits that count for it; all of them when none does (as Lunaria takes the latest
 * commit when every one was ignored), so a translation always has a baseline if it was ever committed.
 */
function trackedChanges(changes: FileChange[], history: History, path: string): FileChange[] {
  const tracked = changes.filter((c) => countsFor(history.commits[c.commit]!.scope, c.path ?? path));
  return tracked.length > 0 ? tracked : changes;
}

/** The commits that last changed a file: its changes that no later change descends from. */
export function lastChanges(changes: readonly FileChange[], ancestry: Ancestry): number[] {
  const tips: number[] = [];
  for (const change of changes) {
    if (change.status === "D") continue;
    // Moving a translation unchanged is not translating it: its baseline stays where it was.
    if ((change.status === "R" || change.status === "C") && change.oldBlob === change.newBlob) continue;
    if (!tips.some((t) => ancestry.isAncestorOrSelf(change.commit, t))) tips.push(change.commit);
  }
  return tips;
}

/** The blobs whose normalised content the verdicts need. */
export function neededBlobs(pending: readonly PendingEntry[]): Set<string> {
  const blobs = new Set<string>();
  for (const p of pending) {
    // The same blob at the baseline and at HEAD: up to date whatever happened between, so `judge`
    // decides it without content (and a change between two equal blob ids changes nothing either).
    if (p.headBlob === p.baselineBlob) continue;
    blobs.add(p.baselineBlob);
    if (p.headBlob) blobs.add(p.headBlob);
    for (const c of p.after) {
      if (c.oldBlob === c.newBlob) continue;
      if (c.oldBlob) blobs.add(c.oldBlob);
      if (c.newBlob) blobs.add(c.newBlob);
    }
  }
  return blobs;
}

/** What the verdict step knows of content: digests of blobs, and of originals on disk. */
export interface Contents {
  digest(blob: string): string;
  /** Digest of the original's working-tree content, for `--worktree`. */
  worktreeDigest(path: string): string | null;
  /** ISO date standing for uncommitted edits. */
  now: string;
}

/** A verdict, with the commits that made it (meaningful, not ignored, after the baseline; newest first). */
export interface Judgement {
  entry: Entry;
  /** The commits that make up the original's net change since the baseline (newest first); empty when it is up to date. */
  counted: number[];
}

/**
 * Decides up-to-date or stale for each pending entry from the content digests. `commitsBehind` and
 * `staleSince` count every meaningful commit after the baseline, as the report's contract defines them;
 * `counted` keeps only those that make up the net difference (an edit and its revert cancel out), the
 * commits `update` shows the editor.
 */
export function judge(pending: PendingEntry, history: History, contents: Contents): Judgement {
  const { entry } = pending;
  const digestOf = (blob: string | null) => (blob === null ? "" : contents.digest(blob));
  const meaningful = meaningfulChanges(pending.after, history, digestOf, entry.source!);
  const committedHead = pending.headBlob ?? history.headBlobs.get(entry.source!) ?? null;
  let head = digestOf(committedHead);
  let extra: number | null = null;
  if (pending.headBlob === null) {
    const disk = contents.worktreeDigest(entry.source!);
    if (disk !== null && disk !== head) {
      head = disk;
      extra = Date.parse(contents.now) / 1000;
    }
  }
  const times = meaningful.map((c) => history.commits[c.commit]!.time);
  const verdict = decide(entry, times, extra, head !== digestOf(pending.baselineBlob));
  if (verdict.status !== "stale") return { entry: verdict, counted: [] };
  // netSteps wants the oldest first; `after` is newest first.
  const steps = meaningful.map((c) => ({ commit: c.commit, before: digestOf(c.oldBlob), after: digestOf(c.newBlob) })).reverse();
  return { entry: verdict, counted: netSteps(steps).reverse().map((s) => s.commit) };
}

/** The changes that count: not from an ignored commit, by one that counts for the file, and changing the translatable content. */
function meaningfulChanges(changes: readonly FileChange[], history: History, digestOf: (blob: string | null) => string, path: string): FileChange[] {
  return changes.filter((c) => {
    const commit = history.commits[c.commit]!;
    return !commit.ignored && countsFor(commit.scope, c.path ?? path) && digestOf(c.oldBlob) !== digestOf(c.newBlob);
  });
}

/**
 * The verdict from the meaningful changes' times, an uncommitted edit's time (or null), and whether the
 * original's content now differs from the baseline's: stale when both something counted and it differs.
 */
function decide(entry: Entry, times: readonly number[], uncommitted: number | null, differs: boolean): Entry {
  const behind = times.length + (uncommitted === null ? 0 : 1);
  const stale = behind > 0 && differs;
  let since = times.length ? Math.min(...times) : null;
  if (since === null && uncommitted !== null) since = uncommitted;
  return { ...entry, status: stale ? "stale" : "up-to-date", commitsBehind: stale ? behind : 0, staleSince: stale && since !== null ? isoDate(since) : null };
}

/** Seconds since the epoch as an ISO 8601 UTC date without milliseconds. */
function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
