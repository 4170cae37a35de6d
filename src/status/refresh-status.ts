import { realpathSync } from "node:fs";
import { readConfigText } from "../config/locate.js";
import { lineStats } from "../core/diff-stats.js";
import { isIgnoredMessage } from "../core/ignore.js";
import { isPostPath } from "../core/layout.js";
import { applyRefresh, planRefresh, refreshBlobs, touchedPosts, withEntries } from "../core/refresh.js";
import type { Report } from "../core/types.js";
import { isAncestor } from "../git/history-cache.js";
import { buildHistory, readHistory } from "../git/read-history.js";
import { GitRepo } from "../git/repo.js";
import { VERSION } from "../version.js";
import { digestBlobs } from "./contents.js";
import type { StatusOptions } from "./get-status.js";
import { PostBatchReader } from "./post-reader.js";
import { memoKey, postFingerprint, ReportMemoFile, type ReportMemo } from "./report-memo.js";

/** More new commits than this, and a full run (which writes a new memo) is cheaper than refreshing. */
const MAX_NEW_COMMITS = 200;
/** More originals touched than this, and likewise. */
const MAX_SOURCES = 300;

/**
 * The status report: brought up to date from the memo of an earlier run when that can be done exactly,
 * else from a full analysis (loaded only then: it needs more code than refreshing).
 */
export async function statusReport(options: StatusOptions): Promise<Report> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const refreshed = memoApplies(options) ? await refreshFromMemo(repo, options).catch(() => null) : null;
    if (refreshed !== null) return refreshed;
    const { analyzeRepo } = await import("./get-status.js");
    return (await analyzeRepo(repo, options)).report;
  } finally {
    await repo.close();
  }
}

/** Whether a status run can come from the report memo: the whole report, committed originals, cache allowed. */
export function memoApplies(options: StatusOptions): boolean {
  return options.cache !== false && !options.worktree && !(options.paths?.length) && !(options.languages?.length);
}

/** The memo's key for this run's configuration file. */
export async function memoKeyFor(repo: GitRepo, options: StatusOptions): Promise<string> {
  const { file, text } = await readConfigText(repo.root, options.configFile, options.cwd);
  return memoKey(VERSION, file, text);
}

/**
 * The report from the memo of an earlier full run, brought up to date with what changed since; null
 * whenever that can't be done exactly, and a full run decides. Exact means: every post that may have
 * changed on disk is read again and must link as before, the set of posts must be the same, and the new
 * commits may only have modified posts (see `planRefresh`); then the report equals a full run's.
 */
export async function refreshFromMemo(repo: GitRepo, options: StatusOptions): Promise<Report | null> {
  const [key, state] = await Promise.all([memoKeyFor(repo, options), repo.state()]);
  if (state.head === null || state.shallow || !state.gitDir) return null;
  const head = state.head;
  const file = await ReportMemoFile.open(repo.env, key, state.gitDir);
  const memo = file === null ? null : await file.read();
  if (memo === null) return null;
  if (memo.head !== head && !(await isAncestor(repo.env, memo.head, head))) return null;

  const config = memo.config;
  const [logged, onDisk, listing, treeChanges] = await Promise.all([
    memo.head === head ? Promise.resolve([]) : readHistory(repo.env, head, { isIgnored: (m) => isIgnoredMessage(m, config.ignore), known: [memo.head] }),
    repo.changedSince(memo.head),
    repo.listFilesTagged(),
    memo.head === head ? Promise.resolve([]) : repo.changedBetween(memo.head, head),
  ]);
  if (logged.length > MAX_NEW_COMMITS) return null;
  if (!(await postsUnchanged(repo, memo, onDisk, listing))) return null;

  const news = buildHistory(head, logged, new Map());
  const touched = touchedPosts(news);
  if (touched === null) return null;
  // A merge's own resolution changes files no commit of the log shows: only a full run sees those.
  if (treeChanges.some((path) => isPostPath(path) && !touched.has(path))) return null;
  if (!(await resolutionsUnchanged(repo, memo, logged.map((c) => c.sha)))) return null;
  if (touched.size === 0) return withEntries(memo.report, head, memo.report.translations);

  const plan = planRefresh(memo.report, memo.bases, touched);
  if (plan === null || plan.sources.length > MAX_SOURCES) return null;
  const headBlobs = await repo.blobsAt(head, plan.sources);
  const digests = await digestBlobs(repo.blobs(), refreshBlobs(plan, memo.report, memo.bases, news, headBlobs), config.translatableKeys);
  const digest = (blob: string) => digests.get(blob) ?? "";
  const refreshed = applyRefresh(plan, memo.report, memo.bases, news, headBlobs, digest);
  if (refreshed === null) return null;

  const texts = await repo.blobs().readMany(refreshed.stale.flatMap((i) => [refreshed.bases[i]!.baselineBlob, headBlobs.get(refreshed.entries[i]!.source!)!]));
  refreshed.stale.forEach((index, k) => {
    const stats = lineStats(texts[2 * k]?.toString("utf8") ?? "", texts[2 * k + 1]?.toString("utf8") ?? "");
    refreshed.entries[index] = { ...refreshed.entries[index]!, ...stats };
  });
  return withEntries(memo.report, head, refreshed.entries);
}

/**
 * Whether the posts are those the memo was made from: the same paths, and every post that may differ
 * from then (changed on disk since the memo's HEAD, untracked, or unsettled then) reads as it did.
 */
async function postsUnchanged(repo: GitRepo, memo: ReportMemo, onDisk: readonly string[], listing: { files: string[]; untracked: Set<string> }): Promise<boolean> {
  const posts = listing.files.filter(isPostPath);
  if (posts.length !== memo.postCount || !posts.every((path) => Object.hasOwn(memo.posts, path))) return false;
  const suspects = new Set([...onDisk, ...listing.untracked, ...memo.unsettled].filter(isPostPath));
  const reader = new PostBatchReader(repo.root, realpathSync(repo.root), memo.config.keys);
  for (const path of suspects) {
    if (!Object.hasOwn(memo.posts, path)) continue; // not a post now: the lists above are equal, so it wasn't then either
    const record = reader.read(path);
    if (record?.linked || postFingerprint(record?.post ?? null) !== memo.posts[path]) return false;
  }
  return true;
}

/** Whether every `source_commit` value still resolves as it did, with the new commits in the history. */
async function resolutionsUnchanged(repo: GitRepo, memo: ReportMemo, newShas: readonly string[]): Promise<boolean> {
  const values = Object.entries(memo.sourceCommits);
  // A new commit can make a prefix ambiguous, or bring in a commit that was missing or unreachable.
  if (newShas.some((sha) => values.some(([value]) => sha.startsWith(value)))) return false;
  const unresolved = values.filter(([, kind]) => kind !== "found");
  const now = await Promise.all(unresolved.map(([value]) => repo.resolveCommit(value)));
  return unresolved.every(([, kind], i) => {
    const answer = now[i]!;
    return typeof answer === "string" ? answer === kind : kind === "unreachable";
  });
}
