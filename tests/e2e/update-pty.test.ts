import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI } from "../helpers/cli.js";
import { createRepo } from "../helpers/git-repo.js";
import { STALE, staleSite, type StaleSite } from "../helpers/stale-site.js";
import { HAS_TMUX, startPty, type Pty } from "../helpers/tmux.js";

const [BETA_DE, ALPHA_DE, QUOTED_DE, ALPHA_ZH] = STALE;
const KEYS = "[e,m,s,w,v,q,?]";

let site: StaleSite;
let pty: Pty | null = null;
let toolDir: string | null = null;
afterEach(() => {
  pty?.close();
  pty = null;
  site?.repo.cleanup();
  if (toolDir) rmSync(toolDir, { recursive: true, force: true });
  toolDir = null;
});

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Stand-in programs in a folder whose name needs quoting; each logs what it was given. */
function tools() {
  toolDir = mkdtempSync(join(tmpdir(), "transtrack-tools-"));
  const bin = join(toolDir, "edit tools");
  mkdirSync(bin, { recursive: true });
  const script = (name: string, body: string) => {
    const path = join(bin, name);
    writeFileSync(path, `import { appendFileSync, writeFileSync, readFileSync } from "node:fs";\nconst log = ${JSON.stringify(join(bin, `${name}.log`))};\n${body}\n`);
    // As a user would write it: the interpreter and the script, each quoted.
    return { command: `${quote(process.execPath)} ${quote(path)}`, log: `${path}.log` };
  };
  return {
    append: script("append.mjs", `appendFileSync(log, JSON.stringify(process.argv.slice(2)) + "\\n");\nappendFileSync(process.argv[2], "Neu übersetzt.\\n");`),
    fail: script("fail.mjs", `appendFileSync(log, JSON.stringify(process.argv.slice(2)) + "\\n");\nprocess.exit(1);`),
    slow: script("slow.mjs", `appendFileSync(log, "started\\n");\nsetTimeout(() => {}, 60000);`),
    pager: script("pager.mjs", `writeFileSync(log, readFileSync(0));`),
  };
}

