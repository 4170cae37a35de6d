import { describe, expect, it } from "vitest";
import { newEntry, type Entry, type Report } from "../../src/core/types.js";
import { selectJobs } from "../../src/update/exec-jobs.js";

const SHA = "c".repeat(40);

function report(entries: Entry[]): Report {
  return { schemaVersion: 1, head: SHA, languages: ["de", "ja", "zh"], summary: {}, translations: entries, problems: [] };
}

const stale = (translation: string, source: string) =>
  newEntry({ lang: translation.split("/")[1]!, source, translation, status: "stale", baseline: "b".repeat(40), sourceCommit: SHA });
const missing = (lang: string, source: string, expectedPath: string | null, extra: Partial<Entry> = {}) =>
  newEntry({ lang, source, translation: null, status: "missing", sourceCommit: SHA, expectedPath, ...extra });

describe("selectJobs", () => {
  const entries = [
    stale("_posts/zh/b-zh.md", "original/b-en.md"),
    stale("_posts/de/a-de.md", "notes/a-zh.md"),
    newEntry({ lang: "de", source: "original/c-en.md", translation: "_posts/de/c-de.md", status: "up-to-date", sourceCommit: SHA }),
    newEntry({ lang: "de", source: null, translation: "_posts/de/gone-de.md", status: "orphaned" }),
    missing("ja", "notes/a-zh.md", "_posts/ja/a-ja.md"),
    missing("zh", "notes/a-zh.md", "_posts/zh/a-zh.md", { copy: true }),
    missing("de", "posts/explicit.md", null),
    missing("ja", "original/pg-en.md", "_posts/ja/pg-ja.md", { problems: [{ code: "AMBIGUOUS_SOURCE", file: "_posts/ja/pg-ja.md", args: { candidates: "x, y" } }] }),
  ];
  const langs = new Map([["notes/a-zh.md", "zh"], ["original/b-en.md", "en"]]);

  it("takes the stale ones only, unless missing ones are asked for", () => {
    const { jobs, skipped } = selectJobs(report(entries), langs, "en", { missing: false });
    expect(jobs.map((j) => [j.kind, j.translation, j.lang, j.sourceLang, j.commit])).toEqual([
      ["stale", "_posts/de/a-de.md", "de", "zh", SHA],
      ["stale", "_posts/zh/b-zh.md", "zh", "en", SHA],
    ]);
    expect(skipped).toEqual([]);
  });

  it("creates missing ones at the path their layout gives, and skips those without a path or a single original", () => {
    const { jobs, skipped } = selectJobs(report(entries), langs, "en", { missing: true });
    expect(jobs.map((j) => [j.kind, j.translation, j.baseline])).toEqual([
      ["stale", "_posts/de/a-de.md", "b".repeat(40)],
      ["missing", "_posts/ja/a-ja.md", null],
      ["missing", "_posts/zh/a-zh.md", null],
      ["stale", "_posts/zh/b-zh.md", "b".repeat(40)],
    ]);
    expect(jobs.find((j) => j.translation === "_posts/zh/a-zh.md")?.sourceLang).toBe("zh");
    expect(skipped.map((e) => e.source)).toEqual(["posts/explicit.md", "original/pg-en.md"]);
  });

  it("runs once a file, however many entries name it", () => {
    const twice = [missing("de", "a/x.md", "de/x.md"), missing("de", "b/x.md", "de/x.md")];
    expect(selectJobs(report(twice), new Map(), "en", { missing: true }).jobs.map((j) => j.source)).toEqual(["a/x.md"]);
  });
});
