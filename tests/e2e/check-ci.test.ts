import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, runCli } from "../helpers/cli.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite } from "../helpers/status.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let repo: TestRepo;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** A site whose de/a went stale. */
function staleSite(): TestRepo {
  repo = alphaBetaSite();
  return repo;
}

/** The environment of a GitHub Actions step with a fresh step-summary file. */
function actionsEnv(extra: NodeJS.ProcessEnv = {}): { env: NodeJS.ProcessEnv; summary: string } {
  const summary = join(tempDir("transtrack-gha-"), "step-summary.md");
  writeFileSync(summary, "");
  return { env: { ...repo.env(), GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo.dir, ...extra }, summary };
}

describe("check under GitHub Actions (the built CLI)", () => {
  it("defaults to annotations and appends the Markdown summary to $GITHUB_STEP_SUMMARY", () => {
    staleSite();
    const { env, summary } = actionsEnv();
    const result = runCli(["check"], repo.dir, env);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=posts\/de\/a\.md,line=1,title=[^:,]+::/m);
    const written = readFileSync(summary, "utf8");
    expect(written.startsWith("<!-- transtrack-check -->\n")).toBe(true);
    expect(written).toContain("<code>posts/de/a.md</code>");
    // A second step appends, it doesn't overwrite.
    runCli(["check"], repo.dir, env);
    expect(readFileSync(summary, "utf8").split("<!-- transtrack-check -->").length - 1).toBe(2);
  });

  it("writes the summary whatever --format says, and keeps JSON alone on stdout", () => {
    staleSite();
    const { env, summary } = actionsEnv();
    const json = runCli(["check", "--format", "json"], repo.dir, env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).violations).toHaveLength(1);
    expect(json.stderr).toBe("");
    expect(readFileSync(summary, "utf8")).toContain("posts/de/a.md");
    const junit = runCli(["check", "--format", "junit"], repo.dir, env);
    expect(junit.stdout.startsWith("<?xml")).toBe(true);
    expect(readFileSync(summary, "utf8").split("<!-- transtrack-check -->").length - 1).toBe(2);
  });

  it("writes no summary outside GitHub Actions or without the variable, and survives an unwritable one", () => {
    staleSite();
    const summary = join(tempDir("transtrack-gha-"), "summary.md");
    writeFileSync(summary, "");
    expect(runCli(["check"], repo.dir, { ...repo.env(), GITHUB_STEP_SUMMARY: summary }).stdout).not.toContain("::error");
    expect(readFileSync(summary, "utf8")).toBe("");
    const noFile = runCli(["check"], repo.dir, { ...repo.env(), GITHUB_ACTIONS: "true" });
    expect(noFile.code).toBe(1);
    const broken = runCli(["check"], repo.dir, { ...repo.env(), GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(summary, "not-a-dir", "x.md") });
    expect(broken.code).toBe(1); // the verdict stands
    expect(broken.stderr).toMatch(/\S/);
  });

  it("annotates paths relative to the workspace when the repository is checked out in a sub-folder", () => {
    staleSite();
    const { env } = actionsEnv({ GITHUB_WORKSPACE: dirname(repo.dir) });
    const result = runCli(["check"], repo.dir, env);
    const folder = repo.dir.slice(dirname(repo.dir).length + 1);
    expect(result.stdout).toContain(`::error file=${folder}/posts/de/a.md,line=1,`);
  });

  it("--since HEAD passes with the backlog noted in the summary", () => {
    staleSite();
    const { env, summary } = actionsEnv();
    const result = runCli(["check", "--since", "HEAD"], repo.dir, env);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(readFileSync(summary, "utf8")).toMatch(/✅/);
  });

  it("an error (shallow clone) is an annotation too, and exit 2", () => {
    staleSite();
    const clone = join(tempDir("transtrack-shallow-"), "c");
    repo.git("clone", "-q", "--depth", "1", `file://${repo.dir}`, clone);
    const { env, summary } = actionsEnv({ GITHUB_WORKSPACE: clone });
    const result = runCli(["check"], clone, env);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error title=[^:,]+::.*fetch-depth/m);
    expect(result.stderr).toContain("fetch-depth: 0");
    expect(readFileSync(summary, "utf8")).toBe("");
    const deepened = runCli(["check", "--deepen"], clone, env);
    expect(deepened.code).toBe(1);
    expect(readFileSync(summary, "utf8")).toContain("posts/de/a.md");
  });
});

