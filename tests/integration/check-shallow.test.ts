import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { run } from "../helpers/check.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite, post } from "../helpers/status.js";

const t = createTranslator("en");
let repo: TestRepo;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A site with a stale and a current translation, a few commits deep. */
function site(): TestRepo {
  repo = alphaBetaSite();
  repo.write("README.md", "Unrelated.\n");
  repo.commit("Readme");
  return repo;
}

/** A bare copy of the repository that serves blobless fetches over file://, as GitHub does over https. */
function serve(): string {
  const dir = mkdtempSync(join(tmpdir(), "transtrack-remote-"));
  dirs.push(dir);
  const bare = join(dir, "site.git");
  repo.git("clone", "-q", "--bare", repo.dir, bare);
  execFileSync("git", ["config", "uploadpack.allowFilter", "true"], { cwd: bare, env: repo.env() });
  return `file://${bare}`;
}

/** `git clone --depth N file://…` into a fresh directory, extra arguments before the URL. */
function shallowClone(url: string, depth: number, ...extra: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "transtrack-clone-"));
  dirs.push(dir);
  const target = join(dir, "c");
  repo.git("clone", "-q", "--depth", String(depth), ...extra, url, target);
  return target;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, env: repo.env(), encoding: "utf8" }).trim();
}

