import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { runCli, runFailure } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite, post } from "../helpers/status.js";

let repo: TestRepo;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function staleSite(): TestRepo {
  repo = alphaBetaSite();
  return repo;
}

describe("the built CLI", () => {
  it("runs as the program the package's bin names, as npx and npm's links start it", () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const bin = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { bin: Record<string, string> }).bin.transtrack!;
    // npx runs a project's own bin in place, without the links (and their chmod) that npm makes for dependencies.
    if (process.platform !== "win32") expect(statSync(join(root, bin)).mode & 0o111).toBe(0o111);
    const run = spawnSync(join(root, bin), ["--version"], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("status exits 0, and --json prints the report alone on stdout", () => {
    staleSite();
    const human = runCli(["status"], repo.dir, repo.env());
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("posts/de/a.md");
    const json = runCli(["status", "--json"], repo.dir, repo.env());
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.translations.map((e: { status: string }) => e.status).sort()).toEqual(["stale", "up-to-date"]);
    expect(json.stderr).toBe("");
  });

  it("JSON does not depend on the locale; messages do", () => {
    staleSite();
    const en = runCli(["status", "--json"], repo.dir, repo.env());
    const de = runCli(["--locale", "de", "status", "--json"], repo.dir, repo.env());
    expect(de.stdout).toBe(en.stdout);
    const human = runCli(["status", "--locale", "de"], repo.dir, repo.env());
    const humanEn = runCli(["status"], repo.dir, repo.env());
    expect(human.code).toBe(0);
    expect(human.stdout).not.toBe(humanEn.stdout);
    const fromEnv = runCli(["status"], repo.dir, { ...repo.env(), LC_ALL: "", LC_MESSAGES: "", LANG: "de_DE.UTF-8" });
    expect(fromEnv.stdout).toBe(human.stdout);
    const unknown = runCli(["status", "--locale", "xx"], repo.dir, repo.env());
    expect(unknown.stdout).toBe(humanEn.stdout);
  });

  it("check exits 1 on violations and 0 when everything is current", () => {
    staleSite();
    const failing = runCli(["check", "--format", "json"], repo.dir, repo.env());
    expect(failing.code).toBe(1);
    const result = JSON.parse(failing.stdout);
    expect(result.violations).toEqual([expect.objectContaining({ code: "stale", translation: "posts/de/a.md" })]);
    expect(runCli(["check", "posts/de/b.md"], repo.dir, repo.env()).code).toBe(0);
    expect(runCli(["mark", "posts/de/a.md"], repo.dir, repo.env()).code).toBe(0);
    expect(runCli(["check"], repo.dir, repo.env()).code).toBe(0);
  });

  it("exits 2 with a hint and no stack trace on usage, config and repository errors", () => {
    staleSite();
    const cases: [string[], string, string][] = [
      [["status", "--bogus"], repo.dir, "UsageError:UNKNOWN_OPTION"],
      [["frobnicate"], repo.dir, "UsageError:UNKNOWN_COMMAND"],
      [["status", "--lang", "not a lang!"], repo.dir, "UsageError:INVALID_LANGS"],
      [["diff"], repo.dir, "UsageError:MISSING_ARGUMENT"],
      [["diff", "posts/en/a.md"], repo.dir, "UsageError:NOT_A_TRANSLATION"],
      [["mark", "posts/de/a.md", "--commit", "--help;rm"], repo.dir, "UsageError:BAD_COMMIT"],
      [["status", "../.."], repo.dir, "UsageError:PATH_OUTSIDE_REPO"],
    ];
    const outside = mkdtempSync(join(tmpdir(), "transtrack-norepo-"));
    dirs.push(outside);
    cases.push([["status"], outside, "RepoError:NOT_A_REPO"]);
    for (const [args, cwd, error] of cases) {
      const run = runCli(args, cwd, repo.env());
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(/\S/);
      expect(run.stderr, args.join(" ")).not.toMatch(/\n\s+at .*\.js:\d+/);
      expect(run.stdout).toBe("");
      expect(runFailure(args, cwd, repo.env()), args.join(" ")).toMatchObject({ code: 2, error });
    }
    repo.write("transtrack.config.json", '{"languages": 3}');
    const config = runCli(["status"], repo.dir, repo.env());
    expect(config.code).toBe(2);
    expect(config.stderr).toContain("languages");
    const verbose = runFailure(["status"], repo.dir, repo.env());
    expect(verbose).toMatchObject({ code: 2, error: "ConfigError:CONFIG_INVALID" });
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it("a repository with no commits, and -C from elsewhere", () => {
    const empty = createRepo();
    try {
      const run = runCli(["status"], empty.dir, empty.env());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(createTranslator("en")("errors.NO_COMMITS"));
    } finally {
      empty.cleanup();
    }
    staleSite();
    const elsewhere = mkdtempSync(join(tmpdir(), "transtrack-cwd-"));
    dirs.push(elsewhere);
    const run = runCli(["-C", repo.dir, "status", "--json"], elsewhere, repo.env());
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).translations.length).toBe(2);
  });

  it("a shallow clone without the needed history exits 2 and names the fix", () => {
    staleSite();
    const clone = mkdtempSync(join(tmpdir(), "transtrack-shallow-"));
    dirs.push(clone);
    repo.git("clone", "-q", "--depth", "1", `file://${repo.dir}`, join(clone, "c"));
    const run = runCli(["status"], join(clone, "c"), repo.env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("fetch-depth: 0");
    expect(run.stderr).toContain("git fetch --unshallow");
    const deeper = join(clone, "d");
    repo.git("clone", "-q", "--depth", "2", `file://${repo.dir}`, deeper);
    // Depth 2 cuts history at the translations' own commit: when were they really last changed?
    expect(runCli(["status", "--json"], deeper, repo.env()).code).toBe(2);
    const enough = join(clone, "e");
    repo.git("clone", "-q", "--depth", "3", `file://${repo.dir}`, enough);
    // Depth 3 holds the translations' commit as an inner commit: the needed history is there.
    const ok = runCli(["status", "--json"], enough, repo.env());
    expect(ok.code).toBe(0);
    const statuses = JSON.parse(ok.stdout).translations.map((e: { status: string }) => e.status).sort();
    expect(statuses).toEqual(["stale", "up-to-date"]);
  });

  it("diff shows the original's change, by line and by word, and as JSON", () => {
    staleSite();
    const line = runCli(["diff", "posts/de/a.md"], repo.dir, repo.env());
    expect(line.code).toBe(0);
    expect(line.stdout).toContain("-Two words here.");
    expect(line.stdout).toContain("+Two other words here.");
    const word = runCli(["diff", "posts/de/a.md", "--word"], repo.dir, repo.env());
    expect(word.stdout).toContain("{+other +}");
    const json = JSON.parse(runCli(["diff", "posts/de/a.md", "--json"], repo.dir, repo.env()).stdout);
    expect(json).toMatchObject({ translation: "posts/de/a.md", source: "posts/en/a.md", status: "stale", mode: "line" });
    expect(json.hunks.length).toBe(1);
    // An up-to-date translation: no hunk, and a line that says the original is unchanged.
    const current = runCli(["diff", "posts/de/b.md"], repo.dir, repo.env());
    expect(current.code).toBe(0);
    expect(current.stdout).not.toContain("@@");
    const baseline = (JSON.parse(runCli(["diff", "posts/de/b.md", "--json"], repo.dir, repo.env()).stdout) as { baseline: string; hunks: unknown[] });
    expect(baseline.hunks).toEqual([]);
    const note = createTranslator("en")("diff.unchanged", { translation: "posts/de/b.md", baseline: baseline.baseline.slice(0, 12) });
    expect(current.stdout.trimEnd().split("\n").at(-1)).toBe(note);
    expect(runCli(["diff", "posts/de/b.md", "--word"], repo.dir, repo.env()).stdout.trimEnd().split("\n").at(-1)).toBe(note);
    expect(line.stdout).not.toContain(note);
  });

  it("mark writes a full sha into source_commit and keeps every other byte (CRLF, BOM, comments, quoting)", () => {
    staleSite();
    const original = "\uFEFF---\r\n# a comment\r\ntitle: 'Alpha'   # quoted\r\nlang: de\r\n---\r\nEins.\r\n";
    repo.write("posts/de/a.md", original);
    repo.commit("CRLF translation");
    repo.write("posts/en/a.md", post({ title: "Alpha" }, "Changed again.\n"));
    repo.commit("Edit alpha again");
    const run = runCli(["mark", "posts/de/a.md"], repo.dir, repo.env());
    expect(run.code).toBe(0);
    const head = repo.git("rev-parse", "HEAD");
    const after = readFileSync(join(repo.dir, "posts/de/a.md"), "utf8");
    expect(after).toBe(original.replace("lang: de\r\n", `lang: de\r\nsource_commit: ${head}\r\n`));
    const older = repo.git("rev-parse", "HEAD~1");
    expect(runCli(["mark", "posts/de/a.md", "--commit", older.slice(0, 8)], repo.dir, repo.env()).code).toBe(0);
    expect(readFileSync(join(repo.dir, "posts/de/a.md"), "utf8")).toBe(original.replace("lang: de\r\n", `lang: de\r\nsource_commit: ${older}\r\n`));
    expect(runFailure(["mark", "posts/de/a.md", "--commit", "0000000"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:COMMIT_NOT_FOUND" });
    repo.git("checkout", "-q", "-b", "side");
    repo.write("side.md", "x\n");
    const side = repo.commit("Side");
    repo.git("checkout", "-q", "main");
    const elsewhere = runFailure(["mark", "posts/de/a.md", "--commit", side], repo.dir, repo.env());
    expect(elsewhere).toMatchObject({ code: 2, error: "UsageError:COMMIT_NOT_ANCESTOR" });
    expect(elsewhere.stderr).toContain(side);
  });
});
