import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { prefetchStatus } from "../../src/cli/prefetch.js";
import { runCli } from "../helpers/cli.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite } from "../helpers/status.js";

let repo: TestRepo | null = null;
afterEach(() => {
  repo?.cleanup();
  repo = null;
});

describe("asking git early for a status run", () => {
  it("asks only for a whole-report status at a work tree's top level", async () => {
    repo = alphaBetaSite();
    const root = repo.dir;
    const asks = (argv: string[], cwd = root) => prefetchStatus(argv, cwd, repo!.env()) !== null;
    expect(asks(["status"])).toBe(true);
    expect(asks(["status", "--json"])).toBe(true);
    expect(asks(["--locale", "de", "--no-color", "status", "--all"])).toBe(true);
    expect(asks(["-C", root, "status", "--no-cache", "--json"], "/")).toBe(true);
    expect(asks(["status", "posts/de"])).toBe(false);
    expect(asks(["status", "--lang", "de"])).toBe(false);
    expect(asks(["status", "--worktree"])).toBe(false);
    expect(asks(["check"])).toBe(false);
    expect(asks(["diff", "posts/de/a.md"])).toBe(false);
    expect(asks(["status", "--json"], join(root, "posts"))).toBe(false);
    expect(asks(["-C", "posts", "status"])).toBe(false);
    const probe = prefetchStatus(["status"], root, repo.env())!;
    expect((await probe.state).split("\n")[0]).toBe(root);
    expect(await probe.listing).toContain("posts/de/a.md");
  });

  it("gives the same report from the top level, with -C, and from a subdirectory", () => {
    repo = alphaBetaSite();
    const top = runCli(["status", "--json", "--no-cache"], repo.dir, repo.env());
    expect(top.code).toBe(0);
    for (const run of [
      runCli(["status", "--json"], repo.dir, repo.env()),
      runCli(["-C", repo.dir, "status", "--json"], "/", repo.env()),
      runCli(["status", "--json"], join(repo.dir, "posts"), repo.env()),
      runCli(["-C", "posts", "status", "--json"], repo.dir, repo.env()),
    ]) {
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(top.stdout);
    }
  });
});
