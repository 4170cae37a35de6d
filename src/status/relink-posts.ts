import { realpathSync } from "node:fs";
import { rebaselined, sameLink, settledEntry, uncommittedEntry } from "../core/refresh.js";
import type { PendingEntry } from "../core/evaluate.js";
import type { History } from "../core/history.js";
import { linkPosts, type Linkage } from "../core/links.js";
import { newEntry, type Entry, type Post } from "../core/types.js";
import type { GitRepo } from "../git/repo.js";
import { PostBatchReader } from "./post-reader.js";
import type { ReportMemo } from "./report-memo.js";

/** What linking the posts again gives: the links, the memo's entries kept, and the new entries (settled, or to be judged). */
export interface Relinked {
  linkage: Linkage;
  /** The memo's entries whose links came out the same, by their index in the memo's report. */
  kept: { index: number; entry: Entry }[];
  /** New entries that need no judging: settled links, uncommitted translations. */
  settled: Entry[];
  /** New entries to be judged at a baseline among the new commits (or the original's last change before them). */
  pending: PendingEntry[];
  /** Each original's last change, for `buildReport`. */
  lastChange(path: string): string | null;
}

/** Linking could not be run again from what the memo holds. */
class Unlinkable extends Error {}

/**
 * Links the posts again after some were added: the memo's posts, those read again, and the new ones.
 * Every link the memo's report had must come out the same; the new links (from new translations and new
 * originals) get entries: settled ones as they are, uncommitted translations as unknown, and the others
 * to be judged at a baseline among the new commits (or the original's last change before them). Null
 * when that can't be done exactly: a post gone, a link changed, a baseline the memo can't follow.
 */
export async function relinkPosts(
  repo: GitRepo,
  memo: ReportMemo,
  listed: readonly string[],
  readPosts: ReadonlyMap<string, Post | null>,
  news: History,
  linear: boolean,
  resolve: (value: string) => Promise<string | null>,
  afterLastChange: (commit: string | null, lastChange: string | null) => Promise<boolean>,
): Promise<Relinked | null> {
  const stored = memo.posts();
  const old = memo.entries();
  if (stored === null || old === null) return null;
  const before = new Map(stored.map((p) => [p.path, p.stored] as const));
  const now = new Set(listed);
  if (stored.some((p) => !now.has(p.path))) return null;
  const added = listed.filter((path) => !before.has(path));
  let reader: PostBatchReader | null = null;
  const posts: Post[] = [];
  for (const path of listed) {
    let post = readPosts.has(path) ? readPosts.get(path)! : (before.get(path)?.post ?? null);
    if (!before.has(path)) {
      reader ??= new PostBatchReader(repo.root, realpathSync(repo.root), memo.config.keys);
      const record = reader.read(path);
      if (record?.linked) return null;
      post = record?.post ?? null;
    }
    if (post !== null) posts.push(post);
  }
  const addedAtHead = new Set([...news.changes].filter(([, changes]) => changes.some((c) => c.status === "A")).map(([path]) => path));
  const committed = new Set([...stored.filter((p) => p.stored.committed).map((p) => p.path), ...addedAtHead]);
  let linkage: Linkage;
  try {
    linkage = linkPosts(posts, memo.config, {
      committed,
      movedTo: (path) => {
        // The history's renames are the memo's (no new commit renamed a post); a path added at HEAD since could change an answer.
        const answer = memo.moved[path];
        if (answer === undefined || answer.seen.some((p) => addedAtHead.has(p))) throw new Unlinkable();
        return answer.to;
      },
    });
  } catch (error) {
    if (error instanceof Unlinkable) return null;
    throw error;
  }

  const byTranslation = new Map<string, number>();
  old.forEach((entry, index) => {
    if (entry.translation !== null) byTranslation.set(entry.translation, index);
  });
  // The last change of each original: the newest new commit's, else what the memo's entries say.
  const lastBefore = new Map<string, string | null>();
  // (Settled entries never looked their original up: their sourceCommit says nothing.)
  for (const entry of old) {
    if (entry.source !== null && entry.status !== "invalid" && entry.status !== "orphaned" && !lastBefore.has(entry.source)) lastBefore.set(entry.source, entry.sourceCommit);
  }
  const newest = (path: string) => {
    const change = news.changes.get(path)?.[0];
    return change ? news.commits[change.commit]!.sha : undefined;
  };
  // Paths with a past the memo doesn't hold: committed then, or deleted (or renamed away) before.
  const gone = memo.gone;
  const hasPast = (path: string) => gone.has(path) || before.get(path)?.committed === true;
  const lastChange = (path: string): string | null => {
    const known = newest(path) ?? lastBefore.get(path);
    if (known !== undefined) return known;
    // An original the memo's report never named, with a history the memo doesn't hold.
    if (hasPast(path)) throw new Unlinkable();
    return null;
  };

  const kept: { index: number; entry: Entry }[] = [];
  const settled: Entry[] = [];
  const pending: PendingEntry[] = [];
  const addedSet = new Set(added);
  for (const link of linkage.links) {
    const index = byTranslation.get(link.translation);
    if (index !== undefined) {
      if (!sameLink(old[index]!, link)) return null;
      kept.push({ index, entry: old[index]! });
      byTranslation.delete(link.translation);
      continue;
    }
    // An existing post linked anew (it was an original, or linked to nothing) would need its history.
    if (!addedSet.has(link.translation)) return null;
    const done = settledEntry(link);
    if (done !== null) {
      settled.push(done);
      continue;
    }
    const source = link.source!;
    // The original's last change before the new commits, which the template's sourceCommit stands for.
    let previous = lastBefore.get(source);
    if (previous === undefined) {
      if (newest(source) === undefined && hasPast(source)) return null;
      previous = null;
    }
    const template = newEntry({ lang: link.lang, source, translation: link.translation, status: "unknown", sourceCommit: previous, problems: link.problems });
    const value = link.post.sourceCommit;
    const changedAt = news.changes.get(link.translation)?.[0]?.commit ?? null;
    let move: { commit: number } | { at: string } | null = null;
    if (value !== null) {
      const sha = await resolve(value).catch(() => null);
      const at = sha === null ? -1 : news.commits.findIndex((c) => c.sha === sha);
      if (at >= 0 && linear) move = { commit: at };
      else if (sha !== null && at < 0 && before.get(source)?.settled === true && (await afterLastChange(sha, previous))) move = { at: sha };
    } else if (changedAt !== null && linear) move = { commit: changedAt };
    else if (changedAt === null && !hasPast(link.translation)) {
      let last: string | null;
      try {
        last = lastChange(source);
      } catch {
        return null;
      }
      settled.push(uncommittedEntry(link, last));
      continue;
    }
    const judged = move === null ? null : rebaselined(template, move, news);
    if (judged === null) return null;
    pending.push(judged);
  }
  // An entry of the memo's with no link now: a post stopped being a translation.
  if (byTranslation.size > 0) return null;
  try {
    // Asked now for every original, so that buildReport never meets one the memo can't tell.
    for (const original of linkage.originals) lastChange(original.path);
  } catch {
    return null;
  }
  return { linkage, kept, settled, pending, lastChange };
}
