import { posix } from "node:path";
import { describe, expect, it } from "vitest";
import { diffLines } from "diff";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { lineStats } from "../../src/core/diff-stats.js";
import { judge, lastChanges, planEntries, type CommitResolution } from "../../src/core/evaluate.js";
import { Ancestry, lineage, movedTo, type Commit, type FileChange, type History } from "../../src/core/history.js";
import { isIgnoredMessage } from "../../src/core/ignore.js";
import { compileLayouts, layoutRole, PathPattern } from "../../src/core/layout.js";
import { linkPosts, type Link } from "../../src/core/links.js";
import { normalizeBody, normalizeContent } from "../../src/core/normalize.js";
import { buildReport } from "../../src/core/report.js";
import { isUnder, normalizeRepoPath } from "../../src/core/paths.js";
import { newPost, type Post } from "../../src/core/types.js";

const commit = (sha: string, parents: number[], time: number, ignored = false): Commit => ({ sha: sha.padEnd(40, "0"), parents, time, ignored });
const change = (commitIndex: number, oldBlob: string | null, newBlob: string | null, status = "M", oldPath: string | null = null): FileChange => ({
  commit: commitIndex,
  status,
  oldBlob,
  newBlob,
  oldPath,
});

describe("normalizeContent", () => {
  const n = (body: string, data: Record<string, unknown> | null = { title: "T" }) => normalizeContent(data, body, ["title", "description"]);
  it("folds whitespace-only differences", () => {
    expect(n("One two\nthree.   \n\n\n\nFour.\n")).toBe(n("One two three.\r\n\r\n    Four."));
    expect(n("a\n\nb")).not.toBe(n("a b"));
  });
  it("keeps translatable keys only", () => {
    expect(n("x", { title: "T", image: true })).toBe(n("x", { title: "T", image: false }));
    expect(n("x", { title: "T" })).not.toBe(n("x", { title: "U" }));
    expect(n("x", { title: "T", description: "d" })).not.toBe(n("x", { title: "T" }));
  });
  // The body's form as the definition gives it, step by step; normalizeBody computes it in one pass.
  const reference = (body: string) =>
    body
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*\n/)
      .map((block) => block.replace(/\s+/g, " ").trim())
      .filter((block) => block !== "")
      .join("\n\n");
  it("normalises a body exactly as splitting it into paragraphs and collapsing each would", () => {
    const cases = ["", " ", "a", " a ", "a b", "a  b", "a\nb", "a\n\nb", "a\n \t\nb", "a\r\rb", "a\r\n\r\nb", "a\n\rb", "a\n\u00a0\nb", "a\u2028\u2028b", "\n\na\n\n", "a \n\n b  c\td"];
    for (const body of cases) expect(normalizeBody(body), JSON.stringify(body)).toBe(reference(body));
    // Random texts over words and every kind of whitespace, line breaks among them.
    const alphabet = ["a", "bc", "é", "漢", " ", " ", "\t", "\n", "\n", "\r", "\r\n", "\u00a0", "\u2028", "\u2029", "\v", "\f", "\ufeff", "\u3000", "\u200a", "\u0085", "\u180e", "\ud83d"];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed);
    for (let k = 0; k < 20000; k++) {
      let body = "";
      for (let m = next() % 14; m > 0; m--) body += alphabet[next() % alphabet.length];
      expect(normalizeBody(body), JSON.stringify(body)).toBe(reference(body));
    }
  });
  it("counts as whitespace exactly what JavaScript's \\s does", () => {
    const text = Array.from({ length: 0x10000 }, (_, c) => `x${String.fromCharCode(c)}x`).join("\n\n");
    expect(normalizeBody(text)).toBe(reference(text));
  });
});

