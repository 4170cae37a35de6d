import { describe, expect, it } from "vitest";
import type { History } from "../../src/core/history.js";
import { baselineMove, judgeRebaselined, rebaselined, type BaselineEvidence } from "../../src/core/refresh.js";
import { newEntry } from "../../src/core/types.js";

const sha = (c: string) => c.repeat(40);
// Three new commits on one line, newest first: 0 edits the original twice over, 2 is a translator's.
const news: History = {
  head: sha("c"),
  commits: [
    { sha: sha("c"), parents: [1], time: 300, ignored: false },
    { sha: sha("b"), parents: [2], time: 200, ignored: true },
    { sha: sha("a"), parents: [], time: 100, ignored: false },
  ],
  changes: new Map([
    ["posts/en/x.md", [
      { commit: 0, status: "M", oldBlob: "o2", newBlob: "o3", oldPath: null },
      { commit: 1, status: "M", oldBlob: "o1", newBlob: "o2", oldPath: null },
    ]],
    ["posts/de/x.md", [{ commit: 2, status: "M", oldBlob: "t1", newBlob: "t2", oldPath: null }]],
  ]),
  headBlobs: new Map(),
  renames: new Map(),
  shallowBoundary: new Set(),
};
const entry = newEntry({ lang: "de", source: "posts/en/x.md", translation: "posts/de/x.md", status: "stale", baseline: sha("9"), sourceCommit: sha("8") });
const evidence = (fields: Partial<BaselineEvidence>): BaselineEvidence => ({ before: null, now: null, resolved: null, changedAt: null, originalSettled: false, ...fields });

describe("baselineMove", () => {
  it("keeps the baseline while the source_commit value stays, whatever the commits did", () => {
    expect(baselineMove(entry, evidence({ before: "9999", now: "9999", changedAt: 2 }), news, true)).toBe("same");
    expect(baselineMove(entry, evidence({}), news, true)).toBe("same");
  });
  it("moves it to the translation's newest new commit when it has no source_commit", () => {
    expect(baselineMove(entry, evidence({ changedAt: 2 }), news, true)).toEqual({ commit: 2 });
  });
  it("moves it to a new commit a new source_commit names, or keeps it when the value names the same commit", () => {
    expect(baselineMove(entry, evidence({ now: "bbbb", resolved: sha("b") }), news, true)).toEqual({ commit: 1 });
    expect(baselineMove(entry, evidence({ before: "9999", now: sha("9"), resolved: sha("9") }), news, true)).toBe("same");
  });
  it("moves it to the original's last change before the new commits when that change descends from all its others", () => {
    expect(baselineMove(entry, evidence({ now: "8888", resolved: sha("8"), originalSettled: true }), news, false)).toEqual({ at: sha("8") });
    expect(baselineMove(entry, evidence({ now: "8888", resolved: sha("8") }), news, true)).toBeNull();
    // A later commit than that change (as git told the caller), from before the new commits.
    expect(baselineMove(entry, evidence({ now: "7777", resolved: sha("7"), originalSettled: true, afterLastChange: true }), news, true)).toEqual({ at: sha("7") });
    expect(baselineMove(entry, evidence({ now: "7777", resolved: sha("7"), afterLastChange: true }), news, true)).toBeNull();
  });
  it("can't tell an older baseline, an unresolved value, a dropped value or a baseline among merged commits", () => {
    expect(baselineMove(entry, evidence({ now: "7777", resolved: sha("7"), originalSettled: true }), news, true)).toBeNull();
    expect(baselineMove(entry, evidence({ now: "nope", resolved: null }), news, true)).toBeNull();
    expect(baselineMove(entry, evidence({ before: "9999", now: null }), news, true)).toBeNull();
    expect(baselineMove(entry, evidence({ changedAt: 2 }), news, false)).toBeNull();
    expect(baselineMove(entry, evidence({ now: "bbbb", resolved: sha("b") }), news, false)).toBeNull();
  });
});

describe("rebaselined", () => {
  it("judges against the original at the new baseline, counting only the newer meaningful changes", () => {
    const atA = rebaselined({ ...entry, problems: [{ code: "SOURCE_COMMIT_NOT_FOUND", file: "posts/de/x.md" }, { code: "SOURCE_MOVED", file: "posts/de/x.md" }] }, { commit: 2 }, news)!;
    expect(atA).toMatchObject({ baselineBlob: `${sha("a")}:posts/en/x.md`, headBlob: `${sha("c")}:posts/en/x.md` });
    expect(atA.after.map((c) => c.commit)).toEqual([0, 1]);
    // The problem of finding the old baseline goes; the link's stays.
    expect(atA.entry.problems.map((p) => p.code)).toEqual(["SOURCE_MOVED"]);
    const digests: Record<string, string> = { o1: "1", o2: "2", o3: "3", [atA.baselineBlob]: "1", [atA.headBlob!]: "3" };
    const [judged] = judgeRebaselined([atA], news, (blob) => digests[blob] ?? "");
    // Commit 1 is ignored: only commit 0 counts.
    expect(judged!.entry).toMatchObject({ status: "stale", baseline: sha("a"), sourceCommit: sha("c"), commitsBehind: 1, staleSince: "1970-01-01T00:05:00Z" });
    expect(rebaselined({ ...entry, status: "orphaned" }, { commit: 2 }, news)).toBeNull();
    // At the original's last change before the new commits, every change of the new commits counts.
    const atLast = rebaselined(entry, { at: sha("8") }, news)!;
    expect(atLast).toMatchObject({ baselineBlob: `${sha("8")}:posts/en/x.md`, entry: { baseline: sha("8") } });
    expect(atLast.after.map((c) => c.commit)).toEqual([0, 1]);
  });
});
