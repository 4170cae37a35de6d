import type { Entry, Report } from "../core/types.js";
import type { GitRepo } from "../git/repo.js";
import { originalVersions, type Analysis } from "../status/get-status.js";
import { readVersions } from "../status/contents.js";
import { staleEntries } from "./items.js";

/** One translation the translator is run for: a stale one to redo, or a missing one to create. */
export interface ExecJob {
  kind: "stale" | "missing";
  entry: Entry;
  lang: string;
  source: string;
  /** The file to write: the translation, or for a missing one the path its layout gives (`expectedPath`). */
  translation: string;
  /** The original's language. */
  sourceLang: string;
  /** The commit the translation reflects now; null for a missing one. */
  baseline: string | null;
  /** The original's last change: what the translator is given, and what success records as `source_commit`. */
  commit: string;
}

/** The runs a report calls for, in path order, and the missing translations that can't be created (no path, or no single original). */
export function selectJobs(report: Report, sourceLangs: ReadonlyMap<string, string>, fallbackLang: string, options: { missing: boolean }): { jobs: ExecJob[]; skipped: Entry[] } {
  const jobs: ExecJob[] = staleEntries(report).map((entry) => ({
    kind: "stale",
    entry,
    lang: entry.lang,
    source: entry.source,
    translation: entry.translation,
    sourceLang: sourceLangs.get(entry.source) ?? fallbackLang,
    baseline: entry.baseline,
    commit: entry.sourceCommit,
  }));
  const skipped: Entry[] = [];
  if (options.missing) {
    for (const entry of report.translations) {
      if (entry.status !== "missing" || entry.source === null) continue;
      const path = entry.expectedPath ?? null;
      // An ambiguous name's new file would link to no single original; one without a layout has no place.
      if (path === null || entry.sourceCommit === null || entry.problems.some((p) => p.code === "AMBIGUOUS_SOURCE")) {
        skipped.push(entry);
        continue;
      }
      jobs.push({ kind: "missing", entry, lang: entry.lang, source: entry.source, translation: path, sourceLang: sourceLangs.get(entry.source) ?? fallbackLang, baseline: null, commit: entry.sourceCommit });
    }
  }
  // One run a file, in code-unit order: the same list on every machine.
  const seen = new Set<string>();
  const unique = jobs.filter((job) => !seen.has(job.translation) && seen.add(job.translation));
  unique.sort((a, b) => (a.translation < b.translation ? -1 : a.translation > b.translation ? 1 : a.lang < b.lang ? -1 : a.lang > b.lang ? 1 : 0));
  return { jobs: unique, skipped };
}

/** The original's text at each job's baseline (empty for a missing one) and at HEAD, for its `{diff}`; one git pass. */
export async function jobVersions(repo: GitRepo, analysis: Analysis, jobs: readonly ExecJob[]): Promise<Map<string, { before: string; after: string }>> {
  const stale = jobs.filter((j) => j.kind === "stale").map((j) => j.translation);
  const missing = jobs.filter((j) => j.kind === "missing");
  const [versions, created] = await Promise.all([
    originalVersions(repo, analysis, stale),
    readVersions(
      repo.blobs(),
      missing.flatMap((job) => {
        const head = analysis.history.headBlobs.get(job.source);
        // The empty side is read as the original at HEAD too: `before` is replaced by nothing below.
        return head === undefined ? [] : [{ key: job.translation, baseline: head, head, disk: () => "" }];
      }),
    ),
  ]);
  const result = new Map<string, { before: string; after: string }>();
  for (const [path, v] of versions) result.set(path, { before: v.before, after: v.after });
  for (const [path, v] of created) result.set(path, { before: "", after: v.after });
  return result;
}
