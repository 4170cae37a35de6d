import { realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { loadConfig, type LoadedConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { lineStats } from "../core/diff-stats.js";
import { judge, neededBlobs, planEntries, type PendingEntry } from "../core/evaluate.js";
import { Ancestry, movedTo, type History } from "../core/history.js";
import { commitScope, isIgnoredMessage, type IgnoreRules } from "../core/ignore.js";
import { linkPosts } from "../core/links.js";
import { isUnder } from "../core/paths.js";
import { isPostPath, sameLang } from "../core/layout.js";
import { buildReport } from "../core/report.js";
import type { Entry, Report } from "../core/types.js";
import { RepoError, UsageError } from "../errors.js";
import { realpathOr } from "../fs-paths.js";
import { findLunariaConfig } from "../lunaria/config-file.js";
import { loadHistory } from "../git/history-index.js";
import { GitRepo } from "../git/repo.js";
import { ContentCache } from "./content-cache.js";
import { contentDigest, digestBlobs, readVersions } from "./contents.js";
import { loadPosts, type LoadedPost } from "./load-posts.js";
import { PostIndex } from "./post-index.js";
import type { StatusOptions } from "./options.js";
import { resolveSourceCommits } from "./resolve-commits.js";

export type { StatusOptions } from "./options.js";


/** A status run's report together with what commands like `diff` and `mark` need beyond it. */
export interface Analysis {
  report: Report;
  root: string;
  config: Config;
  history: History;
  /** Ancestry queries over `history.commits`. */
  ancestry: Ancestry;
  /** History index of each commit by sha; every commit in it is reachable from HEAD. */
  commitIndex: Map<string, number>;
  /** Per translation path: the original's blobs at the baseline and at HEAD, for stale and up-to-date entries. */
  blobs: Map<string, { baseline: string; head: string | null }>;
  /** Per stale translation path: the commits (history indices, newest first) that made it stale. */
  counted: Map<string, number[]>;
  posts: Map<string, LoadedPost>;
  /** The language of each original, by path. */
  sourceLangs: Map<string, string>;
}

/** A status run's report, with the repository and configuration it was made for. */
export interface StatusResult {
  /** The repository's top level. */
  root: string;
  /** The configuration the report was made with. */
  config: Config;
  report: Report;
}

/** The status report alone: a full analysis whose posts' text is let go as soon as they are parsed. */
export async function statusReport(options: StatusOptions): Promise<StatusResult> {
  const opened = options.probe ? await GitRepo.openWithState(options.cwd, options.env, options.probe) : null;
  const repo = opened?.repo ?? (await GitRepo.open(options.cwd, options.env));
  try {
    const { report, root, config } = await analyzeRepo(repo, { ...options, keepText: options.keepText === true });
    return { report, root, config };
  } finally {
    await repo.close();
  }
}

/** Computes the status of every translation: read the posts and the history first, then the pure core decides. */
export async function analyze(options: StatusOptions): Promise<Analysis> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    return await analyzeRepo(repo, options);
  } finally {
    await repo.close();
  }
}

