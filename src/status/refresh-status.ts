import { lstatSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { readConfigText } from "../config/locate.js";
import { lineStats } from "../core/diff-stats.js";
import { isIgnoredMessage } from "../core/ignore.js";
import { isPostPath } from "../core/layout.js";
import { applyRefresh, planRefresh, recount, refreshBlobs, refreshSources, touchedPosts, type MemoEntry } from "../core/refresh.js";
import type { Report } from "../core/types.js";
import { isAncestor } from "../git/history-cache.js";
import { buildHistory, readHistory } from "../git/read-history.js";
import { GitRepo } from "../git/repo.js";
import { renderJson } from "../render/json.js";
import { VERSION } from "../version.js";
import { digestBlobs } from "./contents.js";
import type { StatusOptions } from "./get-status.js";
import { PostBatchReader } from "./post-reader.js";
import { contentDigestOf, memoKey, postFingerprint, postListDigest, ReportMemoFile, type ReportMemo } from "./report-memo.js";

/** More new commits than this, and a full run (which writes a new memo) is cheaper than refreshing. */
const MAX_NEW_COMMITS = 200;
/** More originals touched than this, and likewise. */
const MAX_SOURCES = 300;

/** A status report, as data or as the JSON `renderJson` prints (which a refreshed report gives without building the data). */
export interface StatusResult {
  report(): Report;
  json(): string;
}

/**
 * The status report: brought up to date from the memo of an earlier run when that can be done exactly,
 * else from a full analysis (loaded only then: it needs more code than refreshing).
 */
export async function statusReport(options: StatusOptions): Promise<StatusResult> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const refreshed = memoApplies(options) ? await refreshFromMemo(repo, options).catch(() => null) : null;
    if (refreshed !== null) return refreshed;
    const { analyzeRepo } = await import("./get-status.js");
    const { report } = await analyzeRepo(repo, options);
    return { report: () => report, json: () => renderJson(report) };
  } finally {
    await repo.close();
  }
}

/** Whether a status run can come from the memo: the whole report, committed originals, cache allowed. */
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
export async function refreshFromMemo(repo: GitRepo, options: StatusOptions): Promise<StatusResult | null> {
  const [key, state] = await Promise.all([memoKeyFor(repo, options), repo.state()]);
  if (state.head === null || state.shallow || !state.gitDir) return null;
  const head = state.head;
  const file = await ReportMemoFile.open(repo.env, key, state.gitDir);
  const memo = file === null ? null : await file.read();
  if (memo === null) return null;
  const moved = memo.head !== head;
  const config = memo.config;
  // All at once; if the memo's HEAD turns out not to be an ancestor, the rest is thrown away.
  const [ancestor, logged, onDisk, listing, treeChanges] = await Promise.all([
    isAncestor(repo.env, memo.head, head),
    moved ? readHistory(repo.env, head, { isIgnored: (m) => isIgnoredMessage(m, config.ignore), known: [memo.head] }) : Promise.resolve([]),
    repo.changedSince(memo.head),
    repo.listFilesTagged(),
    moved ? repo.changedBetween(memo.head, head) : Promise.resolve([]),
  ]);
  if (!ancestor || logged.length > MAX_NEW_COMMITS) return null;
  if (!postsUnchanged(repo, memo, onDisk, listing)) return null;

  const news = buildHistory(head, logged, new Map());
  const touched = touchedPosts(news);
  if (touched === null) return null;
  // A merge's own resolution changes files no commit of the log shows: only a full run sees those.
  if (treeChanges.some((path) => isPostPath(path) && !touched.has(path))) return null;
  if (!(await resolutionsUnchanged(repo, memo, logged.map((c) => c.sha)))) return null;

  const candidates: MemoEntry[] = [];
  for (const index of new Set([...touched].flatMap((path) => memo.entriesOf(path)))) {
    const found = memo.entry(index);
    if (found === null) return null;
    candidates.push({ index, ...found });
  }
  const plan = planRefresh(candidates, touched);
  if (plan === null) return null;
  const sources = refreshSources(plan);
  if (sources.length > MAX_SOURCES || sources.some((s) => s.includes("\n"))) return null;
  const headBlobs = await repo.blobsAt(head, sources);
  const digests = await digestBlobs(repo.blobs(), refreshBlobs(plan, news, headBlobs), config.translatableKeys);
  const refreshed = applyRefresh(plan, news, headBlobs, (blob) => digests.get(blob) ?? "");
  if (refreshed === null) return null;

  const stale = refreshed.filter((r) => r.entry.status === "stale");
  const texts = await repo.blobs().readMany(stale.flatMap((r) => [r.basis!.baselineBlob, headBlobs.get(r.entry.source!)!]));
  stale.forEach((r, k) => Object.assign(r.entry, lineStats(texts[2 * k]?.toString("utf8") ?? "", texts[2 * k + 1]?.toString("utf8") ?? "")));

  const summary = recount(memo.summary, plan.map((p) => p.entry), refreshed.map((r) => r.entry));
  const replaced = new Map(refreshed.map((r) => [r.index, r.entry] as const));
  let json: string | null = null;
  const text = () => (json ??= memo.render(head, summary, replaced).toString("utf8"));
  return { json: text, report: () => JSON.parse(text()) as Report };
}

/**
 * Whether the posts are those the memo was made from: the same paths, and every post that may differ
 * from then (changed on disk since the memo's HEAD, untracked, or unsettled then) reads as it did.
 */
function postsUnchanged(repo: GitRepo, memo: ReportMemo, onDisk: readonly string[], listing: { files: string[]; untracked: Set<string> }): boolean {
  const posts = listing.files.filter(isPostPath);
  if (postListDigest(posts) !== memo.postList) return false;
  const unsettled = memo.unsettled;
  const suspects = new Set([...onDisk, ...listing.untracked, ...unsettled.keys()].filter(isPostPath));
  let reader: PostBatchReader | null = null;
  for (const path of suspects) {
    const before = memo.postFingerprint(path);
    if (before === undefined) continue; // not a listed post now: the lists are equal, so it wasn't then either
    const bytes = readPlainFile(repo.root, path);
    if (bytes === "link") return false;
    if (bytes !== null && unsettled.get(path) === contentDigestOf(bytes)) continue;
    reader ??= new PostBatchReader(repo.root, realpathSync(repo.root), memo.config.keys);
    const record = reader.read(path);
    if (record?.linked || postFingerprint(record?.post ?? null) !== before) return false;
  }
  return true;
}

/** A post's bytes, never through a link ("link" then); null when it is not a readable file. */
export function readPlainFile(root: string, path: string): Buffer | null | "link" {
  try {
    const info = lstatSync(join(root, path));
    if (info.isSymbolicLink()) return "link";
    return info.isFile() ? readFileSync(join(root, path)) : null;
  } catch {
    return null;
  }
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
