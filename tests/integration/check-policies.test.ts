import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { checkJson, daysAgo, errorText, run } from "../helpers/check.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { post } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const translate = createTranslator("en");
const note = (key: string, args: Record<string, unknown>) => translate(`checkFormats.${key}`, args);
const body = (text: string) => `${text}\n\nA second paragraph that stays.\n`;

/** en/a, en/b, en/c with de translations of a and b, all current; c has none. */
function site(): TestRepo {
  repo = createRepo();
  for (const name of ["a", "b", "c"]) repo.write(`posts/en/${name}.md`, post({ title: name.toUpperCase() }, body(`Original ${name}.`)));
  repo.commit("Originals");
  for (const name of ["a", "b"]) repo.write(`posts/de/${name}.md`, post({ title: name.toUpperCase(), lang: "de" }, body(`Übersetzung ${name}.`)));
  repo.commit("German");
  return repo;
}

function editOriginal(name: string, text: string, date?: string): string {
  repo.write(`posts/en/${name}.md`, post({ title: name.toUpperCase() }, body(text)));
  return repo.commit(`Edit ${name}`, date ? { date } : {});
}

function config(check: unknown): void {
  repo.write("transtrack.config.json", JSON.stringify({ check }));
}

describe("check: which statuses fail", () => {
  it("fails on stale, orphaned, invalid and unknown by default, not on missing", async () => {
    site();
    expect(await checkJson(repo)).toMatchObject({ code: 0, failing: [] });
    editOriginal("a", "Changed a.");
    repo.write("posts/de/orphan.md", post({ title: "O", lang: "de" }, "Waise.\n"));
    repo.write("posts/de/broken.md", "---\ntitle: [unclosed\nlang: de\n---\nKaputt.\n");
    repo.write("posts/en/broken.md", post({ title: "Broken" }, "Broken.\n"));
    repo.write("posts/en/d.md", post({ title: "D" }, "D.\n"));
    repo.write("posts/de/d.md", post({ title: "D", lang: "de", source_commit: "0123456789abcdef0123456789abcdef01234567" }, "D.\n"));
    repo.commit("More posts");
    const { code, json } = await checkJson(repo);
    expect(code).toBe(1);
    const byCode = Object.fromEntries(json.violations.map((v) => [v.translation, v.code]));
    expect(byCode).toEqual({ "posts/de/a.md": "stale", "posts/de/orphan.md": "orphaned", "posts/de/broken.md": "invalid", "posts/de/d.md": "unknown" });
    expect(json.translations.some((e) => e.status === "missing")).toBe(true);
    expect(json.violations.find((v) => v.code === "invalid")!.line).toEqual(expect.any(Number));
  });

  it("adds missing with --fail-on, and --fail-on replaces the default list", async () => {
    site();
    editOriginal("a", "Changed a.");
    const missing = await checkJson(repo, ["--fail-on", "missing"]);
    expect(missing).toMatchObject({ code: 1, failing: ["de:posts/en/c.md"] });
    expect(missing.json.violations[0]).toMatchObject({ code: "missing", translation: null, source: "posts/en/c.md", line: null });
    expect((await checkJson(repo, ["--fail-on", "stale,missing"])).failing).toEqual(["de:posts/en/c.md", "posts/de/a.md"]);
    expect(await checkJson(repo, ["--fail-on", "orphaned"])).toMatchObject({ code: 0, failing: [] });
  });

  it("rejects a --fail-on that is not a list of statuses, and an unknown --format, with exit 2", async () => {
    site();
    for (const [args, code, errArgs] of [
      [["--fail-on", "stale,old"], "BAD_FAIL_ON", { value: "stale,old" }],
      [["--fail-on", ","], "BAD_FAIL_ON", { value: "," }],
      [["--format", "xml"], "BAD_FORMAT", { format: "xml" }],
    ] as const) {
      const result = await run(repo, ["check", ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      const expected = errorText(code, { ...errArgs, statuses: "up-to-date, stale, missing, orphaned, invalid, unknown", formats: "text, json, github, junit, markdown" });
      expect(result.stderr).toContain(expected);
    }
  });

  it("follows the config's failOn, per language, and flags win over it", async () => {
    site();
    repo.write("posts/zh/a.md", post({ title: "A", lang: "zh" }, "中文。\n"));
    repo.commit("Chinese");
    editOriginal("a", "Changed a.");
    editOriginal("b", "Changed b.");
    config({ failOn: ["stale", "missing"], languages: { zh: { failOn: ["orphaned"] } } });
    const fromConfig = await checkJson(repo);
    // de: stale a and b, missing c; zh fails only on orphaned.
    expect(fromConfig.failing).toEqual(["de:posts/en/c.md", "posts/de/a.md", "posts/de/b.md"]);
    const flag = await checkJson(repo, ["--fail-on", "stale"]);
    expect(flag.failing).toEqual(["posts/de/a.md", "posts/de/b.md", "posts/zh/a.md"]);
  });
});

describe("check --max-days", () => {
  it("lets a stale translation through until staleSince is more than N days ago", async () => {
    site();
    editOriginal("a", "Changed a.", daysAgo(10));
    editOriginal("b", "Changed b.", daysAgo(3));
    expect((await checkJson(repo)).failing).toEqual(["posts/de/a.md", "posts/de/b.md"]);
    const grace = await checkJson(repo, ["--max-days", "5"]);
    expect(grace.failing).toEqual(["posts/de/a.md"]);
    expect(grace.json.violations[0]!.days).toBe(10);
    expect((await checkJson(repo, ["--max-days", "10"])).failing).toEqual(["posts/de/a.md"]); // 10 days and some seconds
    expect(await checkJson(repo, ["--max-days", "11"])).toMatchObject({ code: 0, failing: [] });
    expect((await checkJson(repo, ["--max-days", "0"])).failing).toEqual(["posts/de/a.md", "posts/de/b.md"]);
  });

  it("never delays orphaned, invalid or unknown", async () => {
    site();
    repo.write("posts/de/orphan.md", post({ title: "O", lang: "de" }, "Waise.\n"));
    repo.commit("Orphan", { date: daysAgo(1) });
    expect((await checkJson(repo, ["--max-days", "30"])).failing).toEqual(["posts/de/orphan.md"]);
  });

  it("takes maxDays from the config, per language, with --max-days winning for every language", async () => {
    site();
    repo.write("posts/zh/a.md", post({ title: "A", lang: "zh" }, "中文。\n"));
    repo.commit("Chinese");
    editOriginal("a", "Changed a.", daysAgo(10));
    config({ maxDays: 30, languages: { zh: { maxDays: 5 } } });
    expect((await checkJson(repo)).failing).toEqual(["posts/zh/a.md"]);
    expect((await checkJson(repo, ["--max-days", "3"])).failing).toEqual(["posts/de/a.md", "posts/zh/a.md"]);
    expect((await checkJson(repo, ["--max-days", "20"])).failing).toEqual([]);
  });

  it("reports what the grace period let through", async () => {
    site();
    editOriginal("a", "Changed a.", daysAgo(2));
    const text = await run(repo, ["check", "--max-days", "7"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(note("deferredGrace", { count: 1 }));
  });
});

describe("check --since", () => {
  it("--since HEAD with nothing new exits 0 even with a backlog; an earlier REF brings it back", async () => {
    site();
    const before = repo.git("rev-parse", "HEAD");
    editOriginal("a", "Changed a.");
    expect((await checkJson(repo)).failing).toEqual(["posts/de/a.md"]);
    expect(await checkJson(repo, ["--since", "HEAD"])).toMatchObject({ code: 0, failing: [] });
    expect((await checkJson(repo, ["--since", before])).failing).toEqual(["posts/de/a.md"]);
    expect((await checkJson(repo, ["--since", "HEAD~1"])).failing).toEqual(["posts/de/a.md"]);
    const text = await run(repo, ["check", "--since", "HEAD"]);
    expect(text.stdout).toContain(note("deferredSince", { count: 1, ref: "HEAD" }));
  });

  it("fails a translation edited after REF that is still not up to date, and passes one brought up to date", async () => {
    site();
    const originals = repo.git("rev-parse", "HEAD~1");
    // Both translations record the originals' commit, so editing them doesn't move their baseline.
    for (const name of ["a", "b"]) repo.write(`posts/de/${name}.md`, post({ title: name.toUpperCase(), lang: "de", source_commit: originals }, body(`Übersetzung ${name}.`)));
    repo.commit("Record source_commit");
    const edited = { a: editOriginal("a", "Changed a."), b: editOriginal("b", "Changed b.") };
    const ref = repo.git("rev-parse", "HEAD");
    expect(await checkJson(repo, ["--since", ref])).toMatchObject({ code: 0, failing: [] });
    // After REF: de/a is touched (a typo fix) but still reflects the old original; de/b is brought up to date.
    repo.write("posts/de/a.md", post({ title: "A", lang: "de", source_commit: originals }, body("Übersetzung a, Tippfehler behoben.")));
    repo.write("posts/de/b.md", post({ title: "B", lang: "de", source_commit: edited.b }, body("Übersetzung b, neu.")));
    repo.commit("Work on the German translations");
    const result = await checkJson(repo, ["--since", ref]);
    expect(result.failing).toEqual(["posts/de/a.md"]);
    expect(edited.a).toMatch(/^[0-9a-f]{40}$/);
  });

  it("counts a translation broken, orphaned or left without baseline after REF, not one broken before", async () => {
    site();
    repo.write("posts/de/old-broken.md", "---\ntitle: [unclosed\n---\n");
    repo.commit("An old problem");
    const ref = repo.git("rev-parse", "HEAD");
    repo.write("posts/de/a.md", "---\ntitle: [unclosed\nlang: de\n---\n");
    repo.commit("Break de/a");
    expect((await checkJson(repo, ["--since", ref])).failing).toEqual(["posts/de/a.md"]);
    // Deleting the original of de/b after REF orphans it: new.
    repo.remove("posts/en/b.md");
    repo.commit("Delete b");
    expect((await checkJson(repo, ["--since", ref])).failing).toEqual(["posts/de/a.md", "posts/de/b.md"]);
  });

  it("counts missing translations of originals added or changed after REF, not older ones", async () => {
    site();
    const ref = repo.git("rev-parse", "HEAD");
    repo.write("posts/en/new.md", post({ title: "New" }, "New.\n"));
    repo.commit("New post");
    const result = await checkJson(repo, ["--since", ref, "--fail-on", "missing"]);
    expect(result.failing).toEqual(["de:posts/en/new.md"]);
    expect((await checkJson(repo, ["--fail-on", "missing"])).failing).toEqual(["de:posts/en/c.md", "de:posts/en/new.md"]);
  });

  it("counts uncommitted work: an edited or new translation on disk, and an original's edit with --worktree", async () => {
    site();
    editOriginal("a", "Changed a.");
    // de/a is stale from before HEAD: not new...
    expect((await checkJson(repo, ["--since", "HEAD"])).failing).toEqual([]);
    // ...until someone touches it without bringing it up to date (uncommitted edits count as after REF).
    repo.write("posts/de/a.md", post({ title: "A", lang: "de" }, body("Übersetzung a, angefangen.")));
    expect((await checkJson(repo, ["--since", "HEAD"])).failing).toEqual(["posts/de/a.md"]);
    repo.git("checkout", "--", "posts/de/a.md");
    // A new translation never committed and without source_commit is unknown, and new.
    repo.write("posts/de/c.md", post({ title: "C", lang: "de" }, "Neu.\n"));
    expect((await checkJson(repo, ["--since", "HEAD"])).failing).toEqual(["posts/de/c.md"]);
    repo.remove("posts/de/c.md");
    // An uncommitted edit of an original makes de/b stale only with --worktree, and then it is new.
    repo.write("posts/en/b.md", post({ title: "B" }, body("Changed b on disk.")));
    expect((await checkJson(repo, ["--since", "HEAD"])).failing).toEqual([]);
    expect((await checkJson(repo, ["--since", "HEAD", "--worktree"])).failing).toEqual(["posts/de/b.md"]);
  });

  it("an ignored or whitespace-only commit after REF doesn't make an old backlog new", async () => {
    site();
    editOriginal("a", "Changed a.");
    const ref = repo.git("rev-parse", "HEAD");
    repo.write("posts/en/a.md", post({ title: "A" }, body("Changed a.").replace(/\n/g, "  \n")));
    repo.commit("Trailing spaces");
    repo.write("posts/en/a.md", post({ title: "A" }, body("Changed a, typo fixed.")));
    repo.commit("Fix typo [skip translation]");
    expect(await checkJson(repo, ["--since", ref])).toMatchObject({ code: 0, failing: [] });
  });

  it("across merges: what the merged branch brought is new since the base, the base's own backlog is not", async () => {
    site();
    repo.git("checkout", "-q", "-b", "feature");
    editOriginal("a", "Feature changes a.");
    const featureTip = repo.git("rev-parse", "HEAD");
    repo.git("checkout", "-q", "main");
    editOriginal("b", "Main changes b.");
    const mainTip = repo.git("rev-parse", "HEAD");
    repo.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");
    expect((await checkJson(repo)).failing).toEqual(["posts/de/a.md", "posts/de/b.md"]);
    // A pull request's merge commit checked against its base: only the feature's change counts.
    expect((await checkJson(repo, ["--since", mainTip])).failing).toEqual(["posts/de/a.md"]);
    expect((await checkJson(repo, ["--since", "HEAD^1"])).failing).toEqual(["posts/de/a.md"]);
    // From the feature's side, main's commit is the new one.
    expect((await checkJson(repo, ["--since", featureTip])).failing).toEqual(["posts/de/b.md"]);
  });

  it("a REF outside HEAD's history is measured from its merge base with HEAD", async () => {
    site();
    const fork = repo.git("rev-parse", "HEAD");
    repo.git("checkout", "-q", "-b", "other");
    editOriginal("c", "Other branch work.");
    repo.git("checkout", "-q", "main");
    editOriginal("a", "Main changes a.");
    // `other` is not in main's history; the merge base is the fork point, so main's edit is new.
    expect((await checkJson(repo, ["--since", "other"])).failing).toEqual(["posts/de/a.md"]);
    expect((await checkJson(repo, ["--since", fork])).failing).toEqual(["posts/de/a.md"]);
    // A REF ahead of HEAD: its merge base is HEAD, nothing is new.
    repo.git("checkout", "-q", "-b", "ahead");
    editOriginal("b", "Ahead.");
    repo.git("checkout", "-q", "main");
    expect(await checkJson(repo, ["--since", "ahead"])).toMatchObject({ code: 0, failing: [] });
  });

  it("a REF that names no commit is a usage error (exit 2, BAD_REF)", async () => {
    site();
    for (const ref of ["no-such-branch", "--help", "HEAD~99"]) {
      const result = await run(repo, ["check", `--since=${ref}`]);
      expect(result.code, ref).toBe(2);
      expect(result.stderr).toContain(errorText("BAD_REF", { ref }));
      expect(result.stdout).toBe("");
    }
  });
});
