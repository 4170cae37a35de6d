import { realpathSync } from "node:fs";
import { readConfigText } from "../config/locate.js";
import { isIgnoredMessage } from "../core/ignore.js";
import { isPostPath } from "../core/layout.js";
import { neededBlobs, type PendingEntry } from "../core/evaluate.js";
import {
  applyRefresh,
  baselineMove,
  contentAt,
  judgeRebaselined,
  planRefresh,
  rebaselined,
  recount,
  refreshBlobs,
  refreshSources,
  touchedPosts,
  type BaselineEvidence,
  type MemoEntry,
} from "../core/refresh.js";
import type { Config } from "../config/schema.js";
import { lineStats } from "../core/diff-stats.js";
import { buildReport } from "../core/report.js";
import type { Post, Report } from "../core/types.js";
import { buildHistory, readHistory } from "../git/read-history.js";
import { isAncestor } from "../git/history-cache.js";
import { GitRepo, type RepoState } from "../git/repo.js";
import { renderJsonParts, reportFrame } from "../render/json.js";
import { VERSION } from "../version.js";
import { contentDigest, readTexts } from "./contents.js";
import type { StatusOptions } from "./options.js";
import { PostBatchReader, readPlainFile } from "./post-reader.js";
import { relinkPosts } from "./relink-posts.js";
import { contentDigestOf, memoApplies, memoKey, linksAlike, postListDigest, ReportMemoFile, type MemoInput, type ReportMemo } from "./report-memo.js";

/** More new commits than this, and a full run (which writes a new memo) is cheaper than refreshing. */
const MAX_NEW_COMMITS = 200;
/** More originals touched than this, and likewise. */
const MAX_SOURCES = 300;
/** More translations than this whose new source_commit needs an ancestry check of git, and likewise. */
const MAX_ANCESTRY_CHECKS = 40;

/** A status report, as data or as the JSON `renderJson` prints (which a refreshed report gives without building the data). */
export interface StatusResult {
  /** The repository's top level. */
  root: string;
  /** The configuration the report was made with. */
  config: Config;
  report(): Report;
  /** The JSON text `renderJson` prints, in pieces to be written one after another. */
  json(): Iterable<string | Buffer>;
}

/**
 * The status report: brought up to date from the memo of an earlier run when that can be done exactly,
 * else from a full analysis (loaded only then: it needs more code than refreshing).
 */
export async function statusReport(options: StatusOptions): Promise<StatusResult> {
  const applies = memoApplies(options);
  const opened = applies || options.probe ? await GitRepo.openWithState(options.cwd, options.env, options.probe) : null;
  const repo = opened?.repo ?? (await GitRepo.open(options.cwd, options.env));
  try {
    const refreshed = applies && opened ? await refreshFromMemo(repo, options, opened.state).catch(() => null) : null;
    if (refreshed !== null) return refreshed;
    const { analyzeRepo } = await import("./get-status.js");
    // Only these are kept: the rest of the analysis (the posts' text among it) can go before the memo is encoded.
    const { report, config, memo } = await analyzeRepo(repo, { ...options, keepText: false, memo: true });
    const entries = memo === null ? null : await writeMemo(repo, memo.key, memo.input);
    const json = (): Iterable<string | Buffer> => {
      if (entries === null || report.translations.length === 0) return renderJsonParts(report);
      const { prefix, suffix } = reportFrame(report);
      return [prefix, ...entries, suffix];
    };
    return { root: repo.root, config, report: () => report, json };
  } finally {
    await repo.close();
  }
}

