import { judge, refreshVerdict, type Judgement, type PendingEntry, type VerdictBasis } from "./evaluate.js";
import type { History } from "./history.js";
import { isPostPath } from "./layout.js";
import type { Link } from "./links.js";
import { newEntry, type Entry, type ProblemCode, type Summary } from "./types.js";

/**
 * How an earlier report is brought up to date with commits it hasn't seen, when nothing else changed:
 * the posts (their front-matter, and which exist) are what they were, and the new commits only modified
 * existing posts. Linking then comes out the same, and of every entry only those can change whose original
 * the new commits modified, or whose translation has a new baseline: a new commit of it, or a new
 * `source_commit` naming one of the new commits.
 */

/** One entry of the earlier report: where it stands in it, and its verdict's basis when it was judged. */
export interface MemoEntry {
  index: number;
  entry: Entry;
  basis: VerdictBasis | null;
}

/**
 * The posts the new commits touched, or null when they did more than modify posts that exist (deleted,
 * renamed, copied, or added unless `added` allows it: then linking is run again).
 */
export function touchedPosts(news: History, options: { added?: boolean } = {}): Set<string> | null {
  for (const path of news.renames.keys()) if (isPostPath(path)) return null;
  const touched = new Set<string>();
  for (const [path, changes] of news.changes) {
    if (changes.some((c) => c.status !== "M" && !(options.added && c.status === "A"))) return null;
    touched.add(path);
  }
  return touched;
}

/** Whether a link is the one an earlier entry was made from: the same language and original, settled alike, with the same problems of linking. */
export function sameLink(entry: Entry, link: Link): boolean {
  const settled = entry.status === "invalid" || entry.status === "orphaned" ? entry.status : null;
  if (entry.lang !== link.lang || entry.source !== link.source || settled !== link.settled) return false;
  const linking = entry.problems.filter((p) => !BASELINE_PROBLEMS.has(p.code));
  return JSON.stringify(linking) === JSON.stringify(link.problems);
}

/**
 * The entry of a new link whose status needs no history (settled: invalid or orphaned), as a full run
 * makes it; null when it needs a baseline.
 */
export function settledEntry(link: Link): Entry | null {
  if (!link.settled && link.source !== null) return null;
  return newEntry({ lang: link.lang, source: link.source, translation: link.translation, status: link.settled ?? "orphaned", problems: link.problems });
}

/** The entry of a new link to a translation that was never committed and names no source_commit: unknown, as a full run makes it. */
export function uncommittedEntry(link: Link, sourceCommit: string | null): Entry {
  const problems = [...link.problems, { code: "TRANSLATION_UNCOMMITTED" as const, file: link.translation }];
  return newEntry({ lang: link.lang, source: link.source, translation: link.translation, status: "unknown", sourceCommit, problems });
}

/**
 * Of the entries whose original was touched, those that need work; null when one of them can't be
 * brought up to date from the earlier report alone. Entries whose translation moved to a new baseline
 * are the caller's (`rebaseline`), and left out through `moved`.
 */
export function planRefresh(candidates: readonly MemoEntry[], touched: ReadonlySet<string>, moved: ReadonlySet<number> = new Set()): MemoEntry[] | null {
  const plan: MemoEntry[] = [];
  for (const candidate of candidates) {
    const { entry, basis } = candidate;
    if (moved.has(candidate.index)) continue;
    if (entry.source === null || !touched.has(entry.source)) continue;
    // Settled without history (unreadable, no original): nothing of the original's history shows.
    if (entry.status === "invalid" || entry.status === "orphaned") continue;
    if (entry.status === "unknown" && entry.problems.some((p) => p.code === "SOURCE_UNCOMMITTED")) return null;
    if ((entry.status === "stale" || entry.status === "up-to-date") && (basis === null || !basis.complete)) return null;
    plan.push(candidate);
  }
  return plan;
}

/** What a translation's front-matter and the new commits say of its baseline. */
export interface BaselineEvidence {
  /** Its `source_commit` value when the memo was made, and now. */
  before: string | null;
  now: string | null;
  /** The full sha `now` names, when it differs from `before` and names one commit; null otherwise. */
  resolved: string | null;
  /** The newest of the new commits that changed the translation (a history index of the new commits), or null. */
  changedAt: number | null;
  /** The original's newest change before the new commits descends from all its others (so its content there is its last). */
  originalSettled: boolean;
  /** `resolved` is an ancestor of the memo's HEAD that descends from the original's last change before the new commits. */
  afterLastChange?: boolean;
}

/**
 * Where an entry's baseline is after the new commits: where it was; at one of them (its index); at an
 * older commit (`at`) that is the original's last change before them (the entry's `sourceCommit`, as
 * `mark` writes it) or descends from it; or unknown to the memo (null).
 */
export type BaselineMove = "same" | { commit: number } | { at: string } | null;

/**
 * How a translation's baseline moved. The new commits must form one line from the memo's HEAD (no
 * merge among them) for a baseline among them: then every older commit is an ancestor of each of them,
 * and the original's changes after one are exactly those of the newer ones.
 */
export function baselineMove(entry: Entry, evidence: BaselineEvidence, news: History, linear: boolean): BaselineMove {
  const { before, now, resolved, changedAt } = evidence;
  if (now !== null) {
    if (now === before) return "same";
    if (resolved === null) return null;
    const at = news.commits.findIndex((c) => c.sha === resolved);
    if (at >= 0) return linear ? { commit: at } : null;
    // A value written anew that names the commit it named before (a full sha for an abbreviated one).
    if (resolved === entry.baseline) return "same";
    // The original's last change then, or a commit after it: if that change descends from all the
    // original's others, the new commits' changes are exactly those after the baseline, merged or not.
    return (resolved === entry.sourceCommit || evidence.afterLastChange === true) && evidence.originalSettled ? { at: resolved } : null;
  }
  if (changedAt !== null) return linear ? { commit: changedAt } : null;
  return before === null ? "same" : null;
}

