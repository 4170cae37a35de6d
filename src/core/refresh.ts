import { refreshVerdict, type VerdictBasis } from "./evaluate.js";
import type { History } from "./history.js";
import { isPostPath } from "./layout.js";
import type { Entry, Summary } from "./types.js";

/**
 * How an earlier report is brought up to date with commits it hasn't seen, when nothing else changed:
 * the posts (their front-matter, and which exist) are what they were, and the new commits only modified
 * existing posts. Linking then comes out the same, and of every entry only those whose original the new
 * commits modified can change (a translation they modified has a new baseline: that needs a full run).
 */

/** One entry of the earlier report: where it stands in it, and its verdict's basis when it was judged. */
export interface MemoEntry {
  index: number;
  entry: Entry;
  basis: VerdictBasis | null;
}

/** The posts the new commits touched, or null when they did more than modify posts that exist (added, deleted, renamed, copied). */
export function touchedPosts(news: History): Set<string> | null {
  for (const path of news.renames.keys()) if (isPostPath(path)) return null;
  const touched = new Set<string>();
  for (const [path, changes] of news.changes) {
    if (changes.some((c) => c.status !== "M")) return null;
    touched.add(path);
  }
  return touched;
}

/**
 * Of the entries whose original or translation was touched, those that need work; null when one of
 * them can't be brought up to date from the earlier report alone.
 */
export function planRefresh(candidates: readonly MemoEntry[], touched: ReadonlySet<string>): MemoEntry[] | null {
  const plan: MemoEntry[] = [];
  for (const candidate of candidates) {
    const { entry, basis } = candidate;
    if (entry.translation !== null && touched.has(entry.translation)) return null;
    if (entry.source === null || !touched.has(entry.source)) continue;
    // Settled without history (unreadable, no original): nothing of the original's history shows.
    if (entry.status === "invalid" || entry.status === "orphaned") continue;
    if (entry.status === "unknown" && entry.problems.some((p) => p.code === "SOURCE_UNCOMMITTED")) return null;
    if ((entry.status === "stale" || entry.status === "up-to-date") && (basis === null || !basis.complete)) return null;
    plan.push(candidate);
  }
  return plan;
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
