// Hostile posts and misconfigured CI, one repro per case: the built CLI on real repositories.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, runFailure } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const ORIGINAL = "---\ntitle: A\n---\nbody\n";

/** A YAML alias bomb: `levels` anchors, each a list of nine aliases of the one before, `title` the last. */
export function aliasBomb(levels: number): string {
  const names = "abcdefghijklmnopqrstuvwxyz".slice(0, levels).split("");
  const lines = [`a: &a [${Array(9).fill("lol").join(", ")}]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
  return `---\n${lines.join("\n")}\ntitle: *${names[names.length - 1]}\n---\nbody\n`;
}

/** A repository whose one German translation is stale: its original gained a line after it. */
function staleOne(): void {
  repo = createRepo();
  repo.write("posts/en/a.md", ORIGINAL);
  repo.write("posts/de/a.md", ORIGINAL);
  repo.commit("init");
  repo.write("posts/en/a.md", `${ORIGINAL}more\n`);
  repo.commit("change");
}

function json(args: string[], cwd = repo.dir): { code: number | null; report: { translations: { translation: string | null; source: string | null; status: string; problems: { code: string }[] }[]; problems: { code: string; file: string }[] } } {
  const run = runCli(args, cwd, repo.env());
  return { code: run.code, report: JSON.parse(run.stdout || "null") };
}

describe("case 1: a YAML alias bomb", () => {
  it("makes the post invalid with a code in bounded time, and every other result still shows", () => {
    repo = createRepo();
    repo.write("posts/en/p.md", aliasBomb(9));
    repo.write("posts/de/p.md", ORIGINAL);
    repo.write("posts/en/q.md", ORIGINAL);
    repo.write("posts/de/q.md", ORIGINAL);
    repo.commit("init");
    repo.write("posts/en/p.md", `${aliasBomb(9)}more\n`);
    repo.commit("change");
    const { code, report } = json(["status", "--json"]);
    expect(code).toBe(0);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: "FRONT_MATTER_EXPANDS", file: "posts/en/p.md" }));
    expect(report.translations.find((e) => e.translation === "posts/de/q.md")?.status).toBe("up-to-date");
    const check = runCli(["check"], repo.dir, repo.env());
    expect(check.code).toBe(1);
  });

  it("makes a translation holding one invalid", () => {
    repo = createRepo();
    repo.write("posts/en/p.md", ORIGINAL);
    repo.write("posts/de/p.md", aliasBomb(9));
    repo.commit("init");
    const { report } = json(["status", "--json"]);
    const entry = report.translations.find((e) => e.translation === "posts/de/p.md");
    expect(entry?.status).toBe("invalid");
    expect(entry?.problems.map((p) => p.code)).toContain("FRONT_MATTER_EXPANDS");
  });
});

describe("case 5: a front-matter language named like an Object.prototype member", () => {
  it("is invalid, so check fails instead of passing the post unread", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    for (const language of ["constructor", "valueOf", "__lookupGetter__"]) {
      repo.write(`posts/de/${language}.md`, `---${language}\ntranslation_of: ../../etc/passwd\nsource_commit: --all\n---\nbody\n`);
    }
    repo.commit("init");
    const run = runCli(["check", "--format", "json"], repo.dir, repo.env());
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { violations: { code: string; translation: string }[] };
    expect(result.violations.filter((v) => v.code === "invalid").map((v) => v.translation).sort()).toEqual([
      "posts/de/__lookupGetter__.md",
      "posts/de/constructor.md",
      "posts/de/valueOf.md",
    ]);
    const { report } = json(["status", "--json"]);
    for (const entry of report.translations.filter((e) => e.translation !== null)) expect(entry.problems.map((p) => p.code)).toContain("INVALID_FRONT_MATTER");
  });
});

describe("case 3: a committed link into the git directory", () => {
  it("is never read, by any command, with or without --worktree", () => {
    repo = createRepo();
    repo.git("config", "http.https://example.com/.extraheader", "AUTHORIZATION: basic SECRET-TOKEN");
    repo.write("posts/de/leak.md", ORIGINAL);
    repo.write("posts/en/b.md", ORIGINAL);
    repo.write("untracked.txt", "SECRET-TOKEN\n");
    repo.write(".gitignore", "ignored.md\n");
    repo.write("ignored.md", "SECRET-TOKEN\n");
    repo.commit("init");
    symlinkSync("../../.git/config", join(repo.dir, "posts/en/leak.md"));
    symlinkSync("../../ignored.md", join(repo.dir, "posts/de/b.md"));
    repo.git("add", "posts");
    repo.git("commit", "-q", "-m", "links");
    for (const args of [["diff", "--worktree", "posts/de/leak.md"], ["diff", "posts/de/leak.md"], ["status", "--worktree", "--json"], ["status", "--json", "--all"], ["check", "--worktree", "--format", "json"], ["report", "--html", "out"], ["diff", "--worktree", "--word", "posts/de/leak.md"]]) {
      const run = runCli(args, repo.dir, repo.env());
      expect(`${run.stdout}${run.stderr}`, args.join(" ")).not.toContain("SECRET-TOKEN");
      expect([0, 1, 2], args.join(" ")).toContain(run.code);
    }
    expect(readFileSync(join(repo.dir, "out/index.html"), "utf8")).not.toContain("SECRET-TOKEN");
    const { report } = json(["status", "--json", "--worktree"]);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: "SYMLINK_OUTSIDE_REPO", file: "posts/en/leak.md" }));
    expect(report.translations.find((e) => e.translation === "posts/de/b.md")?.problems.map((p) => p.code)).toContain("SYMLINK_OUTSIDE_REPO");
  });
});

describe("case 6: a committed link to a FIFO in the work tree", () => {
  it("is not read, and no command waits on it", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/de/b.md", ORIGINAL);
    execFileSync("mkfifo", [join(repo.dir, "fifo")]);
    symlinkSync("../../fifo", join(repo.dir, "posts/de/a.md"));
    symlinkSync("../../fifo", join(repo.dir, "posts/en/b.md"));
    repo.git("add", "posts");
    repo.git("commit", "-q", "-m", "init");
    for (const args of [["status", "--json"], ["status", "--worktree", "--json"], ["check", "--worktree"], ["diff", "--worktree", "posts/de/b.md"]]) {
      const run = runCli(args, repo.dir, repo.env());
      expect(run.code, args.join(" ")).not.toBeNull();
      expect([0, 1, 2], args.join(" ")).toContain(run.code);
    }
    const { report } = json(["status", "--json"]);
    expect(report.translations.find((e) => e.translation === "posts/de/a.md")?.status).toBe("invalid");
  });
});

describe("case 2: a rewritten original", () => {
  const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `line ${i} ${word}\n`).join("");

  it("counts a 100k-line rewrite, and diff and report show a 10k-line one and a binary one", () => {
    repo = createRepo();
    repo.write("posts/en/big.md", `---\ntitle: t\n---\n${lines(100_000, "original")}`);
    repo.write("posts/de/big.md", ORIGINAL);
    repo.write("posts/en/mid.md", `---\ntitle: t\n---\n${lines(10_000, "original")}`);
    repo.write("posts/de/mid.md", ORIGINAL);
    const bytes = Buffer.alloc(3 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 251;
    repo.write("posts/en/bin.md", bytes);
    repo.write("posts/de/bin.md", ORIGINAL);
    repo.commit("init");
    repo.write("posts/en/big.md", `---\ntitle: t\n---\n${lines(100_000, "rewritten")}`);
    repo.write("posts/en/mid.md", `---\ntitle: t\n---\n${lines(10_000, "rewritten")}`);
    repo.write("posts/en/bin.md", Buffer.concat([bytes.subarray(1), Buffer.from([1])]));
    repo.commit("rewrite");
    const run = runCli(["status", "--json"], repo.dir, repo.env());
    const entries = (JSON.parse(run.stdout) as { translations: { translation: string; status: string; linesAdded: number; linesRemoved: number }[] }).translations;
    expect(entries.find((e) => e.translation === "posts/de/big.md")).toMatchObject({ status: "stale", linesAdded: 100_000, linesRemoved: 100_000 });
    expect(entries.find((e) => e.translation === "posts/de/bin.md")?.status).toBe("stale");
    const mid = runCli(["diff", "posts/de/mid.md"], repo.dir, repo.env());
    expect(mid.code).toBe(0);
    expect(mid.stdout.split("\n").filter((l) => l.startsWith("+line")).length).toBe(10_000);
    const midJson = runCli(["diff", "--json", "posts/de/mid.md"], repo.dir, repo.env());
    expect(JSON.parse(midJson.stdout)).toMatchObject({ mode: "line", shortest: false });
    const bin = runCli(["diff", "--json", "posts/de/bin.md"], repo.dir, repo.env());
    expect(JSON.parse(bin.stdout)).toMatchObject({ mode: "line", binary: true, hunks: [] });
    expect(runCli(["diff", "--word", "posts/de/bin.md"], repo.dir, repo.env()).code).toBe(0);
    expect(runCli(["report", "--html", "out"], repo.dir, repo.env()).code).toBe(0);
  });
});

describe("case 7: paths from a subdirectory", () => {
  it("are relative to the current directory for every command, as in git", () => {
    staleOne();
    const sub = join(repo.dir, "posts");
    expect(runCli(["status", "de/a.md"], sub, repo.env()).code).toBe(0);
    const diff = runCli(["diff", "de/a.md"], sub, repo.env());
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("+more");
    expect(runCli(["diff", "--json", "../de/a.md"], join(sub, "de"), repo.env()).code).toBe(0);
    expect(runCli(["mark", "de/a.md"], sub, repo.env()).code).toBe(0);
    expect(readFileSync(join(repo.dir, "posts/de/a.md"), "utf8")).toMatch(/^source_commit: [0-9a-f]{40}$/m);
    expect(runFailure(["diff", "posts/de/a.md"], sub, repo.env())).toMatchObject({ code: 2, error: "UsageError:PATH_MATCHES_NOTHING" });
  });
});

describe("case 8: nothing to check", () => {
  it("fails check with exit 2 and a hint; status says it on stderr and exits 0", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.commit("init");
    expect(runFailure(["check"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:NOTHING_TO_CHECK" });
    const status = runCli(["status", "--json"], repo.dir, repo.env());
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout).translations).toEqual([]);
    expect(status.stderr).not.toBe("");
    // A missing translation checks something when the policy fails on it.
    repo.write("transtrack.config.json", '{"languages": ["de"], "check": {"failOn": ["missing"]}}');
    expect(runCli(["check"], repo.dir, repo.env()).code).toBe(1);

    repo.write("posts/de/a.md", ORIGINAL);
    repo.write("transtrack.config.json", "{}");
    repo.commit("de");
    expect(runCli(["check"], repo.dir, repo.env()).code).toBe(0);
    expect(runFailure(["check", "--lang", "xx"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:LANG_MATCHES_NOTHING" });
    expect(runFailure(["check", "posts/dee"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:PATH_MATCHES_NOTHING" });
    expect(runFailure(["status", "posts/dee"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:PATH_MATCHES_NOTHING" });
    expect(runFailure(["status", "--lang", "xx"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:LANG_MATCHES_NOTHING" });
    expect(runFailure(["report", "--html", "out", "posts/dee"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:PATH_MATCHES_NOTHING" });
    for (const config of ['{"languages": ["fr"]}', '{"layouts": [{"translation": "content/{lang}/{path}"}]}']) {
      repo.write("transtrack.config.json", config);
      expect(runFailure(["check"], repo.dir, repo.env()), config).toMatchObject({ code: 2, error: "UsageError:NOTHING_TO_CHECK" });
    }
  });
});

describe("case 4: mark on a value it can't edit safely", () => {
  it("refuses with a code and changes nothing", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/en/b.md", ORIGINAL);
    const twoLines = '---\ntitle: "Hello\nsource_commit: 1111111111111111111111111111111111111111"\n---\nbody\n';
    const dashes = "---\ntitle: x\n----\nsource_commit: 1111111\n---\nbody\n";
    repo.write("posts/de/a.md", twoLines);
    repo.write("posts/de/b.md", dashes);
    repo.commit("init");
    expect(runFailure(["mark", "posts/de/a.md"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "FrontMatterEditError:UNSAFE_FRONT_MATTER_EDIT" });
    expect(readFileSync(join(repo.dir, "posts/de/a.md"), "utf8")).toBe(twoLines);
    expect([2]).toContain(runFailure(["mark", "posts/de/b.md"], repo.dir, repo.env()).code);
    expect(runFailure(["mark", "posts/de/b.md"], repo.dir, repo.env()).error).toMatch(/:(UNSAFE_FRONT_MATTER_EDIT|CANNOT_MARK)$/);
    expect(readFileSync(join(repo.dir, "posts/de/b.md"), "utf8")).toBe(dashes);
  });
});

describe("case 9: crashes are not usage errors", () => {
  it("makes every config error a field error", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/de/a.md", ORIGINAL);
    repo.commit("init");
    for (const config of ['{"layouts": [{"translation": "posts/{lang}/{path}/{path}"}]}', '{"layouts": [{"translation": "posts/{lang}/{path}.{ext}.{ext}"}]}', '{"layouts": [{"source": ["a/{path}", "b/{path}{path}"], "translation": "posts/{lang}/{path}"}]}']) {
      repo.write("transtrack.config.json", config);
      expect(runFailure(["check"], repo.dir, repo.env()), config).toMatchObject({ code: 2, error: "ConfigError:CONFIG_INVALID" });
    }
  });

  it("makes a write the file system refuses a WRITE_FAILED error, not a crash", () => {
    staleOne();
    const dir = join(repo.dir, "posts/de");
    // root ignores permissions but not the immutable flag; anyone else is stopped by the mode.
    const root = process.getuid?.() === 0;
    if (root) execFileSync("chattr", ["+i", dir]);
    else chmodSync(dir, 0o555);
    try {
      expect(runFailure(["mark", "posts/de/a.md"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "TranstrackError:WRITE_FAILED" });
    } finally {
      if (root) execFileSync("chattr", ["-i", dir]);
      else chmodSync(dir, 0o755);
    }
    expect(readFileSync(join(dir, "a.md"), "utf8")).toBe(ORIGINAL);
  });
});

describe("case 10: the low ones", () => {
  it("escapes ESC and BEL from file names in mark's output, annotations, markdown and the step summary", () => {
    repo = createRepo();
    const name = "e\u001b]0;pwn\u0007.md";
    repo.write(`posts/en/${name}`, ORIGINAL);
    repo.write(`posts/de/${name}`, ORIGINAL);
    repo.commit("init");
    repo.write(`posts/en/${name}`, `${ORIGINAL}more\n`);
    repo.commit("change");
    const summary = join(repo.dir, "..", `${repo.dir.split("/").pop()}-summary.md`);
    const github = runCli(["check"], repo.dir, { ...repo.env(), GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo.dir });
    expect(github.code).toBe(1);
    expect(github.stdout).toContain("::error file=");
    const markdown = runCli(["check", "--format", "markdown"], repo.dir, repo.env());
    const mark = runCli(["mark", `posts/de/${name}`], repo.dir, repo.env());
    expect(mark.code).toBe(0);
    const outputs = [github.stdout, github.stderr, readFileSync(summary, "utf8"), markdown.stdout, mark.stdout, mark.stderr];
    rmSync(summary, { force: true });
    for (const output of outputs) {
      expect(output).not.toMatch(/[\u0007\u001b]/);
    }
    expect(mark.stdout).toContain("\\x1b");
  });

  it("refuses to mark invalid UTF-8 or a CR-only file, with a code, and leaves them as they are", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/en/b.md", ORIGINAL);
    const bad = Buffer.from("---\ntitle: \xff\xfe\n---\nbody\n", "latin1");
    const crOnly = "---\rtitle: a\r---\rbody\r";
    repo.write("posts/de/a.md", bad);
    repo.write("posts/de/b.md", crOnly);
    repo.commit("init");
    expect(runFailure(["mark", "posts/de/a.md"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "TranstrackError:NOT_UTF8" });
    expect(readFileSync(join(repo.dir, "posts/de/a.md")).equals(bad)).toBe(true);
    expect(runFailure(["mark", "posts/de/b.md"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "UsageError:CANNOT_MARK" });
    expect(readFileSync(join(repo.dir, "posts/de/b.md"), "utf8")).toBe(crOnly);
  });

  it("removes temporary files a killed mark left behind, on the next write, and only stale ones of its own", () => {
    staleOne();
    const stale = join(repo.dir, "posts/de/.a.md.transtrack-0123456789ab.tmp");
    const fresh = join(repo.dir, "posts/de/.b.md.transtrack-ba9876543210.tmp");
    const other = join(repo.dir, "posts/de/.a.md.other-0123456789ab.tmp");
    for (const file of [stale, fresh, other]) writeFileSync(file, "half");
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(stale, hourAgo, hourAgo);
    utimesSync(other, hourAgo, hourAgo);
    expect(runCli(["mark", "posts/de/a.md"], repo.dir, repo.env()).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(other)).toBe(true);
  });

  it("never runs the repository's core.fsmonitor", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/de/a.md", ORIGINAL);
    repo.commit("init");
    const canary = join(repo.dir, "..", `${repo.dir.split("/").pop()}-fsmonitor-ran`);
    const hook = join(repo.dir, ".git", "fsmonitor-hook");
    writeFileSync(hook, `#!/bin/sh\ntouch '${canary}'\n`, { mode: 0o755 });
    repo.git("config", "core.fsmonitor", hook);
    try {
      for (const args of [["status"], ["check"], ["status", "--worktree"], ["diff", "posts/de/a.md"], ["mark", "posts/de/a.md"], ["report", "--html", "out"]]) {
        expect([0, 1], args.join(" ")).toContain(runCli(args, repo.dir, repo.env()).code);
      }
      expect(existsSync(canary)).toBe(false);
      // The hook does run for git itself, so the test can fail.
      repo.git("status", "--porcelain");
      expect(existsSync(canary)).toBe(true);
    } finally {
      rmSync(canary, { force: true });
    }
  });
});