describe("action.yml's script", () => {
  /** The composite step's `run:` script, as the runner would execute it. */
  function actionScript(): string {
    const lines = readFileSync(join(ROOT, "action.yml"), "utf8").split("\n");
    const start = lines.findIndex((l) => l.trim() === "run: |");
    const body: string[] = [];
    for (const line of lines.slice(start + 1)) {
      if (line.trim() !== "" && !line.startsWith("        ")) break;
      body.push(line.slice(8));
    }
    return body.join("\n");
  }

  function runAction(inputs: Record<string, string>, cwd: string, env: NodeJS.ProcessEnv) {
    const output = join(tempDir("transtrack-out-"), "output");
    writeFileSync(output, "");
    const defaults = { SINCE: "", MAX_DAYS: "", FAIL_ON: "", LANG: "", PATHS: "", FORMAT: "github", DEEPEN: "true", WORKTREE: "false", SUMMARY: "true", CONFIG: "", LOCALE: "en", PACKAGE: "" };
    const tt = Object.fromEntries(Object.entries({ ...defaults, ...inputs }).map(([k, v]) => [`TT_${k}`, v]));
    const result = spawnSync("bash", ["-c", actionScript()], {
      cwd,
      env: { ...env, ...tt, TT_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, PATH: process.env.PATH },
      encoding: "utf8",
    });
    const outputs = Object.fromEntries(readFileSync(output, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split("=") as [string, string]));
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
  }

  it("runs the built CLI with the inputs as flags and reports the result as outputs", () => {
    expect(readFileSync(CLI, "utf8").length).toBeGreaterThan(0);
    staleSite();
    const { env, summary } = actionsEnv();
    const failed = runAction({}, repo.dir, env);
    expect(failed.code).toBe(1);
    expect(failed.outputs).toEqual({ result: "failed", "exit-code": "1" });
    expect(failed.stdout).toMatch(/^::error file=posts\/de\/a\.md/m);
    expect(readFileSync(summary, "utf8")).toContain("posts/de/a.md");
    expect(runAction({ SINCE: "HEAD" }, repo.dir, env).outputs.result).toBe("passed");
    expect(runAction({ PATHS: "posts/de/b.md  posts/en/b.md\nposts/en/b.md" }, repo.dir, env).outputs.result).toBe("passed");
    // A `*` reaches transtrack as written, never expanded by the shell (which would add the stale
    // posts/en/a.md); a path that names no post is a usage error, not a silent pass.
    expect(runAction({ PATHS: "posts/de/b.md  posts/en/b.md\nposts/en/*" }, repo.dir, env).outputs).toEqual({ result: "error", "exit-code": "2" });
    expect(runAction({ FAIL_ON: "orphaned", LANG: "de", MAX_DAYS: "1" }, repo.dir, env).outputs.result).toBe("passed");
    const json = runAction({ FORMAT: "json", SUMMARY: "false" }, repo.dir, { ...env, GITHUB_STEP_SUMMARY: join(dirname(summary), "other.md") });
    expect(JSON.parse(json.stdout).violations).toHaveLength(1);
    const error = runAction({ SINCE: "$(touch pwned) no-such-ref" }, repo.dir, env);
    expect(error.outputs).toEqual({ result: "error", "exit-code": "2" });
    expect(() => readFileSync(join(repo.dir, "pwned"))).toThrow();
  });

  it("works from a sub-folder of the repository (working-directory)", () => {
    staleSite();
    mkdirSync(join(repo.dir, "posts", "de", "sub"), { recursive: true });
    const { env } = actionsEnv();
    expect(runAction({}, join(repo.dir, "posts"), env).outputs.result).toBe("failed");
  });
});
