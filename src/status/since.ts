import type { SinceFacts } from "../core/policy.js";
import { RepoError, UsageError } from "../errors.js";
import { blobId } from "../git/object-id.js";
import type { GitRepo } from "../git/repo.js";
import type { Analysis } from "./get-status.js";

/** Where `check --since REF` stands: the commit REF names and the commit "after REF" is measured from. */
export interface SinceBase {
  ref: string;
  /** The commit REF names. */
  sha: string;
  /** REF itself when HEAD contains it, else the merge base of REF and HEAD; null when they share no history. */
  base: string | null;
}

/** The commit REF names; UsageError `BAD_REF` when it names none. */
export async function resolveSinceRef(repo: GitRepo, ref: string): Promise<string> {
  const sha = ref.startsWith("-") ? null : await repo.resolveRef(ref);
  if (sha === null) throw new UsageError("BAD_REF", { ref });
  return sha;
}

/**
 * Places REF in the analysed history and gathers what `isNewSince` needs.
 * RepoError `SHALLOW_SINCE` when a shallow clone hides the history between REF and HEAD.
 */
export async function sinceFacts(repo: GitRepo, analysis: Analysis, ref: string, sha: string): Promise<{ base: SinceBase; facts: SinceFacts }> {
  const { history } = analysis;
  const index = analysis.commitIndex;
  let baseSha: string | null = index.has(sha) ? sha : await repo.mergeBase(sha, history.head);
  const shallow = history.shallowBoundary.size > 0;
  if (baseSha !== null && !index.has(baseSha)) baseSha = null;
  // In a shallow clone "no common ancestor" more likely means "cut off" than "unrelated histories".
  if (baseSha === null && shallow) throw new RepoError("SHALLOW_SINCE", { ref });
  const baseIndex = baseSha === null ? null : index.get(baseSha)!;

  const memo = new Map<string, readonly number[] | "uncommitted">();
  const changesOf = (path: string) => {
    let changes = memo.get(path);
    if (changes === undefined) {
      changes = worktreeDiffers(analysis, path) ? "uncommitted" : (history.changes.get(path) ?? []).map((c) => c.commit);
      memo.set(path, changes);
    }
    return changes;
  };
  return {
    base: { ref, sha, base: baseSha },
    facts: { base: baseIndex, ancestry: analysis.ancestry, counted: analysis.counted, changesOf },
  };
}

/** True when the working tree holds a version of the post that HEAD doesn't: edited, or never committed. */
function worktreeDiffers(analysis: Analysis, path: string): boolean {
  const headBlob = analysis.history.headBlobs.get(path);
  const text = analysis.posts.get(path)?.text;
  if (headBlob === undefined) return analysis.posts.has(path);
  if (text == null) return false; // deleted from disk or unreadable: judge it by its commits
  const idOf = (content: string) => blobId(Buffer.from(content, "utf8"), headBlob.length);
  // A checkout with core.autocrlf has CRLF on disk for an LF blob; that is not an edit.
  return idOf(text) !== headBlob && (!text.includes("\r\n") || idOf(text.replace(/\r\n/g, "\n")) !== headBlob);
}