describe("cases 3 and 6 for the config file", () => {
  it("never reads .git/config through a committed config link, nor waits on a FIFO, nor quotes a file that isn't JSON", () => {
    repo = createRepo();
    repo.git("config", "http.https://example.com/.extraheader", "AUTHORIZATION: basic SECRET-TOKEN");
    repo.write("posts/en/a.md", ORIGINAL);
    repo.write("posts/de/a.md", ORIGINAL);
    symlinkSync(".git/config", join(repo.dir, "transtrack.config.json"));
    repo.commit("init");
    const linked = runFailure(["check"], repo.dir, repo.env());
    expect(linked).toMatchObject({ code: 2, error: "ConfigError:CONFIG_UNREADABLE" });
    expect(linked.stderr).not.toContain("SECRET-TOKEN");
    rmSync(join(repo.dir, "transtrack.config.json"));
    execFileSync("mkfifo", [join(repo.dir, "transtrack.config.json")]);
    expect(runFailure(["status"], repo.dir, repo.env())).toMatchObject({ code: 2, error: "ConfigError:CONFIG_UNREADABLE" });
    rmSync(join(repo.dir, "transtrack.config.json"));
    repo.write("transtrack.config.json", "[http]\n\textraheader = SECRET-TOKEN\n");
    const notJson = runFailure(["status"], repo.dir, repo.env());
    expect(notJson).toMatchObject({ code: 2, error: "ConfigError:CONFIG_NOT_JSON" });
    expect(notJson.stderr.split("\n").filter((l) => !/^\s+at /.test(l) && !l.startsWith("SyntaxError")).join("\n")).not.toContain("SECRET-TOKEN");
  });
});
