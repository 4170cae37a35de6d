import { chmodSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/types.js";
import { parsePost } from "../../src/posts/read-post.js";
import { shellWords } from "../../src/update/shell-words.js";
import { runCli } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { STALE, staleSite, type StaleSite } from "../helpers/stale-site.js";
import { allEnded, translators, type Translators } from "../helpers/translators.js";

const KEYS = { lang: "lang", translationOf: "translation_of", translationKey: "translation_key", sourceCommit: "source_commit" };
/** Translations the site lacks: delta in both languages, and all but alpha in Chinese. */
const MISSING = ["posts/de/delta.md", "posts/zh/beta.md", "posts/zh/delta.md", "posts/zh/gamma.md", `posts/zh/it's a "post".md`] as const;

let site: StaleSite;
let tools: Translators;
let extra: TestRepo | null = null;
let delta: string;

/** The stale site, plus an original no translation exists for yet. */
function setUp(): void {
  site = staleSite();
  site.repo.write("posts/en/delta.md", "---\ntitle: Delta\n---\nDelta is new.\n");
  delta = site.repo.commit("Add delta");
  tools = translators();
}

afterEach(() => {
  site?.repo.cleanup();
  tools?.cleanup();
  extra?.cleanup();
  extra = null;
});

beforeAll(() => {
  // The end-to-end tests run the built CLI.
  expect(existsSync(join(__dirname, "../../dist/cli/main.js"))).toBe(true);
});

const update = (args: string[], repo: TestRepo = site.repo) => runCli(["update", ...args], repo.dir, repo.env());
const read = (path: string, repo: TestRepo = site.repo) => readFileSync(join(repo.dir, path), "utf8");
const statusOf = (repo: TestRepo = site.repo): Report => JSON.parse(runCli(["status", "--json"], repo.dir, repo.env()).stdout) as Report;

/** Every post as it was before the run, and no missing translation created. */
function expectUntouched(): void {
  for (const [path, before] of site.before) expect(read(path), path).toBe(before);
  for (const path of MISSING) expect(existsSync(join(site.repo.dir, path)), path).toBe(false);
  expect(readdirSync(join(site.repo.dir, "posts"))).toEqual(["de", "en", "zh"]);
}

/** Nothing of a run is left under the git dir. */
function expectNoWorkspace(repo: TestRepo = site.repo): void {
  const dir = join(repo.dir, ".git", "transtrack");
  expect(existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith("exec-") || f.startsWith("commit-")) : []).toEqual([]);
}

