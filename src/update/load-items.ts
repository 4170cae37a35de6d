import type { GitRepo } from "../git/repo.js";
import { readTexts } from "../status/contents.js";
import type { Analysis } from "../status/get-status.js";
import { itemCommits, staleEntries, type UpdateItem } from "./items.js";

/** Reads what the session shows for each stale translation: the original's two versions and the commit subjects, in one git pass each. */
export async function loadItems(repo: GitRepo, analysis: Analysis): Promise<UpdateItem[]> {
  const entries = staleEntries(analysis.report).filter((e) => analysis.blobs.has(e.translation) && analysis.posts.get(e.translation)?.text != null);
  const headBlob = (source: string, blob: string | null) => blob ?? analysis.history.headBlobs.get(source) ?? null;
  const blobIds = new Set<string>();
  const shas = new Set<string>();
  for (const entry of entries) {
    const blobs = analysis.blobs.get(entry.translation)!;
    blobIds.add(blobs.baseline);
    const head = headBlob(entry.source, blobs.head);
    if (head) blobIds.add(head);
    for (const index of analysis.counted.get(entry.translation) ?? []) shas.add(analysis.history.commits[index]!.sha);
  }
  const [texts, found] = await Promise.all([readTexts(repo.blobs(), [...blobIds]), repo.commitSubjects([...shas])]);
  const subjects = new Map([...found].map(([sha, info]) => [sha, info.subject]));
  return entries.map((entry) => {
    const blobs = analysis.blobs.get(entry.translation)!;
    const head = headBlob(entry.source, blobs.head);
    return {
      entry,
      commits: itemCommits(analysis.counted.get(entry.translation) ?? [], analysis.history, subjects),
      change: { entry, before: texts.get(blobs.baseline) ?? "", after: head ? (texts.get(head) ?? "") : "", afterLabel: "HEAD" },
      text: analysis.posts.get(entry.translation)!.text!,
    };
  });
}
