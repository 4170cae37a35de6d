import { refreshVerdict, type VerdictBasis } from "./evaluate.js";
import type { History } from "./history.js";
import { isPostPath } from "./layout.js";
import { summarize } from "./report.js";
import type { Entry, Report } from "./types.js";

/**
 * How an earlier report is brought up to date with commits it hasn't seen, when nothing else changed:
 * the posts (their front-matter, and which exist) are what they were, and the new commits only modified
 * existing posts. Linking then comes out the same, and of every entry only those whose original the new
 * commits modified can change (a translation they modified has a new baseline: that needs a full run).
 */
export interface RefreshPlan {
  /** Indices into the report's entries that need work, with the new changes to their original. */
  entries: { index: number; source: string }[];
  /** The originals whose blob at the new HEAD is needed. */
  sources: string[];
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

/** Which entries the touched posts affect; null when one of them can't be brought up to date from the report alone. */
export function planRefresh(report: Report, bases: readonly (VerdictBasis | null)[], touched: ReadonlySet<string>): RefreshPlan | null {
  const plan: RefreshPlan = { entries: [], sources: [] };
  const sources = new Set<string>();
  for (let index = 0; index < report.translations.length; index++) {
    const entry = report.translations[index]!;
    if (entry.translation !== null && touched.has(entry.translation)) return null;
    if (entry.source === null || !touched.has(entry.source)) continue;
    // Settled without history (unreadable, no original): nothing of the original's history shows.
    if (entry.status === "invalid" || entry.status === "orphaned") continue;
    if (entry.status === "unknown" && entry.problems.some((p) => p.code === "SOURCE_UNCOMMITTED")) return null;
    if ((entry.status === "stale" || entry.status === "up-to-date") && (bases[index] === null || !bases[index]!.complete)) return null;
    plan.entries.push({ index, source: entry.source });
    sources.add(entry.source);
  }
  plan.sources = [...sources];
  return plan;
}

/** The blobs whose digests refreshing the planned entries needs. */
export function refreshBlobs(plan: RefreshPlan, report: Report, bases: readonly (VerdictBasis | null)[], news: History, headBlobs: ReadonlyMap<string, string>): Set<string> {
  const blobs = new Set<string>();
  for (const { index, source } of plan.entries) {
    const basis = bases[index];
    const status = report.translations[index]!.status;
    if (!basis || (status !== "stale" && status !== "up-to-date")) continue;
    if (basis.baselineDigest === null) blobs.add(basis.baselineBlob);
    const head = headBlobs.get(source);
    if (head) blobs.add(head);
    for (const c of news.changes.get(source) ?? []) {
      if (c.oldBlob === c.newBlob) continue;
      if (c.oldBlob) blobs.add(c.oldBlob);
      if (c.newBlob) blobs.add(c.newBlob);
    }
  }
  return blobs;
}

/** The refreshed entries, with the new bases; entries now stale still need their line counts. */
export function applyRefresh(
  plan: RefreshPlan,
  report: Report,
  bases: readonly (VerdictBasis | null)[],
  news: History,
  headBlobs: ReadonlyMap<string, string>,
  digest: (blob: string) => string,
): { entries: Entry[]; bases: (VerdictBasis | null)[]; stale: number[] } | null {
  const entries = [...report.translations];
  const next = [...bases];
  const stale: number[] = [];
  for (const { index, source } of plan.entries) {
    const entry = entries[index]!;
    const newest = news.changes.get(source)?.[0];
    if (!newest) return null;
    const sourceCommit = news.commits[newest.commit]!.sha;
    if (entry.status !== "stale" && entry.status !== "up-to-date") {
      entries[index] = { ...entry, sourceCommit };
      continue;
    }
    const headBlob = headBlobs.get(source);
    if (!headBlob) return null;
    const judged = refreshVerdict(
      { ...entry, linesAdded: 0, linesRemoved: 0 },
      bases[index]!,
      { changes: news.changes.get(source) ?? [], headBlob, sourceCommit },
      news,
      digest,
    );
    if (judged === null) return null;
    entries[index] = judged.entry;
    next[index] = judged.basis;
    if (judged.entry.status === "stale") stale.push(index);
  }
  return { entries, bases: next, stale };
}

/** The report with refreshed entries at a new HEAD: the same entries in the same order, counted again. */
export function withEntries(report: Report, head: string, entries: Entry[]): Report {
  return { ...report, head, summary: summarize(report.languages, entries), translations: entries };
}