describe("lineStats", () => {
  // The counts as `diff`'s line diff gives them.
  const reference = (before: string, after: string) => {
    let linesAdded = 0;
    let linesRemoved = 0;
    for (const part of diffLines(before.replace(/\r\n?/g, "\n"), after.replace(/\r\n?/g, "\n"))) {
      if (part.added) linesAdded += part.count ?? 0;
      else if (part.removed) linesRemoved += part.count ?? 0;
    }
    return { linesAdded, linesRemoved };
  };
  it("counts the lines a shortest line diff adds and removes", () => {
    const cases: [string, string][] = [["", ""], ["", "a\n"], ["a\n", ""], ["a", "a\n"], ["a\nb\n", "a\r\nb\r\n"], ["a\rb", "a\nb"], ["a\nb\nc\n", "a\nc\n"], ["x\n\n\ny", "x\n\ny\n"]];
    for (const [before, after] of cases) expect(lineStats(before, after), JSON.stringify([before, after])).toEqual(reference(before, after));
    expect(lineStats("a\nb\nc\n", "a\nB\nc\nd\n")).toEqual({ linesAdded: 2, linesRemoved: 1 });
  });
  it("agrees with diff's line diff on random edits of random texts", () => {
    const words = ["alpha", "beta", "", " ", "gamma\r", "delta"];
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const text = (lines: string[], end: boolean) => lines.join(next(5) === 0 ? "\r\n" : "\n") + (end ? "\n" : "");
    for (let k = 0; k < 3000; k++) {
      const lines = Array.from({ length: next(30) }, () => words[next(words.length)]!);
      const edited = [...lines];
      for (let e = next(6); e > 0; e--) {
        const at = next(edited.length + 1);
        if (next(2) === 0) edited.splice(at, 1);
        else edited.splice(at, 0, words[next(words.length)]!);
      }
      const before = text(lines, next(2) === 0);
      const after = text(edited, next(2) === 0);
      expect(lineStats(before, after), JSON.stringify([before, after])).toEqual(reference(before, after));
    }
  });
});

describe("lineStats past its step cap", () => {
  it("counts a 100k-line rewrite at once, as a shortest diff would", () => {
    const lines = (word: string) => Array.from({ length: 100_000 }, (_, i) => `line ${i} ${word}\n`).join("");
    expect(lineStats(lines("original"), lines("rewritten"))).toEqual({ linesAdded: 100_000, linesRemoved: 100_000 });
  });
  it("gives the multiset counts: exact when no common line moved, never more than a shortest diff's", () => {
    const cases: [string, string][] = [["a\nb\nc\n", "a\nB\nc\nd\n"], ["a\nb\n", "b\na\n"], ["x\nx\ny\n", "y\nx\n"], ["", "a\n"]];
    for (const [before, after] of cases) {
      const exact = lineStats(before, after);
      const capped = lineStats(before, after, 0);
      expect(capped.linesAdded - capped.linesRemoved).toBe(exact.linesAdded - exact.linesRemoved);
      expect(capped.linesAdded).toBeLessThanOrEqual(exact.linesAdded);
    }
    expect(lineStats("a\nb\nc\n", "a\nB\nc\nd\n", 0)).toEqual({ linesAdded: 2, linesRemoved: 1 });
    expect(lineStats("a\nb\n", "b\na\n", 0)).toEqual({ linesAdded: 0, linesRemoved: 0 });
  });
});

