import type { GitRepo } from "../git/repo.js";
import { originalVersions, type Analysis } from "../status/get-status.js";
import { itemCommits, staleEntries, type UpdateItem } from "./items.js";
import { translatableContent } from "../status/contents.js";

/** Reads what the session shows for each stale translation: the original's two versions and the commit subjects, in one git pass each. */
export async function loadItems(repo: GitRepo, analysis: Analysis): Promise<UpdateItem[]> {
  const entries = staleEntries(analysis.report).filter((e) => analysis.blobs.has(e.translation) && analysis.posts.get(e.translation)?.text != null);
  const shas = new Set<string>();
  for (const entry of entries) {
    for (const index of analysis.counted.get(entry.translation) ?? []) shas.add(analysis.history.commits[index]!.sha);
  }
  const [versions, found] = await Promise.all([
    originalVersions(repo, analysis, entries.map((e) => e.translation)),
    repo.commitSubjects([...shas]),
  ]);
  const subjects = new Map([...found].map(([sha, info]) => [sha, info.subject]));
  return entries.map((entry) => ({
    entry,
    commits: itemCommits(analysis.counted.get(entry.translation) ?? [], analysis.history, subjects),
    change: { entry, ...versions.get(entry.translation)!, normalize: (text: string) => translatableContent(text, analysis.config.translatableKeys) },
    text: analysis.posts.get(entry.translation)!.text!,
  }));
}
