import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newEntry } from "../../src/core/types.js";
import { execWords } from "../../src/update/exec-command.js";
import type { ExecEvent, ExecResult } from "../../src/update/exec-events.js";
import type { ExecJob } from "../../src/update/exec-jobs.js";
import { runPipeline, type ExecDeps } from "../../src/update/exec-pipeline.js";
import { allEnded, translators, type TranslatorName, type Translators } from "../helpers/translators.js";

const KEYS = { lang: "lang", translationOf: "translation_of", translationKey: "translation_key", sourceCommit: "source_commit" };
const SHA = "a".repeat(40);
const BEFORE = "---\ntitle: Alt # a comment\r\nlang: de\n---\nAlter Text.\n";

let root: string;
let tools: Translators;
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  tools?.cleanup();
});

/** A work tree with one original, its stale German translation, and no French one yet. */
function setUp(): void {
  root = realpathSync(mkdtempSync(join(tmpdir(), "transtrack-exec-")));
  write("posts/en/a.md", "---\ntitle: A\n---\nNew text.\n");
  write("posts/de/a.md", BEFORE);
  tools = translators();
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

function job(kind: "stale" | "missing", translation: string): ExecJob {
  const lang = translation.split("/")[1]!;
  const entry = newEntry({ lang, source: "posts/en/a.md", translation: kind === "stale" ? translation : null, status: kind, sourceCommit: SHA });
  return { kind, entry, lang, source: "posts/en/a.md", translation, sourceLang: "en", baseline: kind === "stale" ? "b".repeat(40) : null, commit: SHA };
}

const STALE_JOB = job("stale", "posts/de/a.md");
const MISSING_JOB = job("missing", "posts/fr/new/deep/a.md");

async function run(words: string[], jobs: ExecJob[], options: Partial<ExecDeps> = {}): Promise<{ results: (ExecResult | null)[]; events: ExecEvent[]; ending: string }> {
  const events: ExecEvent[] = [];
  const result = await runPipeline(jobs, {
    root,
    words,
    env: { PATH: process.env.PATH },
    keys: KEYS,
    jobs: 2,
    keepGoing: true,
    stop: new AbortController().signal,
    diffFile: async (_, i) => {
      const path = join(root, `.diff-${i}`);
      writeFileSync(path, "--- a\n+++ b\n");
      return path;
    },
    show: (e) => events.push(e),
    ...options,
  });
  return { results: result.results, events, ending: result.ending };
}

const fake = (name: TranslatorName) => execWords(tools.command(name));
const codes = (results: (ExecResult | null)[]) => results.map((r) => (r === null ? null : r.ok ? "ok" : r.code));

describe("runPipeline", () => {
  it("records source_commit after a good run, editing only that line of what the translator wrote", async () => {
    setUp();
    const { results } = await run(fake("rewrite"), [STALE_JOB, MISSING_JOB]);
    expect(codes(results)).toEqual(["ok", "ok"]);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(`---\nlang: de\ngenerated: true\nmodel: fake/model-1 # kept\ntitle: '[de] translated'\nsource_commit: ${SHA}\n---\n[de] New text.\n`);
    expect(readFileSync(join(root, MISSING_JOB.translation), "utf8")).toContain(`source_commit: ${SHA}\n`);
  });

  it("records a nested marker key (MDN's l10n.sourceCommit) as a nested block", async () => {
    setUp();
    const { results } = await run(fake("rewrite"), [STALE_JOB], { keys: { ...KEYS, sourceCommit: "l10n.sourceCommit" } });
    expect(codes(results)).toEqual(["ok"]);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toContain(`\nl10n:\n  sourceCommit: ${SHA}\n---\n`);
  });

  it.each([
    ["fail", ["EXIT_STATUS", "EXIT_STATUS"]],
    ["broken", ["INVALID", "INVALID"]],
    ["delete", ["NO_FILE", "NO_FILE"]],
    ["noop", ["UNCHANGED", "NO_FILE"]],
  ] as const)("judges a translator that does %s as failed (%j), and puts back each file, or no file, as it was", async (name, expected) => {
    setUp();
    const { results } = await run(fake(name), [STALE_JOB, MISSING_JOB]);
    expect(codes(results)).toEqual(expected);
    expect(results.every((r) => r !== null && !r.ok && r.restored)).toBe(true);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(BEFORE);
    // The folders made for the missing translation are gone again, down to the first that existed.
    expect(existsSync(join(root, "posts/fr"))).toBe(false);
    expect(existsSync(join(root, "posts/en/a.md"))).toBe(true);
  });

  it("tells the exit status, the problem of an invalid post, and the last stderr lines", async () => {
    setUp();
    const failed = (await run(fake("fail"), [STALE_JOB])).results[0]!;
    expect(failed).toMatchObject({ ok: false, code: "EXIT_STATUS", args: { status: 3 } });
    expect(!failed.ok && failed.stderr).toEqual(Array.from({ length: 10 }, (_, i) => `error line ${i + 6}`));
    const broken = (await run(fake("broken"), [STALE_JOB])).results[0]!;
    expect(broken).toMatchObject({ ok: false, code: "INVALID", args: { problem: "INVALID_FRONT_MATTER" } });
  });

  it("records nothing when the file written says another language, as a copy of the original would", async () => {
    setUp();
    const copy = [process.execPath, "-e", "require('fs').writeFileSync(process.env.TRANSTRACK_TRANSLATION, '---\\nlang: en\\ntitle: Copied\\n---\\nNew text.\\n')"];
    const { results } = await run(copy, [STALE_JOB]);
    expect(results[0]).toMatchObject({ ok: false, code: "WRONG_LANG", args: { lang: "en", expected: "de", key: "lang" } });
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(BEFORE);
  });

  it("ends a run past its timeout, with its process group", async () => {
    setUp();
    const { results } = await run(fake("hang"), [STALE_JOB], { timeoutMs: 300 });
    expect(codes(results)).toEqual(["TIMEOUT"]);
    expect(await allEnded(tools.orphans())).toBe(true);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(BEFORE);
  });

  it("tells a command that can't start, and one killed by a signal", async () => {
    setUp();
    expect(codes((await run([join(root, "no such translator")], [STALE_JOB])).results)).toEqual(["NOT_FOUND"]);
    expect(codes((await run([process.execPath, "-e", "process.kill(process.pid, 'SIGKILL')"], [STALE_JOB])).results)).toEqual(["KILLED"]);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(BEFORE);
  });

  it("neither runs for nor replaces a translation that is a link", async () => {
    setUp();
    rmSync(join(root, "posts/de/a.md"));
    symlinkSync("../en/a.md", join(root, "posts/de/a.md"));
    const { results } = await run(fake("rewrite"), [STALE_JOB]);
    expect(results[0]).toMatchObject({ ok: false, code: "SETUP_FAILED", args: { error: "EXEC_NOT_A_FILE" } });
    expect(tools.calls()).toEqual([]);
    expect(lstatSync(join(root, "posts/de/a.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, "posts/de/a.md"))).toBe("../en/a.md");
  });

  it("launches nothing after a failure without keep-going, and at most `jobs` at a time", async () => {
    setUp();
    const jobs = [STALE_JOB, MISSING_JOB, job("missing", "posts/es/a.md")];
    const { results, events } = await run(fake("fail"), jobs, { keepGoing: false, jobs: 1 });
    expect(codes(results)).toEqual(["EXIT_STATUS", null, null]);
    expect(events.filter((e) => e.type === "launch")).toHaveLength(1);
    const many = await run(fake("rewrite"), jobs, { jobs: 2 });
    expect(Math.max(...many.events.map((e) => ("counts" in e ? e.counts.running : 0)))).toBe(2);
  });

  it("on stop, ends what runs, puts it back, records what finished and launches nothing more", async () => {
    setUp();
    write("posts/es/a.md", "---\nlang: es\n---\nViejo.\n");
    const controller = new AbortController();
    const jobs = [job("stale", "posts/de/alpha.md"), STALE_JOB, job("stale", "posts/es/a.md"), MISSING_JOB];
    write("posts/de/alpha.md", "---\nlang: de\n---\nAlt.\n");
    const { results, ending } = await run(fake("hangUnlessAlpha"), jobs, {
      jobs: 2,
      stop: controller.signal,
      // Ctrl-C as soon as alpha is recorded, while the second run hangs.
      show: (e) => {
        if (e.type === "finish" && e.result.ok) controller.abort();
      },
    });
    expect(ending).toBe("interrupted");
    expect(codes(results)).toEqual(["ok", "INTERRUPTED", null, null]);
    expect(readFileSync(join(root, "posts/de/alpha.md"), "utf8")).toContain(`source_commit: ${SHA}`);
    expect(readFileSync(join(root, "posts/de/a.md"), "utf8")).toBe(BEFORE);
    expect(readFileSync(join(root, "posts/es/a.md"), "utf8")).toBe("---\nlang: es\n---\nViejo.\n");
    expect(existsSync(join(root, "posts/fr"))).toBe(false);
    expect(await allEnded(tools.orphans())).toBe(true);
  });
});
