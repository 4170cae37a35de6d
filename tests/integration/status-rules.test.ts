import { afterEach, describe, expect, it } from "vitest";
import { analyze } from "../../src/status/get-status.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const body = "First paragraph of the original.\n\nSecond paragraph, with a list:\n\n- one\n- two\n";

function site(): TestRepo {
  repo = createRepo();
  repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, body));
  repo.write("posts/en/b.md", post({ title: "Beta" }, body));
  repo.write("posts/en/c.md", post({ title: "Gamma" }, body));
  repo.commit("Add originals");
  repo.write("posts/de/a.md", post({ title: "Alpha (de)", lang: "de" }, "Erster Absatz.\n"));
  repo.write("posts/de/b.md", post({ title: "Beta (de)", lang: "de" }, "Erster Absatz.\n"));
  repo.commit("Translate into German");
  return repo;
}

describe("status by the PRODUCT rules", () => {
  it("is up to date right after translating, and missing where nothing was translated", async () => {
    site();
    const report = await statusOf(repo);
    expect(entry(report, "posts/de/a.md")).toMatchObject({ status: "up-to-date", commitsBehind: 0, staleSince: null, source: "posts/en/a.md" });
    const missing = report.translations.find((e) => e.status === "missing");
    expect(missing).toMatchObject({ lang: "de", source: "posts/en/c.md", translation: null });
    expect(report.summary.de).toEqual({ "up-to-date": 2, stale: 0, missing: 1, orphaned: 0, invalid: 0, unknown: 0 });
    expect(report.head).toMatch(/^[0-9a-f]{40}$/);
    expect(report.schemaVersion).toBe(1);
  });

  it("turns stale on a meaningful edit and counts commits, lines and the first date", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nA new paragraph.\n`));
    const first = repo.commit("Extend alpha", { date: "2026-03-01T10:00:00Z" });
    repo.write("posts/en/a.md", post({ title: "Alpha!", image: false }, `${body}\nA new paragraph.\n`));
    repo.commit("Retitle alpha", { date: "2026-03-02T10:00:00Z" });
    const report = await statusOf(repo);
    const a = entry(report, "posts/de/a.md");
    expect(a).toMatchObject({ status: "stale", commitsBehind: 2, linesAdded: 3, linesRemoved: 1, staleSince: "2026-03-01T10:00:00Z" });
    expect(a.sourceCommit).toBe(repo.git("rev-parse", "HEAD"));
    expect(a.baseline).toBe(repo.git("rev-parse", "HEAD~2"));
    expect(first).toMatch(/^[0-9a-f]{40}$/);
  });

  it("ignores whitespace-only edits: re-wrap, trailing spaces, indentation, CRLF, blank-line runs", async () => {
    site();
    const rewrapped = "First paragraph\nof the original.   \n\n\n\n  Second paragraph,  with a list:\n\n- one\n- two\n";
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, rewrapped).replace(/\n/g, "\r\n"));
    repo.commit("Re-wrap alpha");
    expect(entry(await statusOf(repo), "posts/de/a.md").status).toBe("up-to-date");
  });

  it("lists for update only the commits that make up the net change; commitsBehind counts every meaningful one", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nTemporary.\n`));
    repo.commit("Add a line", { date: "2026-03-01T10:00:00Z" });
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, body));
    repo.commit("Revert the line", { date: "2026-03-02T10:00:00Z" });
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nFor good.\n`));
    const kept = repo.commit("Add another line", { date: "2026-03-03T10:00:00Z" });
    const analysis = await analyze({ cwd: repo.dir, env: repo.env(), cache: false });
    // The report's contract: every meaningful commit after the baseline counts, the first one dates it.
    expect(entry(analysis.report, "posts/de/a.md")).toMatchObject({ status: "stale", commitsBehind: 3, staleSince: "2026-03-01T10:00:00Z", linesAdded: 2, linesRemoved: 0 });
    // The commits update lists for it: the one that is left.
    expect(analysis.counted.get("posts/de/a.md")!.map((i) => analysis.history.commits[i]!.sha)).toEqual([kept]);
  });

  it("ignores edits to front-matter keys outside translatableKeys, but not to the title", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: true }, body));
    repo.commit("Add an image");
    expect(entry(await statusOf(repo), "posts/de/a.md").status).toBe("up-to-date");
    repo.write("posts/en/a.md", post({ title: "Alpha, renamed", image: true }, body));
    repo.commit("Retitle");
    expect(entry(await statusOf(repo), "posts/de/a.md")).toMatchObject({ status: "stale", commitsBehind: 1 });
  });

  it("ignores commits with [skip translation] anywhere or a Translation: skip trailer", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nTypo fixed.\n`));
    repo.commit("Fix typo [skip translation]");
    repo.write("posts/en/b.md", post({ title: "Beta" }, `${body}\nAnother fix.\n`));
    repo.commit("Fix example output\n\nTranslation: skip");
    const report = await statusOf(repo);
    expect(entry(report, "posts/de/a.md").status).toBe("up-to-date");
    expect(entry(report, "posts/de/b.md").status).toBe("up-to-date");
  });

  it("treats a reverted change as no change", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nTemporary.\n`));
    repo.commit("Add a line");
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, body));
    repo.commit("Revert the line");
    expect(entry(await statusOf(repo), "posts/de/a.md").status).toBe("up-to-date");
  });

  it("judges by ancestry: a translation made on a branch forked before the original changed is stale", async () => {
    site();
    repo.git("checkout", "-q", "-b", "translate");
    repo.write("posts/de/c.md", post({ title: "Gamma (de)", lang: "de" }, "Übersetzt.\n"));
    // The translation's commit date is later than the original's edit, but it never saw it.
    repo.commit("Translate gamma", { date: "2026-06-10T10:00:00Z" });
    repo.git("checkout", "-q", "main");
    repo.write("posts/en/c.md", post({ title: "Gamma" }, `${body}\nNew on main.\n`));
    repo.commit("Change gamma on main", { date: "2026-06-01T10:00:00Z" });
    repo.git("merge", "-q", "--no-ff", "-m", "Merge translate", "translate");
    const c = entry(await statusOf(repo), "posts/de/c.md");
    expect(c).toMatchObject({ status: "stale", commitsBehind: 1, staleSince: "2026-06-01T10:00:00Z" });
  });

  it("is up to date when the translation branch merged the original's change first", async () => {
    site();
    repo.write("posts/en/c.md", post({ title: "Gamma" }, `${body}\nNew on main.\n`));
    repo.commit("Change gamma on main");
    repo.git("checkout", "-q", "-b", "translate");
    repo.write("posts/de/c.md", post({ title: "Gamma (de)", lang: "de" }, "Übersetzt.\n"));
    repo.commit("Translate gamma after the change");
    repo.git("checkout", "-q", "main");
    repo.write("posts/en/other.md", post({ title: "Other" }, "x\n"));
    repo.commit("Unrelated");
    repo.git("merge", "-q", "--no-ff", "-m", "Merge translate", "translate");
    expect(entry(await statusOf(repo), "posts/de/c.md").status).toBe("up-to-date");
  });

  it("uses source_commit as the baseline, abbreviated or full", async () => {
    site();
    const before = repo.git("rev-parse", "HEAD");
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nChanged.\n`));
    const changed = repo.commit("Change alpha");
    repo.write("posts/de/a.md", post({ title: "Alpha (de)", lang: "de", source_commit: before.slice(0, 10) }, "Erster Absatz.\n"));
    repo.write("posts/de/b.md", post({ title: "Beta (de)", lang: "de", source_commit: changed }, "Erster Absatz.\n"));
    repo.commit("Record baselines");
    const report = await statusOf(repo);
    // Committed after the change, but its source_commit says it reflects the older original.
    expect(entry(report, "posts/de/a.md")).toMatchObject({ status: "stale", baseline: before, commitsBehind: 1 });
    expect(entry(report, "posts/de/b.md")).toMatchObject({ status: "up-to-date", baseline: changed });
  });

  it("is unknown when source_commit is not in history, not an ancestor, or the translation was never committed", async () => {
    site();
    repo.git("checkout", "-q", "-b", "side");
    repo.write("posts/en/side.md", post({ title: "Side" }, "x\n"));
    const side = repo.commit("Side commit");
    repo.git("checkout", "-q", "main");
    repo.write("posts/de/a.md", post({ title: "Alpha (de)", lang: "de", source_commit: "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef" }, "x\n"));
    repo.write("posts/de/b.md", post({ title: "Beta (de)", lang: "de", source_commit: side }, "x\n"));
    repo.commit("Bad baselines");
    repo.write("posts/de/c.md", post({ title: "Gamma (de)", lang: "de" }, "uncommitted\n"));
    const report = await statusOf(repo);
    const codes = (t: string) => entry(report, t).problems.map((p) => p.code);
    expect(entry(report, "posts/de/a.md").status).toBe("unknown");
    expect(codes("posts/de/a.md")).toContain("SOURCE_COMMIT_NOT_FOUND");
    expect(entry(report, "posts/de/b.md").status).toBe("unknown");
    expect(codes("posts/de/b.md")).toContain("SOURCE_COMMIT_NOT_ANCESTOR");
    expect(entry(report, "posts/de/c.md").status).toBe("unknown");
    expect(codes("posts/de/c.md")).toContain("TRANSLATION_UNCOMMITTED");
  });

  it("is unknown when the original did not exist at source_commit", async () => {
    site();
    const first = repo.git("rev-list", "--max-parents=0", "HEAD");
    repo.write("posts/en/late.md", post({ title: "Late" }, "x\n"));
    repo.commit("Add late");
    repo.write("posts/de/late.md", post({ title: "Spät", lang: "de", source_commit: first }, "x\n"));
    repo.commit("Translate late");
    const late = entry(await statusOf(repo), "posts/de/late.md");
    expect(late.status).toBe("unknown");
    expect(late.problems.map((p) => p.code)).toContain("SOURCE_NOT_IN_BASELINE");
  });

  it("is orphaned when the original is deleted or the link points nowhere", async () => {
    site();
    repo.remove("posts/en/b.md");
    repo.write("posts/de/x.md", post({ title: "X", lang: "de", translation_of: "posts/en/nowhere.md" }, "x\n"));
    repo.commit("Delete beta, link nowhere");
    const report = await statusOf(repo);
    expect(entry(report, "posts/de/b.md")).toMatchObject({ status: "orphaned", source: "posts/en/b.md" });
    expect(entry(report, "posts/de/x.md").status).toBe("orphaned");
    expect(entry(report, "posts/de/x.md").problems.map((p) => p.code)).toContain("SOURCE_NOT_FOUND");
  });

  it("follows a renamed original and reports SOURCE_MOVED", async () => {
    site();
    repo.write("notes/de-a.md", post({ title: "A", lang: "de", translation_of: "posts/en/a.md" }, "x\n"));
    repo.commit("Explicit translation");
    repo.git("mv", "posts/en/a.md", "posts/en/alpha.md");
    repo.commit("Rename alpha");
    let report = await statusOf(repo);
    const moved = entry(report, "notes/de-a.md");
    expect(moved).toMatchObject({ status: "up-to-date", source: "posts/en/alpha.md" });
    expect(moved.problems.map((p) => p.code)).toContain("SOURCE_MOVED");
    repo.write("posts/en/alpha.md", post({ title: "Alpha", image: false }, `${body}\nAfter the rename.\n`));
    repo.commit("Edit after rename");
    report = await statusOf(repo);
    expect(entry(report, "notes/de-a.md")).toMatchObject({ status: "stale", commitsBehind: 1 });
    // The layout translation of the old path follows the rename too.
    expect(entry(report, "posts/de/a.md")).toMatchObject({ status: "stale", source: "posts/en/alpha.md" });
  });

  it("keeps a translation's baseline when the translation is only moved", async () => {
    site();
    repo.write("notes/a-de.md", post({ title: "A", lang: "de", translation_of: "posts/en/a.md" }, "x\n"));
    repo.commit("Explicit translation");
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nChanged.\n`));
    repo.commit("Change alpha");
    repo.git("mv", "notes/a-de.md", "notes/de-a.md");
    repo.commit("Move the translation");
    expect(entry(await statusOf(repo), "notes/de-a.md")).toMatchObject({ status: "stale", commitsBehind: 1 });
  });

  it("links by translation_key", async () => {
    repo = createRepo();
    repo.write("content/hello.md", post({ title: "Hello", lang: "en", translation_key: "hello" }, "Hi.\n"));
    repo.write("content/hallo.md", post({ title: "Hallo", lang: "de", translation_key: "hello" }, "Hallo.\n"));
    repo.write("content/lonely.md", post({ title: "Allein", lang: "de", translation_key: "nobody" }, "x\n"));
    repo.commit("Keyed posts");
    repo.write("content/hello.md", post({ title: "Hello", lang: "en", translation_key: "hello" }, "Hi there.\n"));
    repo.commit("Edit hello");
    const report = await statusOf(repo);
    expect(entry(report, "content/hallo.md")).toMatchObject({ status: "stale", source: "content/hello.md" });
    expect(entry(report, "content/lonely.md")).toMatchObject({ status: "orphaned", source: null });
  });

  it("is invalid for malformed YAML, wrong types, links outside the repository and non-YAML front-matter", async () => {
    site();
    repo.write("posts/de/c.md", "---\ntitle: ok\nlang: de\n  bad: : indent\n---\nx\n");
    repo.write("posts/de/typed.md", post({ title: "T", lang: "de", source_commit: "[1, 2]" }, "x\n"));
    repo.write("posts/de/out.md", post({ title: "O", lang: "de", translation_of: "../../etc/passwd" }, "x\n"));
    repo.write("posts/de/js.md", "---js\n{ title: require('child_process').execSync('touch PWNED') }\n---\nx\n");
    repo.write("posts/de/list.md", "---\n- just\n- a list\n---\nx\n");
    repo.commit("Broken posts");
    const report = await statusOf(repo);
    const invalid = (t: string) => {
      const e = entry(report, t);
      expect(e.status, t).toBe("invalid");
      return e.problems.map((p) => p.code);
    };
    expect(invalid("posts/de/c.md")).toContain("INVALID_FRONT_MATTER");
    expect(entry(report, "posts/de/c.md").problems[0]?.line).toBe(4);
    expect(invalid("posts/de/typed.md")).toContain("INVALID_FIELD");
    expect(invalid("posts/de/out.md")).toContain("LINK_OUTSIDE_REPO");
    expect(invalid("posts/de/js.md")).toContain("INVALID_FRONT_MATTER");
    expect(invalid("posts/de/list.md")).toContain("INVALID_FRONT_MATTER");
    expect(repo.git("status", "--porcelain")).not.toContain("PWNED");
    expect(report.problems.some((p) => p.file === "posts/de/c.md" && p.code === "INVALID_FRONT_MATTER")).toBe(true);
  });

  it("reads front-matter from the working tree, the original as committed, and --worktree counts uncommitted edits", async () => {
    site();
    repo.write("posts/en/a.md", post({ title: "Alpha", image: false }, `${body}\nNot committed yet.\n`));
    expect(entry(await statusOf(repo), "posts/de/a.md").status).toBe("up-to-date");
    const worktree = entry(await statusOf(repo, { worktree: true, now: new Date("2026-07-01T00:00:00Z") }), "posts/de/a.md");
    expect(worktree).toMatchObject({ status: "stale", commitsBehind: 1, staleSince: "2026-07-01T00:00:00Z", linesAdded: 2 });
  });

  it("narrows by path and language", async () => {
    site();
    repo.write("posts/zh/a.md", post({ title: "Alpha (zh)", lang: "zh" }, "x\n"));
    repo.commit("Chinese");
    const onlyZh = await statusOf(repo, { languages: ["zh"] });
    expect(new Set(onlyZh.translations.map((e) => e.lang))).toEqual(new Set(["zh"]));
    const onlyA = await statusOf(repo, { paths: ["posts/en/a.md"] });
    expect(onlyA.translations.map((e) => e.translation).sort()).toEqual(["posts/de/a.md", "posts/zh/a.md"]);
  });
});