describe("check in a shallow clone", () => {
  it("exits 2 before computing anything, saying exactly what to set", async () => {
    site();
    const clone = shallowClone(serve(), 1);
    const result = await run(repo, ["check"], { cwd: clone });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(t("errors.SHALLOW_CLONE", { count: 2, file: "posts/de/a.md" }));
    expect(result.stderr).toContain(t("hints.SHALLOW_CLONE"));
    for (const fix of ["fetch-depth: 0", "git fetch --unshallow", "--deepen", "GIT_DEPTH: 0"]) expect(result.stderr).toContain(fix);
    // Under --format github the error is an annotation as well.
    const github = await run(repo, ["check", "--format", "github"], { cwd: clone });
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(/^::error title=[^:]+::.*fetch-depth%3A 0|^::error title=[^:]+::.*fetch-depth: 0/);
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("true");
  });

  it("with --deepen fetches the history blobless and gives the full clone's answer", async () => {
    site();
    const url = serve();
    const full = await run(repo, ["check", "--format", "json"]);
    const clone = shallowClone(url, 1);
    const result = await run(repo, ["check", "--format", "json", "--deepen"], { cwd: clone });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(full.stdout);
    expect(result.stderr).toContain(t("checkFormats.deepening"));
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("false");
    // A blobless fetch: the clone is now a partial clone that fetches file versions on demand.
    expect(git(clone, "config", "remote.origin.partialclonefilter")).toBe("blob:none");
    expect(JSON.parse(result.stdout).violations.map((v: { translation: string }) => v.translation)).toEqual(["posts/de/a.md"]);
  });

  it("leaves a clone deep enough alone, even with --deepen", async () => {
    site();
    repo.write("posts/de/a.md", post({ title: "A", lang: "de" }, "Alpha (de), changed.\n"));
    repo.write("posts/de/b.md", post({ title: "B", lang: "de" }, "Beta (de), better.\n"));
    repo.commit("Update the German translations");
    repo.write("posts/en/b.md", post({ title: "B" }, "Beta, changed.\n"));
    repo.commit("Edit b");
    // Depth 3 ends at "Readme": both translations were last changed above it, so their baselines are known.
    const clone = shallowClone(serve(), 3);
    const result = await run(repo, ["check", "--format", "json", "--deepen"], { cwd: clone });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("true");
    expect(JSON.parse(result.stdout).violations.map((v: { translation: string }) => v.translation)).toEqual(["posts/de/b.md"]);
  });

  it("--since a branch the clone didn't fetch: BAD_REF, which --deepen resolves by fetching", async () => {
    site();
    const clone = shallowClone(serve(), 1);
    const bad = await run(repo, ["check", "--since", "origin/main~2"], { cwd: clone });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(t("errors.BAD_REF", { ref: "origin/main~2" }));
    expect(bad.stderr).toContain("fetch-depth: 0");
    const since = await run(repo, ["check", "--format", "json", "--since", "origin/main~2", "--deepen"], { cwd: clone });
    expect(since.code).toBe(1); // "Edit a" is after main~2
    const later = await run(repo, ["check", "--format", "json", "--since", "origin/main~1"], { cwd: clone });
    expect(later.code).toBe(0);
  });

  it("--since a REF whose merge base with HEAD the clone cut off: SHALLOW_SINCE, fixed by --deepen", async () => {
    site();
    const fork = repo.git("rev-parse", "HEAD~3");
    repo.git("checkout", "-q", "-b", "other", fork);
    for (const n of [1, 2, 3]) {
      repo.write("other.txt", `${n}\n`);
      repo.commit(`Other ${n}`);
    }
    repo.git("checkout", "-q", "main");
    repo.write("posts/de/a.md", post({ title: "A", lang: "de" }, "Alpha (de), changed.\n"));
    repo.write("posts/de/b.md", post({ title: "B", lang: "de" }, "Beta (de), better.\n"));
    repo.commit("Update the German translations");
    repo.write("posts/en/b.md", post({ title: "B" }, "Beta, changed.\n"));
    repo.commit("Edit b");
    // Every branch three commits deep: main's history is complete enough, but not down to the fork.
    const clone = shallowClone(serve(), 3, "--no-single-branch");
    expect((await run(repo, ["check", "--format", "json"], { cwd: clone })).code).toBe(1);
    const cut = await run(repo, ["check", "--since", "origin/other"], { cwd: clone });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(t("errors.SHALLOW_SINCE", { ref: "origin/other" }));
    expect(cut.stderr).toContain("fetch-depth: 0");
    const deepened = await run(repo, ["check", "--format", "json", "--since", "origin/other", "--deepen"], { cwd: clone });
    expect(deepened.code).toBe(1);
    expect(JSON.parse(deepened.stdout).violations.map((v: { translation: string }) => v.translation)).toEqual(["posts/de/b.md"]);
    expect((await run(repo, ["check", "--since", "origin/main~1"], { cwd: clone })).code).toBe(1);
    expect((await run(repo, ["check", "--since", "origin/main"], { cwd: clone })).code).toBe(0);
  });

  it("a source_commit present in the clone but cut off from HEAD's history needs more history, not `unknown`", async () => {
    site();
    const edit = repo.git("rev-parse", "HEAD~1");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("posts/de/a.md", post({ title: "A", lang: "de", source_commit: edit }, "Alpha (de), changed.\n"));
    repo.write("posts/de/b.md", post({ title: "B", lang: "de", source_commit: edit }, "Beta (de).\n"));
    repo.commit("Update de/a, record source_commit");
    for (const n of [1, 2]) {
      repo.write("notes.txt", `${n}\n`);
      repo.commit(`Note ${n}`);
    }
    // GitLab-style clone: every branch a few commits deep, so main's commits exist but HEAD's history stops above them.
    const clone = shallowClone(serve(), 2, "--no-single-branch", "--branch", "feature");
    expect(git(clone, "cat-file", "-t", edit)).toBe("commit");
    const cut = await run(repo, ["check", "--format", "json"], { cwd: clone });
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain(t("hints.SHALLOW_CLONE"));
    const deepened = await run(repo, ["check", "--format", "json", "--deepen"], { cwd: clone });
    expect(deepened.code).toBe(0);
    const statuses = JSON.parse(deepened.stdout).translations.map((e: { translation: string; status: string }) => `${e.translation} ${e.status}`);
    expect(statuses).toEqual(["posts/de/a.md up-to-date", "posts/de/b.md up-to-date"]);
  });

  it("reports a failed fetch as DEEPEN_FAILED (exit 2)", async () => {
    site();
    const url = serve();
    const clone = shallowClone(url, 1);
    rmSync(url.slice("file://".length), { recursive: true, force: true });
    const result = await run(repo, ["check", "--deepen"], { cwd: clone });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(t("errors.DEEPEN_FAILED", { reason: "" }).trim());
    expect(result.stderr).toContain(t("hints.DEEPEN_FAILED"));
  });
});