describe("layout patterns", () => {
  it("matches and builds folder, suffix and split layouts", () => {
    const folder = new PathPattern("posts/{lang}/{path}");
    expect(folder.match("posts/de/guide/intro.md")).toEqual({ lang: "de", stem: "guide/intro.md", ext: null });
    expect(folder.match("posts/images/a.md")).toBeNull();
    expect(folder.match("posts/de/new\nline.md")).toMatchObject({ lang: "de", stem: "new\nline.md" });
    const suffix = new PathPattern("docs/{path}.{lang}.md");
    expect(suffix.match("docs/index.zh-CN.md")).toMatchObject({ lang: "zh-CN", stem: "index" });
    const jekyll = new PathPattern("_posts/{lang}/{path}-{lang}.md");
    expect(jekyll.match("_posts/de/2025-10-27-china-open-source-ai-de.md")).toMatchObject({ lang: "de", stem: "2025-10-27-china-open-source-ai" });
    expect(jekyll.match("_posts/de/2025-10-27-x-fr.md")).toBeNull();
    expect(jekyll.build("zh", "a-b", null)).toBe("_posts/zh/a-b-zh.md");
  });
  it("takes a longer primary subtag for a language only once it is configured", () => {
    const jekyll = "_posts/{lang}/{path}-{lang}.md";
    expect(new PathPattern(jekyll).match("_posts/hant/2025-01-01-a-hant.md")).toBeNull();
    expect(new PathPattern(jekyll, ["en", "hant"]).match("_posts/hant/2025-01-01-a-hant.md")).toEqual({ lang: "hant", stem: "2025-01-01-a", ext: null });
    expect(new PathPattern(jekyll, ["hant"]).match("_posts/zh-hant/a-zh-hant.md")).toMatchObject({ lang: "zh-hant", stem: "a" });
    expect(new PathPattern("posts/{lang}/{path}", ["hant"]).match("posts/images/a.md")).toBeNull();
    // A configured value is a tag, never a pattern.
    expect(new PathPattern("posts/{lang}/{path}", ["h.nt"]).match("posts/hant/a.md")).toBeNull();
  });
  it("gives roles by source language", () => {
    const layouts = compileLayouts(DEFAULT_CONFIG.layouts);
    expect(layoutRole("posts/en/a.md", layouts, "en")?.role).toBe("original");
    expect(layoutRole("posts/de/a.md", layouts, "en")?.role).toBe("translation");
    expect(layoutRole("docs/a.md", layouts, "en")).toBeNull();
  });
});

describe("paths", () => {
  it("keeps links inside the repository", () => {
    expect(normalizeRepoPath("posts/en/../en/a.md")).toBe("posts/en/a.md");
    expect(normalizeRepoPath("./a.md")).toBe("a.md");
    expect(normalizeRepoPath("../a.md")).toBeNull();
    expect(normalizeRepoPath("posts/../../a.md")).toBeNull();
    expect(normalizeRepoPath("/etc/passwd")).toBeNull();
    expect(normalizeRepoPath("C:\\x.md")).toBeNull();
    expect(isUnder("posts/de/a.md", "posts/de")).toBe(true);
    expect(isUnder("posts/del/a.md", "posts/de")).toBe(false);
  });
  it("normalises a repository path as path.posix.normalize would", () => {
    const parts = ["a", "b.md", ".", "..", "", "c d", "..."];
    let seed = 13;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor((seed / 2147483648) * n));
    for (let i = 0; i < 5000; i++) {
      const link = Array.from({ length: 1 + next(6) }, () => parts[next(parts.length)]!).join("/");
      const cleaned = posix.normalize(link);
      // Above the top, or the top itself (`.`, `./`): no file of the repository.
      const expected = cleaned === "." || cleaned === "./" || cleaned === ".." || cleaned.startsWith("../") || link.startsWith("/") ? null : cleaned.replace(/^\.\//, "");
      expect(normalizeRepoPath(link), link).toBe(expected);
    }
  });
});

describe("ignore directives", () => {
  const rules = DEFAULT_CONFIG.ignore;
  it("finds the text anywhere and the trailer in the last paragraph", () => {
    expect(isIgnoredMessage("Fix typo [Skip Translation]", rules)).toBe(true);
    expect(isIgnoredMessage("Fix typo\n\nbody [skip translation] here", rules)).toBe(true);
    expect(isIgnoredMessage("Fix typo\n\nSigned-off-by: A\nTranslation: skip", rules)).toBe(true);
    expect(isIgnoredMessage("Translation: skip", rules)).toBe(false);
    expect(isIgnoredMessage("Fix typo\n\nTranslation: needed", rules)).toBe(false);
  });
});