describe("update --exec", () => {
  it("translates every stale and missing translation, records source_commit, keeps the translator's front-matter", () => {
    setUp();
    const run = update(["--exec", tools.command("rewrite", "--file {source} --lang {lang} --out {translation}"), "--missing"]);
    expect(run.code).toBe(0);
    const calls = tools.calls();
    expect(calls.map((c) => c.env.TRANSTRACK_TRANSLATION).sort()).toEqual([...STALE, ...MISSING].sort());
    for (const call of calls) {
      // Each value is one word, quotes and spaces and all.
      expect(call.argv).toEqual(["--file", call.env.TRANSTRACK_SOURCE, "--lang", call.env.TRANSTRACK_LANG, "--out", call.env.TRANSTRACK_TRANSLATION]);
    }
    const lastChange = (source: string) => site.repo.git("log", "-1", "--format=%H", "--", source);
    const expected: Record<string, string> = { ...site.sourceCommit };
    for (const path of MISSING) expected[path] = lastChange(path.replace("posts/zh/", "posts/en/").replace("posts/de/", "posts/en/"));
    expect(expected["posts/de/delta.md"]).toBe(delta);
    for (const [path, sha] of Object.entries(expected)) {
      const text = read(path);
      const post = parsePost(path, text, KEYS);
      expect(post.invalid, path).toBe(false);
      expect(post.sourceCommit, path).toBe(sha);
      expect(text, path).toContain("model: fake/model-1 # kept\n");
      expect(text, path).toContain("generated: true\n");
    }
    // What was not stale is untouched.
    expect(read("posts/de/gamma.md")).toBe(site.before.get("posts/de/gamma.md"));
    const report = statusOf();
    expect(report.translations.filter((e) => e.status !== "up-to-date").map((e) => `${e.status} ${e.translation}`)).toEqual([]);
    expectNoWorkspace();
  });

  it("hands over the languages, the commits and the original's diff, in placeholders and in the environment", () => {
    setUp();
    const run = update(["--exec", tools.command("rewrite", "{lang} {sourceLang} {baseline} {head} {diff}"), "--missing", "--lang", "de"]);
    expect(run.code).toBe(0);
    const byPath = new Map(tools.calls().map((c) => [c.env.TRANSTRACK_TRANSLATION, c]));
    const alpha = byPath.get("posts/de/alpha.md")!;
    const translated = site.repo.git("log", "-1", "--format=%H", "--", "posts/de/alpha.md");
    expect(alpha.env).toMatchObject({ TRANSTRACK_SOURCE: "posts/en/alpha.md", TRANSTRACK_LANG: "de", TRANSTRACK_SOURCE_LANG: "en", TRANSTRACK_BASELINE: translated, TRANSTRACK_HEAD: site.sourceCommit["posts/de/alpha.md"] });
    expect(alpha.argv).toEqual(["de", "en", translated, site.sourceCommit["posts/de/alpha.md"], alpha.env.TRANSTRACK_DIFF]);
    // The diff file held the original's change, baseline to HEAD, as a unified diff.
    expect(alpha.diff).toMatch(/^--- a\/posts\/en\/alpha\.md/m);
    expect(alpha.diff).toContain("+A third paragraph.");
    expect(alpha.diff).toContain("-The first paragraph.");
    // A missing one has no baseline; its diff adds the whole original.
    const created = byPath.get("posts/de/delta.md")!;
    expect(created.env.TRANSTRACK_BASELINE).toBe("");
    expect(created.diff).toContain("+Delta is new.");
    expect(existsSync(alpha.env.TRANSTRACK_DIFF!)).toBe(false);
    expect([...byPath.keys()].every((p) => p!.startsWith("posts/de/"))).toBe(true);
  });

  it("prints each command with --dry-run, as a shell reads it back, and runs nothing", () => {
    setUp();
    const command = tools.command("rewrite", "--out {translation} --from={source}");
    const run = update(["--exec", command, "--missing", "--dry-run"]);
    expect(run.code).toBe(0);
    expect(tools.calls()).toEqual([]);
    expectUntouched();
    const lines = run.stdout.trimEnd().split("\n").map(shellWords);
    const [node, script] = shellWords(command);
    expect(lines.map((l) => l.slice(0, 2))).toEqual(lines.map(() => [node, script]));
    expect(lines.map((l) => l[3]).sort()).toEqual([...STALE, ...MISSING].sort());
    expect(lines.find((l) => l[3] === STALE[2])!.slice(2)).toEqual(["--out", STALE[2], `--from=posts/en/it's a "post".md`]);
  });

  it.each(["fail", "broken", "delete", "noop"] as const)("puts every file back byte for byte when the translator does %s, and exits 1", (name) => {
    setUp();
    const run = update(["--exec", tools.command(name), "--missing", "--keep-going"]);
    expect(run.code).toBe(1);
    expect(tools.calls()).toHaveLength(STALE.length + MISSING.length);
    expectUntouched();
    expect(site.repo.git("status", "--porcelain")).toBe("");
    expectNoWorkspace();
  });

  it("shows the last lines a failed translator wrote to stderr", () => {
    setUp();
    const run = update(["--exec", tools.command("fail"), "--jobs", "1", "--keep-going"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.split("\n");
    // The last ten of fifteen, for each of the four stale translations.
    expect(lines.filter((l) => l.endsWith("error line 15"))).toHaveLength(STALE.length);
    expect(lines.filter((l) => l.endsWith("error line 6"))).toHaveLength(STALE.length);
    expect(lines.filter((l) => l.endsWith("error line 5"))).toHaveLength(0);
  });

  it("stops launching at the first failure without --keep-going, and says how many never started", () => {
    setUp();
    const run = update(["--exec", tools.command("fail"), "--jobs", "1"]);
    expect(run.code).toBe(1);
    expect(tools.calls()).toHaveLength(1);
    expectUntouched();
  });

  it("ends a translator past --timeout together with everything it started", async () => {
    setUp();
    const run = update(["--exec", tools.command("hang"), "--timeout", "0.5", "--keep-going", "--lang", "zh"]);
    expect(run.code).toBe(1);
    expect(tools.calls()).toHaveLength(1);
    expect(tools.orphans()).toHaveLength(1);
    expect(await allEnded(tools.orphans())).toBe(true);
    expectUntouched();
  });

  it("runs --jobs translators at once", () => {
    setUp();
    // Each run of `pair` waits for a second one to start: with one job at a time the first would wait alone.
    const run = update(["--exec", tools.command("pair"), "--jobs", "2", "--lang", "de"]);
    expect(run.code).toBe(0);
    expect(tools.calls().map((c) => c.env.TRANSTRACK_TRANSLATION).sort()).toEqual(STALE.filter((p) => p.startsWith("posts/de/")).sort());
  });

  it("commits each recorded translation on its own with --commit", () => {
    setUp();
    const head = site.repo.git("rev-parse", "HEAD");
    const run = update(["--exec", tools.command("rewrite"), "--missing", "--commit"]);
    expect(run.code).toBe(0);
    const subjects = site.repo.git("log", "--format=%s", `${head}..HEAD`).split("\n");
    expect(subjects).toHaveLength(STALE.length + MISSING.length);
    expectNoWorkspace();
    expect(subjects).toContain(`Sync de translation of posts/en/alpha.md with ${site.sourceCommit["posts/de/alpha.md"]!.slice(0, 7)}`);
    for (const sha of site.repo.git("rev-list", `${head}..HEAD`).split("\n")) {
      expect(site.repo.git("show", "-z", "--format=", "--name-only", sha).split("\0").filter(Boolean)).toHaveLength(1);
    }
    expect(site.repo.git("status", "--porcelain")).toBe("");
  });

  it("makes one commit of the run with --commit=batch", () => {
    setUp();
    const head = site.repo.git("rev-parse", "HEAD");
    const run = update(["--exec", tools.command("rewrite"), "--missing", "--commit=batch"]);
    expect(run.code).toBe(0);
    expect(site.repo.git("rev-list", "--count", `${head}..HEAD`)).toBe("1");
    expect(site.repo.git("show", "-z", "--format=", "--name-only", "HEAD").split("\0").filter(Boolean).sort()).toEqual([...STALE, ...MISSING].sort());
    expect(site.repo.git("status", "--porcelain")).toBe("");
    expectNoWorkspace();
  });

  it.each([["--commit"], ["--commit=batch"]])("exits 1 when %s is refused by a hook, the translations recorded but not committed", (flag) => {
    setUp();
    const head = site.repo.git("rev-parse", "HEAD");
    site.repo.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 1\n");
    chmodSync(join(site.repo.dir, ".git/hooks/pre-commit"), 0o755);
    const run = update(["--exec", tools.command("rewrite"), "--lang", "de", flag]);
    expect(run.code).toBe(1);
    expect(site.repo.git("rev-parse", "HEAD")).toBe(head);
    for (const path of STALE.filter((p) => p.startsWith("posts/de/"))) {
      expect(parsePost(path, read(path), KEYS).sourceCommit, path).toBe(site.sourceCommit[path]);
    }
    expectNoWorkspace();
  });

  it("leaves a translation stale when its original was committed again while it ran", () => {
    setUp();
    const run = update(["--exec", tools.command("commitOriginal"), "--lang", "zh"]);
    expect(run.code).toBe(0);
    expect(parsePost("posts/zh/alpha.md", read("posts/zh/alpha.md"), KEYS).sourceCommit).toBe(site.sourceCommit["posts/zh/alpha.md"]);
    expect(statusOf().translations.find((e) => e.translation === "posts/zh/alpha.md")?.status).toBe("stale");
    expect(run.stdout).toContain("posts/zh/alpha.md");
  });

  it.each([
    [["--exec", ""]],
    [["--exec", "  "]],
    [["--exec"]],
    [["--exec", "true", "--jobs", "0"]],
    [["--exec", "true", "--jobs", "two"]],
    [["--exec", "true", "--timeout", "-1"]],
    [["--exec", "true", "--timeout", "0"]],
    [["--exec", "true", "--timeout", "soon"]],
    [["--missing"]],
    [["--dry-run"]],
    [["--keep-going"]],
    [["--commit=batch"]],
  ])("is a usage error (exit 2): update %j", (args) => {
    setUp();
    const run = update(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(tools.calls()).toEqual([]);
    expectUntouched();
  });
});

describe("update --exec on file names that try injection", () => {
  const NAMES = ["-rf", "$(touch pwned) x", "it's \"q\"; echo hi", "--help", "{lang}"];

  /** Originals side by side at the root (a suffix layout), so a translation's path can start with a dash. */
  function hostile(): TestRepo {
    const repo = createRepo();
    repo.write("transtrack.config.json", JSON.stringify({ languages: ["de"], layouts: [{ translation: "{path}.{lang}.md" }] }));
    for (const name of NAMES) {
      repo.write(`${name}.en.md`, "---\ntitle: T\n---\nOne.\n");
      repo.write(`${name}.de.md`, "---\ntitle: T\nlang: de\n---\nEins.\n");
    }
    repo.commit("Add posts");
    for (const name of NAMES) repo.write(`${name}.en.md`, "---\ntitle: T\n---\nOne, changed.\n");
    repo.commit("Change the originals");
    return repo;
  }

  it("gives each path as one word that can't be taken for an option, and runs no shell", () => {
    extra = hostile();
    tools = translators();
    const run = update(["--exec", tools.command("rewrite", "{translation} --source={source}")], extra);
    expect(run.code).toBe(0);
    const argvs = tools.calls().map((c) => c.argv).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(argvs).toEqual(
      NAMES.map((n) => [n.startsWith("-") ? `./${n}.de.md` : `${n}.de.md`, `--source=${n.startsWith("-") ? "./" : ""}${n}.en.md`]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(existsSync(join(extra.dir, "pwned"))).toBe(false);
    expect(statusOf(extra).translations.map((e) => e.status)).toEqual(NAMES.map(() => "up-to-date"));
  });

  it("commits them, names and all, literally", () => {
    extra = hostile();
    tools = translators();
    const run = update(["--exec", tools.command("rewrite"), "--commit=batch"], extra);
    expect(run.code).toBe(0);
    expect(extra.git("show", "-z", "--format=", "--name-only", "HEAD").split("\0").filter(Boolean).sort()).toEqual(NAMES.map((n) => `${n}.de.md`).sort());
    expect(extra.git("status", "--porcelain")).toBe("");
  });
});