function environment(extra: Record<string, string>): Record<string, string> {
  const env = site.repo.env();
  const keep = ["PATH", "HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_NOSYSTEM", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE"];
  return { ...Object.fromEntries(keep.map((k) => [k, env[k] ?? ""])), LANG: "C.UTF-8", LC_ALL: "C.UTF-8", TERM: "xterm-256color", ...extra };
}

function start(args: string[], extra: Record<string, string>, options: { redirectStdout?: string } = {}): Pty {
  pty = startPty([process.execPath, CLI, "update", ...args], site.repo.dir, environment(extra), options);
  return pty;
}

const read = (path: string) => readFileSync(join(site.repo.dir, path), "utf8");
const answered = (screen: string) => screen.split("\n").filter((l) => l.startsWith("✔ ")).length;
const lastLine = (screen: string) => screen.trimEnd().split("\n").at(-1) ?? "";
/** The choice is waiting for a key, for this translation. */
const choiceFor = (path: string) => (screen: string) => lastLine(screen).includes(path) && lastLine(screen).trimEnd().endsWith(KEYS);
const confirming = (screen: string) => /\(Y\/n\)\s*$/.test(lastLine(screen));

/** Types a key and Enter, and waits until it was answered and the next screen state is there. */
async function answer(p: Pty, key: string, next: (screen: string) => boolean, what: string): Promise<string> {
  const before = answered(p.screen());
  p.type(key);
  return p.waitFor((s) => answered(s) > before && next(s), what);
}

/** The file as it was, with `source_commit: sha` as the last front-matter line, in the file's own line ending. */
function withSourceCommit(text: string, sha: string): string {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const close = text.indexOf(`${eol}---${eol}`);
  return `${text.slice(0, close)}${eol}source_commit: ${sha}${text.slice(close)}`;
}

/** Every post is byte-identical to before, except those given. */
function expectFiles(changed: Record<string, string>): void {
  for (const [path, before] of site.before) expect(read(path), path).toBe(changed[path] ?? before);
}

describe.skipIf(!HAS_TMUX)("transtrack update in a real terminal", () => {
  it("walks every stale translation: m marks, e edits a file whose name needs quoting, s skips, q quits", async () => {
    site = staleSite();
    const t = tools();
    const head = site.repo.git("rev-parse", "HEAD");
    const p = start([], { EDITOR: t.append.command });
    // The order of status: most commits behind first.
    let screen = await p.waitFor(choiceFor(BETA_DE), "the first item");
    expect(screen).toMatch(/\[1\/4\] posts\/de\/beta\.md ← posts\/en\/beta\.md · .*2.* · .*2026-\d\d-\d\d/);
    expect(screen).toContain(site.sourceCommit[BETA_DE]!.slice(0, 7));
    expect(screen).toContain("Say goodbye in beta");
    expect(screen).toContain("+And goodbye.");

    await answer(p, "m", choiceFor(ALPHA_DE), "the second item");
    screen = await answer(p, "s", choiceFor(QUOTED_DE), "the third item");
    expect(screen).toMatch(/\[3\/4\] posts\/de\/it's a "post"\.md ← posts\/en\/it's a "post"\.md/);
    await answer(p, "e", confirming, "the mark question after editing");
    await answer(p, "", choiceFor(ALPHA_ZH), "the fourth item, after the default yes");
    await answer(p, "q", () => true, "quit");
    expect(await p.exitCode()).toBe(0);

    // The editor got the absolute path as its one argument.
    expect(readFileSync(t.append.log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as string[])).toEqual([[join(site.repo.dir, QUOTED_DE)]]);
    expectFiles({
      [BETA_DE]: withSourceCommit(site.before.get(BETA_DE)!, site.sourceCommit[BETA_DE]!),
      [QUOTED_DE]: `${withSourceCommit(site.before.get(QUOTED_DE)!, site.sourceCommit[QUOTED_DE]!)}Neu übersetzt.\n`,
    });
    expect(site.repo.git("rev-parse", "HEAD")).toBe(head);
    expect(site.repo.git("status", "--porcelain", "-z").split("\0").filter(Boolean).sort()).toEqual([` M ${BETA_DE}`, ` M ${QUOTED_DE}`].sort());
  });

  it("w toggles the word diff, ? lists the keys, v pipes the diff to $PAGER; nothing is written", async () => {
    site = staleSite();
    const t = tools();
    const p = start(["--lang", "de"], { EDITOR: t.append.command, PAGER: t.pager.command });
    let screen = await p.waitFor(choiceFor(BETA_DE), "the first item");
    // Colour in a terminal: the added line is green.
    expect(p.screen(true)).toMatch(/\u001b\[32m\+/);
    const lineHunks = (s: string) => s.split("\n").filter((l) => l.startsWith("@@ -")).length;
    const wordHeaders = (s: string) => s.split("\n").filter((l) => /^posts\/en\/beta\.md \([0-9a-f]{12} → HEAD\)$/.test(l)).length;
    expect([lineHunks(screen), wordHeaders(screen)]).toEqual([1, 0]);

    screen = await answer(p, "w", choiceFor(BETA_DE), "the word diff");
    expect([lineHunks(screen), wordHeaders(screen)]).toEqual([1, 1]);
    screen = await answer(p, "w", choiceFor(BETA_DE), "the line diff again");
    expect([lineHunks(screen), wordHeaders(screen)]).toEqual([2, 1]);

    screen = await answer(p, "?", choiceFor(BETA_DE), "the help");
    for (const key of ["e", "m", "s", "w", "v", "q", "?"]) expect(screen).toMatch(new RegExp(`^  ${key.replace("?", "\\?")}  \\S`, "m"));

    await answer(p, "w", choiceFor(BETA_DE), "the word diff");
    await answer(p, "v", choiceFor(BETA_DE), "the choice after the pager");
    const paged = readFileSync(t.pager.log, "utf8");
    expect(paged).toMatch(/posts\/en\/beta\.md \([0-9a-f]{12} → HEAD\)/);
    expect(paged).toContain("And goodbye.");

    // The word mode stays for the next item.
    screen = await answer(p, "s", choiceFor(ALPHA_DE), "the second item");
    expect(lineHunks(screen)).toBe(2);
    expect(screen).toMatch(/^posts\/en\/alpha\.md \([0-9a-f]{12} → HEAD\)$/m);
    await answer(p, "q", () => true, "quit");
    expect(await p.exitCode()).toBe(0);
    expect(existsSync(t.append.log)).toBe(false);
    expectFiles({});
  });

  it("after an editor that changed nothing, shows the change again and asks with No as the default; a wrong key is cleared", async () => {
    site = staleSite();
    const t = tools();
    const p = start([], { EDITOR: `${quote(process.execPath)} -e ""` });
    await p.waitFor(choiceFor(BETA_DE), "the first item");
    // A key that is no choice: the hint shows, and the letter does not stay in the input.
    p.type("x");
    let screen = await p.waitFor((s) => lastLine(s).startsWith("> "), "the invalid-key hint");
    const choiceLine = screen.trimEnd().split("\n").at(-2) ?? "";
    expect(choiceLine.trimEnd().endsWith(KEYS)).toBe(true);
    const headers = (s: string) => s.split("\n").filter((l) => l.startsWith("[1/4] posts/de/beta.md ←")).length;
    expect(headers(screen)).toBe(1);
    screen = await answer(p, "e", (s) => /\(y\/N\)\s*$/.test(lastLine(s)), "the mark question, default no");
    // The change is on screen again above the question.
    expect(headers(screen)).toBe(2);
    await answer(p, "", choiceFor(BETA_DE), "the same choice after the default no");
    await answer(p, "q", () => true, "quit");
    expect(await p.exitCode()).toBe(0);
    expect(existsSync(t.append.log)).toBe(false);
    expectFiles({});
  });

  it("an editor that exits non-zero changes nothing and returns to the choice", async () => {
    site = staleSite();
    const t = tools();
    const p = start([], { VISUAL: t.fail.command, EDITOR: t.append.command });
    await p.waitFor(choiceFor(BETA_DE), "the first item");
    await answer(p, "e", choiceFor(BETA_DE), "the same choice again");
    await answer(p, "q", () => true, "quit");
    expect(await p.exitCode()).toBe(0);
    // $VISUAL wins over $EDITOR, and got the path.
    expect(readFileSync(t.fail.log, "utf8").trim()).toBe(JSON.stringify([join(site.repo.dir, BETA_DE)]));
    expect(existsSync(t.append.log)).toBe(false);
    expectFiles({});
  });

  it("Ctrl-C at the choice ends the session with exit 130; what was marked stays", async () => {
    site = staleSite();
    const t = tools();
    const p = start([], { EDITOR: t.append.command });
    await p.waitFor(choiceFor(BETA_DE), "the first item");
    await answer(p, "m", choiceFor(ALPHA_DE), "the second item");
    p.key("C-c");
    expect(await p.exitCode()).toBe(130);
    const screen = p.screen();
    expect(screen).not.toMatch(/Error|    at /);
    expectFiles({ [BETA_DE]: withSourceCommit(site.before.get(BETA_DE)!, site.sourceCommit[BETA_DE]!) });
  });

  it("Ctrl-C while the editor runs ends the session with exit 130 and marks nothing", async () => {
    site = staleSite();
    const t = tools();
    const p = start([], { EDITOR: t.slow.command });
    await p.waitFor(choiceFor(BETA_DE), "the first item");
    p.type("e");
    await p.waitFor(() => existsSync(t.slow.log), "the editor to start");
    p.key("C-c");
    expect(await p.exitCode()).toBe(130);
    expectFiles({});
  });

  it("--commit commits each marked translation alone, with a message naming the original and its commit", async () => {
    site = staleSite();
    const t = tools();
    const head = site.repo.git("rev-parse", "HEAD");
    const p = start(["--commit"], { EDITOR: t.append.command });
    await p.waitFor(choiceFor(BETA_DE), "the first item");
    await answer(p, "m", choiceFor(ALPHA_DE), "the second item");
    await answer(p, "e", confirming, "the mark question");
    await answer(p, "y", choiceFor(QUOTED_DE), "the third item");
    await answer(p, "q", () => true, "quit");
    expect(await p.exitCode()).toBe(0);
    const subjects = site.repo.git("log", "--format=%s", `${head}..HEAD`).split("\n");
    expect(subjects).toEqual([
      `Sync de translation of posts/en/alpha.md with ${site.sourceCommit[ALPHA_DE]!.slice(0, 7)}`,
      `Sync de translation of posts/en/beta.md with ${site.sourceCommit[BETA_DE]!.slice(0, 7)}`,
    ]);
    const files = (rev: string) => site.repo.git("show", "-z", "--name-only", "--format=", rev).split("\0").filter(Boolean);
    expect(files("HEAD")).toEqual([ALPHA_DE]);
    expect(files("HEAD~1")).toEqual([BETA_DE]);
    expect(site.repo.git("status", "--porcelain")).toBe("");
    expectFiles({
      [BETA_DE]: withSourceCommit(site.before.get(BETA_DE)!, site.sourceCommit[BETA_DE]!),
      [ALPHA_DE]: `${withSourceCommit(site.before.get(ALPHA_DE)!, site.sourceCommit[ALPHA_DE]!)}Neu übersetzt.\n`,
    });
  });

  it("a translation changed on disk meanwhile is not overwritten: it is read again and shown again", async () => {
    site = staleSite();
    const t = tools();
    const p = start(["--lang", "zh"], { EDITOR: t.append.command });
    let screen = await p.waitFor(choiceFor(ALPHA_ZH), "the first item");
    const changed = `${site.before.get(ALPHA_ZH)!}别人加的一行。\n`;
    writeFileSync(join(site.repo.dir, ALPHA_ZH), changed);
    const headers = (s: string) => s.split("\n").filter((l) => l.startsWith("[1/1] posts/zh/alpha.md ←")).length;
    expect(headers(screen)).toBe(1);
    screen = await answer(p, "m", choiceFor(ALPHA_ZH), "the item shown again");
    expect(headers(screen)).toBe(2);
    expect(read(ALPHA_ZH)).toBe(changed);
    await answer(p, "m", () => true, "the mark");
    expect(await p.exitCode()).toBe(0);
    expectFiles({ [ALPHA_ZH]: withSourceCommit(changed, site.sourceCommit[ALPHA_ZH]!) });
  });

  it("with nothing stale, says so and exits 0 without asking", async () => {
    const repo = createRepo();
    repo.write("posts/en/a.md", "---\ntitle: A\n---\nText.\n");
    repo.write("posts/de/a.md", "---\ntitle: A\nlang: de\n---\nText.\n");
    repo.commit("Add a post and its translation");
    site = { repo, sourceCommit: {}, before: new Map() };
    const p = start([], {});
    expect(await p.exitCode()).toBe(0);
    expect(p.screen()).not.toContain(KEYS);
  });

  it("refuses with exit 2 when stdout is not a terminal", async () => {
    site = staleSite();
    const p = start([], {}, { redirectStdout: join(tools().pager.log, "..", "stdout.txt") });
    expect(await p.exitCode()).toBe(2);
    expect(p.screen()).toMatch(/transtrack status/);
    expectFiles({});
  });
});

describe("transtrack update without a terminal", () => {
  it("refuses with exit 2, pointing to status, diff and mark, and writes nothing", () => {
    site = staleSite();
    const result = spawnSync(process.execPath, [CLI, "update"], { cwd: site.repo.dir, env: environment({}), encoding: "utf8", input: "m\n" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    for (const command of ["transtrack status", "transtrack diff", "transtrack mark"]) expect(result.stderr).toContain(command);
    expectFiles({});
  });
});
