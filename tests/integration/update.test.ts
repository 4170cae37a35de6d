import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PromptCancelledError, type Prompter } from "../../src/update/prompter.js";
import { GitRepo } from "../../src/git/repo.js";
import { analyzeRepo, type StatusOptions } from "../../src/status/get-status.js";
import { markTranslations } from "../../src/status/mark.js";
import type { UpdateItem } from "../../src/update/items.js";
import { loadItems } from "../../src/update/load-items.js";
import type { SessionEvent } from "../../src/update/events.js";
import { runSession } from "../../src/update/session.js";
import { createStore } from "../../src/update/store.js";
import { STALE, staleSite, type StaleSite } from "../helpers/stale-site.js";

let site: StaleSite;
let git: GitRepo | null = null;
afterEach(async () => {
  await git?.close();
  git = null;
  site?.repo.cleanup();
});

const read = (path: string) => readFileSync(join(site.repo.dir, path), "utf8");

/** The file as it was, with `source_commit: sha` as the last front-matter line (in the file's own line ending). */
function withSourceCommit(text: string, sha: string): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const close = text.indexOf(`${eol}---${eol}`);
  return `${text.slice(0, close)}${eol}source_commit: ${sha}${text.slice(close)}`;
}

async function open(options: Partial<StatusOptions> = {}) {
  site = staleSite();
  git = await GitRepo.open(site.repo.dir, site.repo.env());
  const status: StatusOptions = { cwd: site.repo.dir, env: site.repo.env(), cache: false, ...options };
  const analysis = await analyzeRepo(git, status);
  const items = await loadItems(git, analysis);
  return { items, store: createStore(git, analysis, status) };
}

function scripted(answers: (string | boolean)[]): Prompter {
  return {
    async chooseKey() {
      const a = answers.shift();
      if (a === undefined) throw new PromptCancelledError();
      return a as never;
    },
    async confirm() {
      return answers.shift() as boolean;
    },
  };
}

async function session(items: UpdateItem[], store: ReturnType<typeof createStore>, answers: (string | boolean)[], commit = false) {
  const events: SessionEvent[] = [];
  const result = await runSession(items, {
    prompter: scripted(answers),
    t: (k) => k,
    show: (e) => void events.push(e),
    edit: async (item) => {
      appendFileSync(join(site.repo.dir, item.entry.translation), "Neu übersetzt.\n");
      return { kind: "ok" };
    },
    page: async () => ({ kind: "ok" }),
    store,
    commit,
  });
  return { result, events };
}

describe("update items", () => {
  it("are the stale translations in status's order, with their commits, the original's two versions and the text on disk", async () => {
    const { items } = await open();
    expect(items.map((i) => i.entry.translation)).toEqual([...STALE]);
    const beta = items[0]!;
    expect(beta.commits.map((c) => c.subject)).toEqual(["Say goodbye in beta", "Greet everyone in beta"]);
    expect(beta.commits[0]).toMatchObject({ sha: site.sourceCommit["posts/de/beta.md"], short: site.sourceCommit["posts/de/beta.md"]!.slice(0, 7) });
    expect(beta.commits.map((c) => c.date)).toEqual([site.repo.git("log", "-1", "--format=%cs", "HEAD~1"), site.repo.git("log", "-1", "--format=%cs", "HEAD~2")]);
    expect(beta.change.before).toContain("Beta says hello.\n");
    expect(beta.change.after).toContain("And goodbye.\n");
    expect(beta.text).toBe(site.before.get("posts/de/beta.md"));
    expect(beta.entry.sourceCommit).toBe(site.sourceCommit["posts/de/beta.md"]);
  });

  it("narrow to --lang and to paths", async () => {
    const zh = await open({ languages: ["zh"] });
    expect(zh.items.map((i) => i.entry.translation)).toEqual(["posts/zh/alpha.md"]);
    await git!.close();
    site.repo.cleanup();
    const beta = await open({ paths: ["posts/de/beta.md"] });
    expect(beta.items.map((i) => i.entry.translation)).toEqual(["posts/de/beta.md"]);
  });
});