describe("ancestry and lineage", () => {
  // 0 merge(1,2) · 1 main edit · 2 branch translation · 3 fork point
  const commits = [commit("m", [1, 2], 40), commit("a", [3], 30), commit("b", [3], 50), commit("f", [], 10)];
  const ancestry = new Ancestry(commits);
  it("answers by topology, not dates", () => {
    expect(ancestry.isAncestorOrSelf(3, 2)).toBe(true);
    expect(ancestry.isAncestorOrSelf(1, 2)).toBe(false);
    expect(ancestry.isAncestorOrSelf(2, 0)).toBe(true);
    expect(ancestry.isAncestorOrSelf(0, 3)).toBe(false);
  });
  it("finds the last changes of a file, one per unmerged line of history", () => {
    expect(lastChanges([change(1, "x", "y"), change(2, "x", "z"), change(3, null, "x", "A")], ancestry)).toEqual([1, 2]);
  });
  it("does not count moving a file unchanged as a change to it", () => {
    expect(lastChanges([change(1, "t1", "t1", "R", "old.md"), change(3, null, "t1", "A")], ancestry)).toEqual([3]);
    expect(lastChanges([change(1, "t1", "t2", "R", "old.md"), change(3, null, "t1", "A")], ancestry)).toEqual([1]);
  });
  it("follows renames back and forward", () => {
    const history: History = {
      head: commits[0]!.sha,
      commits,
      changes: new Map([
        ["new.md", [change(1, "b1", "b2", "R", "old.md")]],
        ["old.md", [change(3, null, "b1", "A")]],
      ]),
      headBlobs: new Map([["new.md", "b2"]]),
      renames: new Map([["old.md", [{ to: "new.md", commit: 1 }]]]),
      shallowBoundary: new Set(),
    };
    expect(lineage(history, "new.md").map((c) => c.commit)).toEqual([1, 3]);
    expect(movedTo(history, "old.md")).toBe("new.md");
    expect(movedTo(history, "gone.md")).toBeNull();
  });
});

describe("planEntries and judge", () => {
  // 0 HEAD: whitespace edit · 1 [skip] edit · 2 meaningful edit · 3 translation · 4 original added
  const commits = [commit("e", [1], 500), commit("d", [2], 400, true), commit("c", [3], 300), commit("b", [4], 200), commit("a", [], 100)];
  const history: History = {
    head: commits[0]!.sha,
    commits,
    changes: new Map([
      ["posts/en/a.md", [change(0, "v3", "v3ws"), change(1, "v2", "v3"), change(2, "v1", "v2"), change(4, null, "v1", "A")]],
      ["posts/de/a.md", [change(3, null, "t1", "A")]],
    ]),
    headBlobs: new Map([
      ["posts/en/a.md", "v3ws"],
      ["posts/de/a.md", "t1"],
    ]),
    renames: new Map(),
    shallowBoundary: new Set(),
  };
  const link = (post: Post): Link => ({ lang: "de", translation: post.path, source: "posts/en/a.md", post, via: "layout", settled: null, problems: [], copy: false, candidates: [] });
  const digests: Record<string, string> = { v1: "D1", v2: "D2", v3: "D3", v3ws: "D3" };
  const contents = { digest: (b: string) => digests[b] ?? b, worktreeDigest: () => null, now: "2026-01-01T00:00:00Z" };
  const plan = (post: Post, resolutions = new Map<string, CommitResolution>()) =>
    planEntries({ links: [link(post)], history, ancestry: new Ancestry(commits), resolutions, worktree: new Set() });

  it("counts meaningful, non-ignored commits after the baseline", () => {
    const { pending } = plan(newPost("posts/de/a.md"));
    expect(pending).toHaveLength(1);
    const verdict = judge(pending[0]!, history, contents);
    expect(verdict.entry).toMatchObject({ status: "stale", commitsBehind: 1, baseline: commits[3]!.sha, sourceCommit: commits[0]!.sha });
    expect(verdict.entry.staleSince).toBe("1970-01-01T00:05:00Z");
    expect(verdict.counted).toEqual([2]);
  });

  it("uses source_commit and settles unknown ones", () => {
    const found = plan(newPost("posts/de/a.md", { sourceCommit: "c" }), new Map([["c", { kind: "found", commit: 2 }]]));
    expect(judge(found.pending[0]!, history, contents).entry.status).toBe("up-to-date");
    const missing = plan(newPost("posts/de/a.md", { sourceCommit: "ff" }), new Map([["ff", { kind: "missing" }]]));
    expect(missing.done[0]).toMatchObject({ status: "unknown", problems: [{ code: "SOURCE_COMMIT_NOT_FOUND" }] });
  });

  it("needs more history when the translation's last change is a shallow boundary", () => {
    const shallow = { ...history, shallowBoundary: new Set([3]) };
    const result = planEntries({ links: [link(newPost("posts/de/a.md"))], history: shallow, ancestry: new Ancestry(commits), resolutions: new Map(), worktree: new Set() });
    expect(result.needsHistory).toHaveLength(1);
  });
});