/** The same as `analyze`, on a repository the caller holds open. */
export async function analyzeRepo(repo: GitRepo, options: StatusOptions): Promise<Analysis> {
  // The file listing is asked for first: reading the posts waits for it, and git answers while the config is read.
  const listing = repo.listFilesTagged();
  listing.catch(() => undefined);
  const [loadedConfig, headSha, shallowCommits] = await Promise.allSettled([loadConfig(repo.root, options.configFile, options.cwd), repo.head(), repo.shallowCommits()]);
  // A broken config is reported before a repository without commits, as when they were read one by one.
  for (const result of [loadedConfig, headSha, shallowCommits]) if (result.status === "rejected") throw result.reason;
  const { config } = (loadedConfig as PromiseFulfilledResult<LoadedConfig>).value;
  const head = (headSha as PromiseFulfilledResult<string>).value;
  const shallow = (shallowCommits as PromiseFulfilledResult<string[]>).value;
  const caching = ContentCache.open(repo.env, config.translatableKeys, options.cache !== false);
  const keepText = options.keepText !== false || options.worktree === true;
  const indexing = keepText ? null : PostIndex.open(repo.env, config, options.cache !== false);
  const scope = (options.paths ?? []).map((p) => toRepoPath(repo.root, options.cwd, p));
  // Lunaria's directives count where the site already uses Lunaria, unless the config says otherwise.
  const rules: IgnoreRules = { ...config.ignore, directives: config.ignore.directives ?? findLunariaConfig(repo.root) !== null };

  // The working tree and the history are read at the same time: one is disk-bound, the other git-bound.
  const [loaded, history] = await Promise.all([
    Promise.all([listing, indexing]).then(async ([{ files }, index]) => {
      if (index?.rejected) options.onCacheRebuilt?.("post-index", index.rejected);
      const loaded = await loadPosts(repo.root, files, config.keys, { onProgress: (n) => options.onProgress?.("posts", n), keepText, ...(index ? { index } : {}) });
      await index?.save();
      return loaded;
    }),
    loadHistory(repo.env, head, {
      isIgnored: (message) => isIgnoredMessage(message, rules),
      scopeOf: (message) => commitScope(message, rules),
      ignoreRules: rules,
      shallow,
      cache: options.cache !== false,
      onProgress: (n) => options.onProgress?.("history", n),
      ...(options.onCacheRebuilt ? { onCacheRebuilt: options.onCacheRebuilt } : {}),
      fromBothEnds: listing.then(({ files }) => splitsHistory(files.filter(isPostPath).length), () => false),
    }),
  ]);
  const headBlobs = history.headBlobs;
  const posts = new Map(loaded.map((l) => [l.post.path, l]));

  const linkage = linkPosts(
    loaded.map((l) => l.post),
    config,
    { committed: new Set(headBlobs.keys()), movedTo: (path) => movedTo(history, path), existed: (path) => history.changes.has(path) },
  );
  const unmatched = linkage.unmatched.filter((p) => scope.length === 0 || scope.some((dir) => isUnder(p, dir)));
  if (unmatched.length > 0) options.onUnmatched?.(unmatched);
  const { files } = await listing;
  checkScope(scope, files, options.languages ?? [], linkage, config);
  const inScope = (path: string | null) => path !== null && (scope.length === 0 || scope.some((dir) => isUnder(path, dir)));
  // `--lang DE` finds `de`: tags compare as links compare them, whatever their case or separator.
  const wanted = (lang: string) => !options.languages?.length || options.languages.some((l) => sameLang(l, lang));
  const links = linkage.links.filter((l) => wanted(l.lang) && (inScope(l.translation) || inScope(l.source)));

  const ancestry = new Ancestry(history.commits);
  const commitIndex = new Map(history.commits.map((c, i) => [c.sha, i]));
  const resolutions = await resolveSourceCommits(
    repo,
    history,
    commitIndex,
    links.map((l) => l.post.sourceCommit).filter((s): s is string => s !== null),
  );
  const worktree = new Set(options.worktree ? links.map((l) => l.source).filter((s): s is string => s !== null && posts.has(s)) : []);
  const plan = planEntries({ links, history, ancestry, resolutions, worktree, sourceCommitKey: config.keys.sourceCommit });
  if (plan.needsHistory.length > 0) {
    throw new RepoError("SHALLOW_CLONE", { count: plan.needsHistory.length, file: plan.needsHistory[0]!.translation ?? "" });
  }

  // An original's HEAD blob is usually its file in the working tree: read there (when the bytes hash to it) instead of through git.
  const onDisk = new Map<string, string>();
  const versions = new Set<string>();
  for (const p of plan.pending) {
    if (p.headBlob === null || p.headBlob === p.baselineBlob) continue;
    if (posts.has(p.entry.source!)) onDisk.set(p.headBlob, p.entry.source!);
    versions.add(p.baselineBlob).add(p.headBlob);
  }
  const cache = await caching;
  if (cache.rejected !== null) options.onCacheRebuilt?.("content-cache", cache.rejected);
  const { digests, texts } = await digestBlobs(repo.blobs(), neededBlobs(plan.pending), config.translatableKeys, {
    cache,
    onProgress: (n) => options.onProgress?.("blobs", n),
    onDisk: { root: repo.root, paths: onDisk },
    keep: versions,
  });
  const diskDigests = new Map<string, string | null>();
  const now = (options.now ?? new Date()).toISOString();
  const contents = {
    digest: (blob: string) => digests.get(blob) ?? "",
    worktreeDigest: (path: string) => {
      if (!diskDigests.has(path)) {
        const text = posts.get(path)?.text;
        diskDigests.set(path, text == null ? null : contentDigest(text, config.translatableKeys));
      }
      return diskDigests.get(path) ?? null;
    },
    now,
  };
  const judged = plan.pending.map((p) => ({ pending: p, ...judge(p, history, contents) }));
  await addLineStats(repo, judged, posts, texts, cache);
  await cache.save();

  const entries: Entry[] = [...plan.done, ...judged.map((j) => j.entry)];
  const report = buildReport({
    head,
    entries,
    originals: linkage.originals.filter((o) => inScope(o.path) && !posts.get(o.path)?.post.notLocalizable),
    links: linkage.links,
    languages: config.languages ?? null,
    sourcePriority: config.sourcePriority,
    wanted,
    lastChange: (path) => {
      const change = history.changes.get(path)?.[0];
      return change ? history.commits[change.commit]!.sha : null;
    },
    problems: linkage.problems.filter((p) => inScope(p.file)),
  });
  const blobs = new Map(
    judged.map(({ pending, entry }) => [entry.translation!, { baseline: pending.baselineBlob, head: pending.headBlob }] as const),
  );
  const counted = new Map(judged.filter((j) => j.counted.length > 0).map((j) => [j.entry.translation!, j.counted] as const));
  const sourceLangs = new Map(linkage.originals.map((o) => [o.path, o.lang] as const));
  return { report, root: repo.root, config, history, ancestry, commitIndex, blobs, counted, posts, sourceLangs };
}

