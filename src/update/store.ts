import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GitRepo } from "../git/repo.js";
import { markPost } from "../posts/mark-post.js";
import { FileChangedError } from "../posts/write-atomic.js";
import { analyzeRepo, type Analysis, type StatusOptions } from "../status/get-status.js";
import type { UpdateItem } from "./items.js";
import { loadItems } from "./load-items.js";
import type { SessionStore } from "./session.js";

/** The message of a `--commit` commit; repository content, so English whatever the locale. */
export function syncMessage(item: UpdateItem): string {
  return syncLine(item.entry.lang, item.entry.source, item.entry.sourceCommit);
}

/** The `--commit` message for one translation of `source` into `lang`, now reflecting `commit`. */
export function syncLine(lang: string, source: string, commit: string): string {
  return `Sync ${lang} translation of ${source} with ${commit.slice(0, 7)}`;
}

/** The message of `--commit=batch`: a count, then one line per translation. */
export function batchMessage(synced: readonly { lang: string; source: string; commit: string }[]): string {
  const lines = synced.map((s) => `- ${syncLine(s.lang, s.source, s.commit)}`);
  return `Sync ${synced.length} ${synced.length === 1 ? "translation" : "translations"} with their originals\n\n${lines.join("\n")}\n`;
}

/** The session's files and git, over a repository the caller holds open. */
export function createStore(repo: GitRepo, analysis: Analysis, options: StatusOptions): SessionStore {
  const absolute = (item: UpdateItem) => join(analysis.root, item.entry.translation);
  return {
    async read(item) {
      try {
        return await readFile(absolute(item), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async mark(item, expected) {
      try {
        await markPost(analysis.root, item.entry.translation, analysis.config.keys.sourceCommit, item.entry.sourceCommit, expected);
      } catch (error) {
        // A file deleted since it was read has changed too.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new FileChangedError(item.entry.translation);
        throw error;
      }
    },
    commit: (item) => repo.commitFile(item.entry.translation, syncMessage(item)),
    async refresh(item) {
      // An absolute path: `paths` are taken relative to the cwd, which may be below the root.
      const fresh = await analyzeRepo(repo, { ...options, paths: [absolute(item)], languages: [item.entry.lang], onProgress: undefined });
      const items = await loadItems(repo, fresh);
      return items.find((i) => i.entry.translation === item.entry.translation) ?? null;
    },
  };
}