describe("linkPosts", () => {
  const context = { committed: new Set<string>(), movedTo: () => null };
  it("prefers translation_of, then translation_key, then the layout", () => {
    const posts = [
      newPost("posts/en/a.md"),
      newPost("posts/en/b.md", { translationKey: "k" }),
      newPost("posts/de/a.md", { translationOf: "posts/en/b.md" }),
      newPost("elsewhere/b-de.md", { lang: "de", translationKey: "k" }),
      newPost("posts/fr/a.md"),
      newPost("posts/de/nothing.md"),
    ];
    const { links, originals } = linkPosts(posts, DEFAULT_CONFIG, context);
    const by = Object.fromEntries(links.map((l) => [l.translation, l]));
    expect(by["posts/de/a.md"]).toMatchObject({ via: "translation_of", source: "posts/en/b.md", lang: "de" });
    expect(by["elsewhere/b-de.md"]).toMatchObject({ via: "translation_key", source: "posts/en/b.md" });
    expect(by["posts/fr/a.md"]).toMatchObject({ via: "layout", source: "posts/en/a.md", lang: "fr" });
    expect(by["posts/de/nothing.md"]).toMatchObject({ settled: "orphaned" });
    expect(originals.map((o) => o.path)).toEqual(["posts/en/a.md", "posts/en/b.md"]);
  });
  it("flags a second translation of the same original and a translation without a language", () => {
    const posts = [
      newPost("posts/en/a.md"),
      newPost("posts/de/a.md"),
      newPost("notes/a-de.md", { lang: "de", translationOf: "posts/en/a.md" }),
      newPost("notes/a-unknown.md", { translationOf: "posts/en/a.md" }),
    ];
    const by = Object.fromEntries(linkPosts(posts, DEFAULT_CONFIG, context).links.map((l) => [l.translation, l]));
    expect(by["notes/a-de.md"]!.problems).toEqual([{ code: "DUPLICATE_TRANSLATION", file: "notes/a-de.md", args: { other: "posts/de/a.md" } }]);
    expect(by["posts/de/a.md"]!.problems).toEqual([]);
    expect(by["notes/a-unknown.md"]).toMatchObject({ lang: "und", settled: "invalid", problems: [{ code: "LANG_UNKNOWN" }] });
  });
  it("links by layout in a configured language of four letters", () => {
    const config = { ...DEFAULT_CONFIG, languages: ["hant"] };
    const { links } = linkPosts([newPost("posts/en/a.md"), newPost("posts/hant/a.md"), newPost("posts/images/a.md")], config, context);
    expect(links).toMatchObject([{ translation: "posts/hant/a.md", source: "posts/en/a.md", lang: "hant", via: "layout" }]);
  });
});