/**
 * From this many posts on, the whole history is read by one git process, below it by two (one from each
 * end). With few posts this thread mostly waits for git's log, and two processes halve the wait (Ant
 * Design's docs, 374 posts and 32,866 commits: 1.31 to 1.12 s; the Astro docs, 2,569 posts: 0.93 to
 * 0.88 s); with many, this thread is busy with the posts meanwhile and a second git only takes its core
 * (the bench site, 17,248 posts: 1.13 to 1.20 s).
 */
const SPLIT_HISTORY_BELOW_POSTS = 5000;

function splitsHistory(posts: number): boolean {
  return posts < SPLIT_HISTORY_BELOW_POSTS && availableParallelism() >= 2;
}

/** Line counts of each stale entry's original, baseline to now; those between two committed blobs come from the cache when it has them. */
async function addLineStats(
  repo: GitRepo,
  judged: { pending: PendingEntry; entry: Entry }[],
  posts: Map<string, LoadedPost>,
  known: ReadonlyMap<string, string>,
  cache: ContentCache,
): Promise<void> {
  const wanted: PendingEntry[] = [];
  for (const j of judged) {
    if (j.entry.status !== "stale") continue;
    const { baselineBlob, headBlob } = j.pending;
    const stored = headBlob === null ? undefined : cache.lineCounts(baselineBlob, headBlob);
    if (stored !== undefined) Object.assign(j.entry, stored);
    else wanted.push({ ...j.pending, entry: j.entry });
  }
  const versions = await readVersions(
    repo.blobs(),
    wanted.map((p) => ({ key: p, baseline: p.baselineBlob, head: p.headBlob, disk: () => posts.get(p.entry.source!)?.text ?? "" })),
    known,
  );
  for (const [pending, { before, after }] of versions) {
    const counts = lineStats(before, after);
    Object.assign(pending.entry, counts);
    if (pending.headBlob !== null) cache.setLineCounts(pending.baselineBlob, pending.headBlob, counts);
  }
}

/** The original's text at the baseline and now (HEAD, or on disk with `--worktree`) for translations judged up to date or stale. */
export async function originalVersions(
  repo: GitRepo,
  analysis: Analysis,
  translations: readonly string[],
): Promise<Map<string, { before: string; after: string; afterLabel: "HEAD" | "worktree" }>> {
  const sources = new Map(analysis.report.translations.map((e) => [e.translation, e.source] as const));
  const requests = translations.flatMap((translation) => {
    const blobs = analysis.blobs.get(translation);
    const source = sources.get(translation);
    if (!blobs || !source) return [];
    return [{ key: translation, baseline: blobs.baseline, head: blobs.head, disk: () => analysis.posts.get(source)?.text ?? "" }];
  });
  const versions = await readVersions(repo.blobs(), requests);
  const heads = new Map(requests.map((r) => [r.key, r.head] as const));
  return new Map([...versions].map(([t, v]) => [t, { ...v, afterLabel: heads.get(t) === null ? "worktree" : "HEAD" }] as const));
}

/**
 * A PATH under which no post lies, or a --lang no translation, original or configured language has,
 * is a usage error: a typo (`check posts/dee`, `--lang dee`) must not pass a CI check that checked nothing.
 */
function checkScope(scope: readonly string[], files: readonly string[], languages: readonly string[], linkage: { links: { lang: string }[]; originals: { lang: string | null }[] }, config: Config): void {
  if (scope.length > 0) {
    const posts = files.filter(isPostPath);
    for (const dir of scope) {
      if (!posts.some((p) => isUnder(p, dir))) throw new UsageError("PATH_MATCHES_NOTHING", { path: dir === "" ? "." : dir });
    }
  }
  if (languages.length > 0) {
    const known = new Set([...linkage.links.map((l) => l.lang), ...linkage.originals.map((o) => o.lang ?? ""), ...(config.languages ?? []), config.sourceLanguage].map((l) => l.toLowerCase()));
    for (const lang of languages) if (!known.has(lang.toLowerCase())) throw new UsageError("LANG_MATCHES_NOTHING", { lang });
  }
}

/** A command-line path as a repository-relative one; UsageError when it lies outside the repository. */
export function toRepoPath(root: string, cwd: string, path: string): string {
  const absolute = resolve(cwd, path);
  // git reports the root with links resolved; resolve the argument the same way when it exists.
  let real = absolute;
  try {
    real = realpathSync(absolute);
  } catch {
    real = resolve(realpathOr(cwd), path);
  }
  const rel = relative(root, real).split(sep).join("/");
  if (rel === ".." || rel.startsWith("../") || isAbsolute(rel)) throw new UsageError("PATH_OUTSIDE_REPO", { path });
  return rel;
}