describe("update session on a real repository", () => {
  it("changes the files only by the edits and the source_commit lines, and commits nothing without --commit", async () => {
    const { items, store } = await open();
    const head = site.repo.git("rev-parse", "HEAD");
    const { result } = await session(items, store, ["m", "e", true, "s", "m"]);
    expect(result.summary.counts).toEqual({ edited: 1, marked: 2, skipped: 1, resolved: 0, left: 0 });
    const quoted = STALE[2];
    for (const [path, before] of site.before) {
      const expected =
        path === "posts/de/alpha.md"
          ? withSourceCommit(before, site.sourceCommit[path]!) + "Neu übersetzt.\n"
          : path === "posts/de/beta.md" || path === "posts/zh/alpha.md"
            ? withSourceCommit(before, site.sourceCommit[path]!)
            : before;
      expect(read(path), path).toBe(expected);
    }
    expect(read(quoted)).toBe(site.before.get(quoted));
    expect(site.repo.git("rev-parse", "HEAD")).toBe(head);
    // The CRLF file keeps its line endings.
    expect(read("posts/de/beta.md")).not.toMatch(/[^\r]\n/);
  });

  it("with --commit commits each marked translation alone, named after the original and its commit", async () => {
    const { items, store } = await open();
    // Someone else's work in progress: a staged and an unstaged change, neither to be committed.
    site.repo.write("posts/en/gamma.md", `${site.before.get("posts/en/gamma.md")}\nStaged.\n`);
    site.repo.git("add", "posts/en/gamma.md");
    writeFileSync(join(site.repo.dir, "posts/de/gamma.md"), `${site.before.get("posts/de/gamma.md")}Unstaged.\n`);
    const head = site.repo.git("rev-parse", "HEAD");
    await session(items, store, ["s", "m", "e", true], true);
    const log = site.repo.git("log", "--format=%s", `${head}..HEAD`).split("\n");
    const quotes = site.sourceCommit[STALE[2]]!.slice(0, 7);
    const alpha = site.sourceCommit["posts/de/alpha.md"]!.slice(0, 7);
    expect(log).toEqual([`Sync de translation of posts/en/it's a "post".md with ${quotes}`, `Sync de translation of posts/en/alpha.md with ${alpha}`]);
    const files = (rev: string) => site.repo.git("show", "-z", "--name-only", "--format=", rev).split("\0").filter(Boolean);
    expect(files("HEAD~1")).toEqual(["posts/de/alpha.md"]);
    expect(files("HEAD")).toEqual([`posts/de/it's a "post".md`]);
    expect(site.repo.git("show", "HEAD:posts/de/it's a \"post\".md")).toContain("Neu übersetzt.");
    expect(site.repo.git("status", "--porcelain", "--", "posts/en/gamma.md", "posts/de/gamma.md", "posts/de/beta.md")).toBe(" M posts/de/gamma.md\nM  posts/en/gamma.md");
  });

  it("does not overwrite a file changed on disk: it re-reads it and marks what is there now", async () => {
    const { items, store } = await open();
    const changed = site.before.get("posts/de/alpha.md")!.replace("Der erste Absatz.", "Der erste Absatz, von jemand anderem geändert.");
    writeFileSync(join(site.repo.dir, "posts/de/alpha.md"), changed);
    const { events, result } = await session(items.filter((i) => i.entry.translation === "posts/de/alpha.md"), store, ["m", "m"]);
    const notices = events.filter((e) => e.type === "notice").map((e) => (e as { code: string }).code);
    expect(notices).toEqual(["FILE_CHANGED", "MARKED"]);
    expect(read("posts/de/alpha.md")).toBe(withSourceCommit(changed, site.sourceCommit["posts/de/alpha.md"]!));
    expect(result.outcomes).toEqual(["marked"]);
  });

  it("counts a translation marked by someone else meanwhile as resolved, and writes nothing", async () => {
    const { items, store } = await open();
    await markTranslations({ cwd: site.repo.dir, env: site.repo.env(), translations: ["posts/de/alpha.md"] });
    const marked = read("posts/de/alpha.md");
    const { result } = await session(items.filter((i) => i.entry.translation === "posts/de/alpha.md"), store, ["m"]);
    expect(result.outcomes).toEqual(["resolved"]);
    expect(read("posts/de/alpha.md")).toBe(marked);
  });
});
