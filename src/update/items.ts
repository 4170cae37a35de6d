import type { History } from "../core/history.js";
import { byAttention } from "../core/attention.js";
import type { Entry, Report } from "../core/types.js";
import type { OriginalChange } from "../status/diff.js";

/** A commit that made a translation stale, as the session lists it. */
export interface ItemCommit {
  sha: string;
  /** Seven hex digits, as git abbreviates by default. */
  short: string;
  /** Committer date, YYYY-MM-DD (UTC). */
  date: string;
  subject: string;
}

/** A stale entry: its source and translation are known. */
export type StaleEntry = Entry & { status: "stale"; source: string; translation: string; sourceCommit: string };

/** One stale translation the session walks through. */
export interface UpdateItem {
  entry: StaleEntry;
  /** The commits since the baseline that made it stale, newest first. */
  commits: ItemCommit[];
  /** The original at the baseline and at HEAD. */
  change: OriginalChange;
  /** The translation as read from disk; marking refuses when the file no longer holds exactly this. */
  text: string;
}

/** The stale entries of a report, in session order: the order `status` lists them in. */
export function staleEntries(report: Report): StaleEntry[] {
  const stale = report.translations.filter(
    (e): e is StaleEntry => e.status === "stale" && e.source !== null && e.translation !== null && e.sourceCommit !== null,
  );
  return stale.sort(byAttention);
}

/** The commits (history indices) that made an entry stale, with their subjects looked up in `subjects`. */
export function itemCommits(indices: readonly number[], history: History, subjects: ReadonlyMap<string, string>): ItemCommit[] {
  return indices.map((index) => {
    const commit = history.commits[index]!;
    return {
      sha: commit.sha,
      short: commit.sha.slice(0, 7),
      date: new Date(commit.time * 1000).toISOString().slice(0, 10),
      subject: subjects.get(commit.sha) ?? "",
    };
  });
}

/** The languages of the items, each once, sorted. */
export function itemLanguages(items: readonly UpdateItem[]): string[] {
  return [...new Set(items.map((i) => i.entry.lang))].sort();
}