describe("split layouts (a Jekyll blog)", () => {
  const context = { committed: new Set<string>(), movedTo: () => null };
  const blog = (extra: Partial<typeof DEFAULT_CONFIG> = {}) => ({
    ...DEFAULT_CONFIG,
    languages: ["de", "en", "hant", "ja", "zh"],
    layouts: [{ sources: ["original/{path}-{lang}.md", "notes/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }],
    ...extra,
  });
  const posts = [
    "original/2014-02-05-pg-en.md",
    "original/2014-02-05-pg-zh.md",
    "notes/2025-01-16-moral-zh.md",
    "notes/2025-02-10-x64-assembly-conv.md",
    "notes/2025-02-11-x64-asm.md",
    "_posts/de/2014-02-05-pg-de.md",
    "_posts/en/2014-02-05-pg-en.md",
    "_posts/zh/2014-02-05-pg-zh.md",
    "_posts/hant/2025-01-16-moral-hant.md",
    "_posts/zh/2025-01-16-moral-zh.md",
    "_posts/de/2020-01-01-gone-de.md",
  ].map((p) => newPost(p));

  it("links translations to originals in any source folder and language, own-language files as copies", () => {
    const { links, originals, unmatched } = linkPosts(posts, blog({ sourcePriority: ["en", "zh"] }), context);
    const by = Object.fromEntries(links.map((l) => [l.translation, l]));
    expect(by["_posts/hant/2025-01-16-moral-hant.md"]).toMatchObject({ source: "notes/2025-01-16-moral-zh.md", lang: "hant", copy: false });
    expect(by["_posts/zh/2025-01-16-moral-zh.md"]).toMatchObject({ source: "notes/2025-01-16-moral-zh.md", copy: true });
    expect(by["_posts/en/2014-02-05-pg-en.md"]).toMatchObject({ source: "original/2014-02-05-pg-en.md", copy: true });
    expect(by["_posts/zh/2014-02-05-pg-zh.md"]).toMatchObject({ source: "original/2014-02-05-pg-zh.md", copy: true });
    expect(by["_posts/de/2014-02-05-pg-de.md"]).toMatchObject({ source: "original/2014-02-05-pg-en.md", copy: false, settled: null });
    expect(by["_posts/de/2020-01-01-gone-de.md"]).toMatchObject({ settled: "orphaned", source: "original/2020-01-01-gone-en.md" });
    expect(originals.map((o) => [o.path, o.lang])).toEqual([
      ["notes/2025-01-16-moral-zh.md", "zh"],
      ["original/2014-02-05-pg-en.md", "en"],
      ["original/2014-02-05-pg-zh.md", "zh"],
    ]);
    expect(originals[1]!.siblings).toEqual(["original/2014-02-05-pg-en.md", "original/2014-02-05-pg-zh.md"]);
    // Neither a file without a language suffix nor one whose suffix is no configured language is an original.
    expect(unmatched).toEqual(["notes/2025-02-10-x64-assembly-conv.md", "notes/2025-02-11-x64-asm.md"]);
  });

  it("follows the configured priority, and without one marks the translation ambiguous", () => {
    const zhFirst = linkPosts(posts, blog({ sourcePriority: ["zh", "en"] }), context).links.find((l) => l.translation === "_posts/de/2014-02-05-pg-de.md");
    expect(zhFirst).toMatchObject({ source: "original/2014-02-05-pg-zh.md" });
    const none = linkPosts(posts, blog(), context).links;
    expect(none.find((l) => l.translation === "_posts/de/2014-02-05-pg-de.md")).toMatchObject({
      source: null,
      settled: "unknown",
      candidates: ["original/2014-02-05-pg-en.md", "original/2014-02-05-pg-zh.md"],
      problems: [{ code: "AMBIGUOUS_SOURCE", args: { candidates: "original/2014-02-05-pg-en.md, original/2014-02-05-pg-zh.md" } }],
    });
    // Copies never need the priority.
    expect(none.find((l) => l.translation === "_posts/zh/2014-02-05-pg-zh.md")).toMatchObject({ source: "original/2014-02-05-pg-zh.md", copy: true });
  });

  it("reports each missing translation once, with the path it would have", () => {
    const config = blog({ sourcePriority: ["en", "zh"] });
    const linkage = linkPosts(posts, config, context);
    const report = buildReport({
      head: "h",
      entries: [],
      originals: linkage.originals,
      links: linkage.links,
      languages: config.languages,
      sourcePriority: config.sourcePriority,
      wanted: () => true,
      lastChange: () => null,
      problems: [],
    });
    const missing = report.translations.map((e) => [e.lang, e.source, e.expectedPath, e.copy ?? false]);
    expect(missing).toEqual([
      ["de", "notes/2025-01-16-moral-zh.md", "_posts/de/2025-01-16-moral-de.md", false],
      ["en", "notes/2025-01-16-moral-zh.md", "_posts/en/2025-01-16-moral-en.md", false],
      ["hant", "original/2014-02-05-pg-en.md", "_posts/hant/2014-02-05-pg-hant.md", false],
      ["ja", "notes/2025-01-16-moral-zh.md", "_posts/ja/2025-01-16-moral-ja.md", false],
      ["ja", "original/2014-02-05-pg-en.md", "_posts/ja/2014-02-05-pg-ja.md", false],
    ]);
    expect(report.translations.every((e) => e.status === "missing" && e.translation === null)).toBe(true);
  });
});