/** Writes the report memo (it is an optimisation, so nothing about it can fail the run); the entries as rendered for it, or null. */
async function writeMemo(repo: GitRepo, key: string, input: MemoInput): Promise<Buffer[] | null> {
  const file = await ReportMemoFile.open(repo.env, key).catch(() => null);
  return (await file?.write(input).catch(() => null)) ?? null;
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
export async function refreshFromMemo(repo: GitRepo, options: StatusOptions, state: RepoState): Promise<StatusResult | null> {
  // Git's answers are asked for as soon as what they need is known, and read while this thread works.
  const listing = repo.listFilesTagged();
  // Edited, staged or deleted since HEAD; with what changed between the memo's HEAD and this one, that
  // is every file whose content may differ from what the memo saw.
  const edited = repo.changedSince("HEAD");
  Promise.all([listing, edited]).catch(() => undefined);
  const key = await memoKeyFor(repo, options);
  if (state.head === null || state.shallow || !state.gitDir) return null;
  const head = state.head;
  const file = await ReportMemoFile.open(repo.env, key, state.gitDir);
  const peeked = file === null ? null : await file.peek();
  if (peeked === null) return null;
  const headMoved = peeked.head !== head;
  // The log is read before the memo is checked, so its messages wait for the ignore rules the memo holds.
  const messages: string[] = [];
  const log = headMoved ? readHistory(repo.env, head, { isIgnored: (message) => (messages.push(message), false), known: [peeked.head] }) : Promise.resolve([]);
  // Without a merge among the new commits they form one line from the memo's HEAD to this one (which the
  // ancestry check below confirms), so their own changes are all that changed in between; a merge's
  // resolution can change files no commit of the log shows, and only the tree diff tells those.
  const between = log.then((commits) =>
    commits.some((c) => c.parents.length > 1) ? repo.changedBetween(peeked.head, head) : commits.flatMap((c) => c.changes.flatMap((ch) => (ch.oldPath === null ? [ch.path] : [ch.oldPath, ch.path]))),
  );
  const asked = Promise.all([edited, between, listing, log]);
  asked.catch(() => undefined);
  const memo = peeked.memo();
  if (memo === null) return null;
  const config = memo.config;
  const resolved = resolutionsUnchanged(repo, memo, log.then((commits) => commits.map((c) => c.sha)));
  resolved.catch(() => undefined);
  const [onDisk, treeChanges, files, read] = await asked;
  // The memo's HEAD is an ancestor of HEAD exactly when one of the new commits has it as a parent.
  const ancestor = !headMoved || read.some((c) => c.parents.includes(peeked.head));
  if (!ancestor || read.length > MAX_NEW_COMMITS) return null;
  // Posts added since (committed or not) mean linking is run again, from the posts the memo holds.
  const listed = files.files.filter(isPostPath);
  const relink = postListDigest(listed) !== memo.postList;
  const readPosts = postsNow(repo, memo, [...onDisk, ...treeChanges], files);
  if (readPosts === null) return null;
  const logged = read.map((c, i) => ({ ...c, ignored: isIgnoredMessage(messages[i]!, config.ignore) }));

  const news = buildHistory(head, logged, new Map());
  const touched = touchedPosts(news, { added: relink });
  if (touched === null) return null;
  // A merge's own resolution changes files no commit of the log shows: only a full run sees those.
  if (treeChanges.some((path) => isPostPath(path) && !touched.has(path))) return null;
  if (!(await resolved)) return null;

  const entries = new Map<number, MemoEntry>();
  const entriesOf = (path: string): MemoEntry[] | null => {
    const list: MemoEntry[] = [];
    for (const index of memo.entriesOf(path)) {
      let known = entries.get(index);
      if (!known) {
        const found = memo.entry(index);
        if (found === null) return null;
        entries.set(index, (known = { index, ...found }));
      }
      list.push(known);
    }
    return list;
  };
  const linear = read.every((c) => c.parents.length <= 1);
  const newShas = new Set(read.map((c) => c.sha));
  // Whether a commit older than the new ones is at or after an original's last change before them (and so
  // in HEAD's history): git answers, a few times at most.
  let ancestryAsked = 0;
  const afterLastChange = async (commit: string | null, lastChange: string | null): Promise<boolean> => {
    if (commit === null || lastChange === null || newShas.has(commit)) return false;
    if (commit === lastChange) return true;
    if (++ancestryAsked > MAX_ANCESTRY_CHECKS) return false;
    const [after, inHistory] = await Promise.all([isAncestor(repo.env, lastChange, commit), isAncestor(repo.env, commit, peeked.head)]);
    return after && inHistory;
  };
  const asking = new Map<string, Promise<string | null>>();
  const resolve = (value: string) => {
    if (!asking.has(value)) asking.set(value, repo.resolveCommit(value).then((r) => (typeof r === "string" ? null : r.sha)));
    return asking.get(value)!;
  };

  // Translations the new commits changed, or whose source_commit is new on disk: their baseline may have moved.
  const moves: { candidate: MemoEntry; evidence: BaselineEvidence }[] = [];
  for (const path of new Set([...touched, ...readPosts.keys()])) {
    const before = memo.post(path);
    if (before === null) return null;
    if (before === undefined) continue; // added since: linking decides what it is
    const now = readPosts.has(path) ? (readPosts.get(path)?.sourceCommit ?? null) : before.sourceCommit;
    for (const candidate of entriesOf(path) ?? [null]) {
      if (candidate === null) return null;
      if (candidate.entry.translation !== path) continue;
      if (now !== null && now !== before.sourceCommit) void resolve(now).catch(() => undefined);
      const originalSettled = candidate.entry.source !== null && memo.post(candidate.entry.source)?.settled === true;
      moves.push({ candidate, evidence: { before: before.sourceCommit, now, resolved: null, changedAt: news.changes.get(path)?.[0]?.commit ?? null, originalSettled } });
    }
  }
  const moved = new Set<number>();
  const rebased: PendingEntry[] = [];
  for (const { candidate, evidence } of moves) {
    if (evidence.now !== null && asking.has(evidence.now)) evidence.resolved = await asking.get(evidence.now)!;
    if (evidence.originalSettled && evidence.resolved !== null && evidence.resolved !== candidate.entry.baseline) {
      evidence.afterLastChange = await afterLastChange(evidence.resolved, candidate.entry.sourceCommit);
    }
    const move = baselineMove(candidate.entry, evidence, news, linear);
    if (move === null) return null;
    if (move === "same") continue;
    const pending = rebaselined(candidate.entry, move, news);
    if (pending === null) return null;
    moved.add(candidate.index);
    rebased.push(pending);
  }

  const candidates = new Map<number, MemoEntry>();
  for (const path of touched) {
    const list = entriesOf(path);
    if (list === null) return null;
    for (const candidate of list) candidates.set(candidate.index, candidate);
  }
  const plan = planRefresh([...candidates.values()], touched, moved);
  if (plan === null) return null;

  // With posts added, linking again tells the new entries: judged from the new commits like the moved ones.
  const relinked = relink ? await relinkPosts(repo, memo, listed, readPosts, news, linear, resolve, afterLastChange) : null;
  if (relink && relinked === null) return null;
  const fresh = relinked?.pending ?? [];

  const sources = refreshSources(plan);
  const judgedSources = new Set([...sources, ...rebased.map((p) => p.entry.source!), ...fresh.map((p) => p.entry.source!)]);
  if (judgedSources.size > MAX_SOURCES || sources.some((s) => s.includes("\n"))) return null;
  // An original's content at HEAD is asked for by name ("<head>:<path>"), and serves as its blob below.
  const headBlobs = new Map(sources.map((s) => [s, contentAt(head, s)] as const));
  const rejudged = [...rebased, ...fresh];
  const contents = await readTexts(repo.blobs(), new Set([...refreshBlobs(plan, news, headBlobs), ...neededBlobs(rejudged)]));
  // Only judged entries need the original's content (missing and unknown ones take its last change alone).
  const judgedPlan = plan.filter((p) => p.entry.status === "stale" || p.entry.status === "up-to-date");
  if (judgedPlan.some((p) => !contents.has(headBlobs.get(p.entry.source!)!))) return null;
  // (A baseline at HEAD itself names the same content twice: `neededBlobs` leaves it out, and it is up to date.)
  if (rejudged.some((p) => p.baselineBlob !== p.headBlob && (!contents.has(p.baselineBlob) || !contents.has(p.headBlob!)))) return null;
  const digests = new Map([...contents].map(([name, text]) => [name, contentDigest(text, config.translatableKeys)] as const));
  const digest = (blob: string) => digests.get(blob) ?? "";
  const refreshed = applyRefresh(plan, news, headBlobs, digest);
  if (refreshed === null) return null;
  const judged = judgeRebaselined(rejudged, news, digest);

  // Line counts of the entries now stale: the original's text at the baseline and at HEAD.
  const counts = [
    ...refreshed.filter((r) => r.entry.status === "stale").map((r) => ({ entry: r.entry, before: r.basis!.baselineBlob, after: headBlobs.get(r.entry.source!)! })),
    ...judged.flatMap((j, k) => (j.entry.status === "stale" ? [{ entry: j.entry, before: rejudged[k]!.baselineBlob, after: rejudged[k]!.headBlob! }] : [])),
  ];
  if (counts.length > 0) {
    const missing = new Set(counts.map((c) => c.before).filter((name) => !contents.has(name)));
    const texts = missing.size === 0 ? contents : new Map([...contents, ...(await readTexts(repo.blobs(), missing))]);
    for (const c of counts) Object.assign(c.entry, lineStats(texts.get(c.before) ?? "", texts.get(c.after)!));
  }

  const replaced = new Map(refreshed.map((r) => [r.index, r.entry] as const));
  [...moved].forEach((index, k) => replaced.set(index, judged[k]!.entry));

  if (relinked !== null) {
    // Every entry again, in the report's order: those the memo had (brought up to date) and the new ones.
    const kept = relinked.kept.map(({ index, entry }) => replaced.get(index) ?? entry);
    const report = buildReport({
      head,
      entries: [...kept, ...relinked.settled, ...judged.slice(rebased.length).map((j) => j.entry)],
      originals: relinked.linkage.originals,
      links: relinked.linkage.links,
      languages: config.languages ?? null,
      wanted: () => true,
      lastChange: relinked.lastChange,
      problems: relinked.linkage.problems,
    });
    // The memo's entries that are as they were are copied as stored; only the others are rendered.
    const stored = new Map(relinked.kept.filter(({ index }) => !replaced.has(index)).map(({ index, entry }) => [entry, index] as const));
    return { root: repo.root, config, json: () => memo.renderWith(report, stored), report: () => report };
  }

  const summary = recount(
    memo.summary,
    [...plan.map((p) => p.entry), ...[...moved].map((index) => entries.get(index)!.entry)],
    [...refreshed.map((r) => r.entry), ...judged.map((j) => j.entry)],
  );
  // A new baseline can drop a problem of finding the old one (an unresolved source_commit): the report's
  // list of problems holds it for that entry alone (its file is the translation), so it goes from there too.
  const problemKey = (p: unknown) => JSON.stringify(p);
  const dropped = new Set(
    [...moved].flatMap((index, k) => {
      const keep = new Set(judged[k]!.entry.problems.map(problemKey));
      return entries.get(index)!.entry.problems.map(problemKey).filter((p) => !keep.has(p));
    }),
  );
  const problems = dropped.size === 0 ? undefined : memo.problems().filter((p) => !dropped.has(problemKey(p)));
  let parts: Buffer[] | null = null;
  const render = () => (parts ??= memo.render(head, summary, replaced, problems));
  return { root: repo.root, config, json: () => render(), report: () => JSON.parse(Buffer.concat(render()).toString("utf8")) as Report };
}

/**
 * Whether the posts the memo was made from are as they were: every post that may differ from then
 * (changed on disk since the memo's HEAD, untracked, unsettled then, or read through a link) links as it
 * did. Null when not; else each post read again (one whose bytes are those the memo saw is not read, and
 * is as it was). Posts the memo didn't list are left to `relinkPosts`.
 */
function postsNow(repo: GitRepo, memo: ReportMemo, onDisk: readonly string[], listing: { files: string[]; untracked: Set<string> }): Map<string, Post | null> | null {
  const unsettled = memo.unsettled;
  // A post read through a link changes with a file git doesn't show as the post: each is read again.
  const linked = memo.linked;
  const suspects = new Set([...onDisk, ...listing.untracked, ...unsettled.keys(), ...linked].filter(isPostPath));
  const read = new Map<string, Post | null>();
  let reader: PostBatchReader | null = null;
  for (const path of suspects) {
    const before = memo.post(path);
    if (before === null) return null;
    if (before === undefined) continue;
    const wasLinked = linked.has(path);
    if (!wasLinked) {
      const bytes = readPlainFile(repo.root, path);
      if (bytes === "link") return null;
      if (bytes !== null && unsettled.get(path) === contentDigestOf(bytes)) continue;
    }
    reader ??= new PostBatchReader(repo.root, realpathSync(repo.root), memo.config.keys, false);
    const record = reader.read(path);
    if ((record?.linked === true) !== wasLinked || !linksAlike(record?.post ?? null, before.post)) return null;
    read.set(path, record?.post ?? null);
  }
  return read;
}

/** Whether every `source_commit` value still resolves as it did, with the new commits in the history. */
async function resolutionsUnchanged(repo: GitRepo, memo: ReportMemo, newShas: Promise<readonly string[]>): Promise<boolean> {
  const values = Object.entries(memo.sourceCommits);
  const unresolved = values.filter(([, kind]) => kind !== "found");
  const now = await Promise.all(unresolved.map(([value]) => repo.resolveCommit(value)));
  // A new commit can make a prefix ambiguous, or bring in a commit that was missing or unreachable.
  const shas = await newShas;
  if (shas.some((sha) => values.some(([value]) => sha.startsWith(value)))) return false;
  return unresolved.every(([, kind], i) => {
    const answer = now[i]!;
    return typeof answer === "string" ? answer === kind : kind === "unreachable";
  });
}
