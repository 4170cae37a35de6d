import { join } from "node:path";
import { UsageError } from "../errors.js";
import type { Entry } from "../core/types.js";
import { uncountedKeyChanges } from "../core/uncounted-keys.js";
import { GitRepo } from "../git/repo.js";
import { parseFrontMatter } from "../posts/front-matter.js";
import { analyzeRepo, originalVersions, toRepoPath } from "./get-status.js";
import { translatableContent } from "./contents.js";

/** The two versions of an original a translator needs to see: at the baseline, and now. */
export interface OriginalChange {
  entry: Entry;
  before: string;
  after: string;
  /** Label of the new side: HEAD, or the working tree with `--worktree`. */
  afterLabel: string;
  /** Front-matter values that changed outside `translatableKeys`: shown, never counted. */
  uncountedKeys?: string[];
  /** The text's translatable content, as staleness compares it; the views use it to tell which parts of the change count. */
  normalize?: (text: string) => string;
}

/** Reads the original of a translation at its baseline and at HEAD (or on disk). */
export async function originalChange(options: { cwd: string; env: NodeJS.ProcessEnv; configFile?: string; translation: string; worktree?: boolean }): Promise<OriginalChange> {
  const repo = await GitRepo.open(options.cwd, options.env);
  try {
    const path = toRepoPath(repo.root, options.cwd, options.translation);
    // Paths in the options are relative to the cwd: this one is the repository's already.
    const analysis = await analyzeRepo(repo, { ...options, paths: [join(repo.root, path)] });
    const entry = analysis.report.translations.find((e) => e.translation === path);
    if (!entry) throw new UsageError("NOT_A_TRANSLATION", { path });
    const versions = (await originalVersions(repo, analysis, [path])).get(path);
    if (!versions) throw new UsageError("NO_BASELINE", { path, status: entry.status });
    const data = (text: string) => {
      const parsed = parseFrontMatter(text);
      return parsed.ok ? parsed.data : {};
    };
    const keys = analysis.config.translatableKeys;
    const uncountedKeys = uncountedKeyChanges(data(versions.before), data(versions.after), keys);
    return { entry, ...versions, uncountedKeys, normalize: (text: string) => translatableContent(text, keys) };
  } finally {
    await repo.close();
  }
}
