import { join } from "node:path";
import { UsageError } from "../errors.js";
import { GitRepo } from "../git/repo.js";
import { markPost } from "../posts/mark-post.js";
import { analyzeRepo, toRepoPath } from "./get-status.js";

/** Options of `mark`; paths are relative to `cwd`. */
export interface MarkOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  configFile?: string;
  translations: readonly string[];
  /** The commit to record instead of the original's last change. */
  commit?: string;
}

/** The outcome for one translation. */
export interface MarkResult {
  translation: string;
  commit: string;
  changed: boolean;
  /** The front-matter key written (`keys.sourceCommit`). */
  key: string;
}

/** Writes `source_commit` into each translation; checks them all before writing any. */
export async function markTranslations(options: MarkOptions): Promise<MarkResult[]> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const targets = options.translations.map((p) => toRepoPath(repo.root, options.cwd, p));
    const analysis = await analyzeRepo(repo, { cwd: options.cwd, env: options.env, paths: targets.map((t) => join(repo.root, t)), ...(options.configFile ? { configFile: options.configFile } : {}) });
    let explicit: string | null = null;
    if (options.commit) {
      // A sha (abbreviated or not) is looked up as such, so an ambiguous one says so; any other revision
      // (HEAD, HEAD~1, a tag, a branch) is resolved as git resolves it.
      const resolved = /^[0-9a-fA-F]{4,64}$/.test(options.commit) ? await repo.resolveCommit(options.commit) : await repo.resolveRef(options.commit).then((sha) => (sha === null ? "missing" : { sha }));
      if (typeof resolved === "string") throw new UsageError(resolved === "missing" ? "COMMIT_NOT_FOUND" : "COMMIT_AMBIGUOUS", { commit: options.commit });
      // The history holds exactly the commits reachable from HEAD.
      if (!analysis.commitIndex.has(resolved.sha)) {
        throw new UsageError("COMMIT_NOT_ANCESTOR", { commit: options.commit });
      }
      explicit = resolved.sha;
    }
    const plans = targets.map((path) => {
      const entry = analysis.report.translations.find((e) => e.translation === path);
      if (!entry) throw new UsageError("NOT_A_TRANSLATION", { path });
      if (entry.status === "invalid" || entry.status === "orphaned" || entry.source === null) {
        throw new UsageError("CANNOT_MARK", { path, status: entry.status });
      }
      const commit = explicit ?? entry.sourceCommit;
      if (!commit) throw new UsageError("SOURCE_HAS_NO_COMMIT", { path, source: entry.source });
      return { path, commit };
    });
    const results: MarkResult[] = [];
    for (const { path, commit } of plans) {
      const { changed } = await markPost(analysis.root, path, analysis.config.keys.sourceCommit, commit, analysis.posts.get(path)?.text);
      results.push({ translation: path, commit, changed, key: analysis.config.keys.sourceCommit });
    }
    return results;
  } finally {
    await repo.close();
  }
}
