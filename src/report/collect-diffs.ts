import type { Report } from "../core/types.js";
import { GitRepo } from "../git/repo.js";
import { analyzeRepo, originalVersions, type Analysis, type StatusOptions } from "../status/get-status.js";
import { DEFAULT_DIFF_LIMITS, lineDiff, type ChangeDiff, type DiffLimits } from "./line-diff.js";
import { translatableContent } from "../status/contents.js";

/** Everything the HTML report shows: the status report, the changes of stale originals, and post titles. */
export interface ReportData {
  report: Report;
  /** Per stale translation path: its original's change from the baseline to HEAD. */
  diffs: Map<string, ChangeDiff>;
  /** Per post path: the post's front-matter title, when it has one. */
  titles: Map<string, string>;
}

/** Limits of the diffs a report carries; past `maxTotalLines`, diffs are left out (the page says so). */
export interface ReportLimits extends DiffLimits {
  maxTotalLines: number;
}

/** Default limits: a few hundred lines a diff, a few tens of thousands a page. */
export const DEFAULT_REPORT_LIMITS: ReportLimits = { ...DEFAULT_DIFF_LIMITS, maxTotalLines: 30_000 };

const BATCH = 256;
const MAX_TITLE = 300;

/** Runs the status analysis and reads what the report needs beyond it, through one git door. */
export async function collectReport(options: StatusOptions, limits: ReportLimits = DEFAULT_REPORT_LIMITS): Promise<ReportData> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const analysis = await analyzeRepo(repo, options);
    const diffs = await collectDiffs(repo, analysis, limits);
    return { report: analysis.report, diffs, titles: collectTitles(analysis) };
  } finally {
    await repo.close();
  }
}

/** Line diffs of the originals of stale translations, baseline → HEAD, read in batches. */
async function collectDiffs(repo: GitRepo, analysis: Analysis, limits: ReportLimits): Promise<Map<string, ChangeDiff>> {
  const stale = analysis.report.translations.flatMap((e) => (e.status === "stale" && e.translation && analysis.blobs.has(e.translation) ? [e] : []));
  const diffs = new Map<string, ChangeDiff>();
  // Translations of one original into several languages often share a baseline: one diff serves them all.
  const shared = new Map<string, ChangeDiff>();
  let budget = limits.maxTotalLines;
  for (let i = 0; i < stale.length; i += BATCH) {
    const batch = stale.slice(i, i + BATCH);
    const versions = await originalVersions(repo, analysis, batch.map((e) => e.translation!));
    for (const entry of batch) {
      const version = versions.get(entry.translation!)!;
      const blobs = analysis.blobs.get(entry.translation!)!;
      const labels = { from: entry.baseline?.slice(0, 12) ?? "", to: version.afterLabel };
      const key = blobs.head === null ? null : `${labels.from}\0${blobs.baseline}\0${blobs.head}`;
      let diff = key === null ? undefined : shared.get(key);
      if (!diff) {
        diff = lineDiff(version.before, version.after, labels, { ...limits, maxLines: Math.max(0, Math.min(limits.maxLines, budget)) }, (text) => translatableContent(text, analysis.config.translatableKeys));
        budget -= diff.lines.length;
        if (key !== null) shared.set(key, diff);
      }
      diffs.set(entry.translation!, diff);
    }
  }
  return diffs;
}

/** Front-matter titles of the posts the report names, as read with the posts. */
function collectTitles(analysis: Analysis): Map<string, string> {
  const titles = new Map<string, string>();
  for (const entry of analysis.report.translations) {
    for (const path of [entry.source, entry.translation]) {
      const title = path === null ? null : analysis.posts.get(path)?.post.title;
      if (path !== null && title) titles.set(path, title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE)}…` : title);
    }
  }
  return titles;
}
