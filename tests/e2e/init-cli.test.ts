import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, runCli, runFailure } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { post } from "../helpers/status.js";
import { HAS_TMUX, startPty, type Pty } from "../helpers/tmux.js";

let repo: TestRepo;
let pty: Pty | null = null;
afterEach(() => {
  pty?.close();
  pty = null;
  repo?.cleanup();
});

const CONFIG = "transtrack.config.json";

/** A small blog of the Jekyll shape: originals in original/ and notes/, translations in _posts/{lang}/. */
function blog(): TestRepo {
  repo = createRepo();
  const files: Record<string, string> = {
    "original/2014-02-05-pg-en.md": "en",
    "original/2014-02-05-pg-zh.md": "zh",
    "notes/2025-01-16-moral-zh.md": "zh",
    "_posts/en/2014-02-05-pg-en.md": "en",
    "_posts/zh/2014-02-05-pg-zh.md": "zh",
    "_posts/de/2014-02-05-pg-de.md": "de",
    "_posts/hant/2014-02-05-pg-hant.md": "hant",
    "_posts/zh/2025-01-16-moral-zh.md": "zh",
    "_posts/de/2025-01-16-moral-de.md": "de",
    "_posts/hant/2025-01-16-moral-hant.md": "hant",
  };
  for (const [path, lang] of Object.entries(files)) repo.write(path, post({ lang, title: path }, `${path}\n`));
  repo.write("notes/2025-02-10-x64-assembly-conv.md", "scratch\n");
  repo.commit("Blog");
  return repo;
}

const config = () => JSON.parse(readFileSync(join(repo.dir, CONFIG), "utf8"));

function environment(): Record<string, string> {
  const env = repo.env();
  const keep = ["PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_NOSYSTEM", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"];
  return { ...Object.fromEntries(keep.map((k) => [k, env[k] ?? ""])), LANG: "C.UTF-8", LC_ALL: "C.UTF-8", TERM: "xterm-256color" };
}

describe("transtrack init on a Jekyll blog", () => {
  it("without a terminal writes what it detected, then status links every file; it refuses to overwrite without --force", () => {
    blog();
    const init = runCli(["init"], repo.dir, repo.env());
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("notes/2025-02-10-x64-assembly-conv.md");
    expect(config()).toMatchObject({
      sourceLanguage: "zh",
      languages: ["de", "en", "hant", "zh"],
      sourcePriority: ["zh", "en"],
      layouts: [{ source: ["notes/{path}-{lang}.md", "original/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }],
    });
    const status = runCli(["status", "--json"], repo.dir, repo.env());
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout) as { translations: { translation: string | null; source: string | null; status: string; copy?: boolean }[] };
    expect(report.translations.map((e) => [e.translation, e.source, e.status, e.copy ?? false])).toEqual([
      ["_posts/de/2025-01-16-moral-de.md", "notes/2025-01-16-moral-zh.md", "up-to-date", false],
      ["_posts/de/2014-02-05-pg-de.md", "original/2014-02-05-pg-zh.md", "up-to-date", false],
      [null, "notes/2025-01-16-moral-zh.md", "missing", false],
      ["_posts/en/2014-02-05-pg-en.md", "original/2014-02-05-pg-en.md", "up-to-date", true],
      ["_posts/hant/2025-01-16-moral-hant.md", "notes/2025-01-16-moral-zh.md", "up-to-date", false],
      ["_posts/hant/2014-02-05-pg-hant.md", "original/2014-02-05-pg-zh.md", "up-to-date", false],
      ["_posts/zh/2025-01-16-moral-zh.md", "notes/2025-01-16-moral-zh.md", "up-to-date", true],
      ["_posts/zh/2014-02-05-pg-zh.md", "original/2014-02-05-pg-zh.md", "up-to-date", true],
    ]);
    const verbose = runCli(["status", "--verbose"], repo.dir, repo.env());
    expect(verbose.stderr).toContain("notes/2025-02-10-x64-assembly-conv.md");
    expect(runFailure(["init"], repo.dir, repo.env())).toMatchObject({ code: 2, error: expect.stringMatching(/:CONFIG_EXISTS$/) });
    expect(runCli(["init", "--force", "--yes"], repo.dir, repo.env()).code).toBe(0);
  });

  it.skipIf(!HAS_TMUX)("in a terminal asks before writing: no leaves the repository as it was, yes writes", async () => {
    blog();
    pty = startPty([process.execPath, CLI, "init"], repo.dir, environment());
    await pty.waitFor((s) => s.includes(`${CONFIG}?`), "the question");
    pty.type("n");
    expect(await pty.exitCode()).toBe(0);
    expect(existsSync(join(repo.dir, CONFIG))).toBe(false);
    pty.close();

    pty = startPty([process.execPath, CLI, "init"], repo.dir, environment());
    const screen = await pty.waitFor((s) => s.includes(`${CONFIG}?`), "the question");
    expect(screen).toContain("_posts/{lang}/{path}-{lang}.md");
    pty.type("y");
    expect(await pty.exitCode()).toBe(0);
    expect(config().sourcePriority).toEqual(["zh", "en"]);
  });

  it.skipIf(!HAS_TMUX)("in a terminal with --yes writes without asking", async () => {
    blog();
    pty = startPty([process.execPath, CLI, "init", "--yes"], repo.dir, environment());
    expect(await pty.exitCode()).toBe(0);
    expect(pty.screen()).not.toContain(`${CONFIG}?`);
    expect(config().languages).toEqual(["de", "en", "hant", "zh"]);
  });
});