/** Problems that come from finding the baseline, not from linking: a new baseline drops them. */
const BASELINE_PROBLEMS: ReadonlySet<ProblemCode> = new Set([
  "SOURCE_COMMIT_NOT_FOUND",
  "SOURCE_COMMIT_AMBIGUOUS",
  "SOURCE_COMMIT_NOT_ANCESTOR",
  "SOURCE_NOT_IN_BASELINE",
  "TRANSLATION_UNCOMMITTED",
]);

/** Names of an original's contents: at a commit, by `<sha>:<path>`, as git's cat-file reads them. */
export const contentAt = (sha: string, path: string): string => `${sha}:${path}`;

/**
 * An entry judged again at a new baseline, exactly as a full run judges it: the original's content there
 * and at HEAD are named by commit and path (`contentAt`); its changes after the baseline are those of the
 * new commits newer than it (for one of them) or all of them (for an older commit).
 * Null when the entry can't be judged so (settled, or no original at HEAD).
 */
export function rebaselined(entry: Entry, move: { commit: number } | { at: string }, news: History): PendingEntry | null {
  const source = entry.source;
  if (source === null || entry.translation === null || entry.status === "invalid" || entry.status === "orphaned") return null;
  if (entry.problems.some((p) => p.code === "SOURCE_UNCOMMITTED")) return null;
  const changes = news.changes.get(source) ?? [];
  const newest = changes[0];
  const baseline = "at" in move ? move.at : news.commits[move.commit]!.sha;
  return {
    entry: newEntry({
      lang: entry.lang,
      source,
      translation: entry.translation,
      status: "unknown",
      baseline,
      sourceCommit: newest ? news.commits[newest.commit]!.sha : entry.sourceCommit,
      problems: entry.problems.filter((p) => !BASELINE_PROBLEMS.has(p.code)),
    }),
    baselineBlob: contentAt(baseline, source),
    headBlob: contentAt(news.head, source),
    // Newest first and numbered topologically: the changes of commits newer than the baseline.
    after: "at" in move ? changes : changes.filter((c) => c.commit < move.commit),
    needsHistory: false,
  };
}

/** Judges rebaselined entries from the digests of their `neededBlobs`. */
export function judgeRebaselined(pending: readonly PendingEntry[], news: History, digest: (blob: string) => string): Judgement[] {
  return pending.map((p) => judge(p, news, { digest, worktreeDigest: () => null, now: "" }));
}

/** The originals of the planned entries. */
export function refreshSources(plan: readonly MemoEntry[]): string[] {
  return [...new Set(plan.map((p) => p.entry.source!))];
}

/** The blobs whose digests refreshing the planned entries needs. */
export function refreshBlobs(plan: readonly MemoEntry[], news: History, headBlobs: ReadonlyMap<string, string>): Set<string> {
  const blobs = new Set<string>();
  for (const { entry, basis } of plan) {
    if (!basis || (entry.status !== "stale" && entry.status !== "up-to-date")) continue;
    if (basis.baselineDigest === null) blobs.add(basis.baselineBlob);
    const head = headBlobs.get(entry.source!);
    if (head) blobs.add(head);
    for (const c of news.changes.get(entry.source!) ?? []) {
      if (c.oldBlob === c.newBlob) continue;
      if (c.oldBlob) blobs.add(c.oldBlob);
      if (c.newBlob) blobs.add(c.newBlob);
    }
  }
  return blobs;
}

/** The planned entries brought up to date, with their new bases; null when one can't be. Entries now stale still need their line counts. */
export function applyRefresh(plan: readonly MemoEntry[], news: History, headBlobs: ReadonlyMap<string, string>, digest: (blob: string) => string): MemoEntry[] | null {
  const result: MemoEntry[] = [];
  for (const { index, entry, basis } of plan) {
    const source = entry.source!;
    const newest = news.changes.get(source)?.[0];
    if (!newest) return null;
    const sourceCommit = news.commits[newest.commit]!.sha;
    if (entry.status !== "stale" && entry.status !== "up-to-date") {
      result.push({ index, entry: { ...entry, sourceCommit }, basis });
      continue;
    }
    const headBlob = headBlobs.get(source);
    if (!headBlob || basis === null) return null;
    const changes = news.changes.get(source) ?? [];
    const judged = refreshVerdict({ ...entry, linesAdded: 0, linesRemoved: 0 }, basis, { changes, headBlob, sourceCommit }, news, digest);
    if (judged === null) return null;
    result.push({ index, entry: judged.entry, basis: judged.basis });
  }
  return result;
}

/** The summary with entries counted again where they changed status. */
export function recount(summary: Readonly<Record<string, Summary>>, before: readonly Entry[], after: readonly Entry[]): Record<string, Summary> {
  const next: Record<string, Summary> = {};
  for (const [lang, counts] of Object.entries(summary)) next[lang] = { ...counts };
  const add = (entry: Entry, n: number) => {
    const counts = next[entry.lang];
    if (counts) counts[entry.status] += n;
  };
  for (const entry of before) add(entry, -1);
  for (const entry of after) add(entry, 1);
  return next;
}
