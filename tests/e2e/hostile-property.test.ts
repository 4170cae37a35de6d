// Property-based: hostile posts, front-matter and names from strangers' pull requests, through the built CLI.
// Every command must end within a fixed budget (a hang guard, not a timing assertion) with a documented
// exit code; nothing outside the repository (a canary file) nor in the git directory may show; and
// `mark` either writes a re-readable, byte-minimal edit or changes nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/posts/front-matter.js";
import { CLI } from "../helpers/cli.js";
import { createRepo } from "../helpers/git-repo.js";

/** Seconds any one command may take on a post of this size: generous, only so that a hang fails. */
const BUDGET_MS = 30_000;
/** Exit codes a command may end with on hostile input: success, findings, usage/config/repository error. */
const DOCUMENTED = [0, 1, 2];

const outside = mkdtempSync(join(tmpdir(), "transtrack-canary-"));
const CANARY = `CANARY-${process.pid}-7f3a`;
const canaryFile = join(outside, "canary.md");
writeFileSync(canaryFile, `---\ntitle: ${CANARY}\n---\n${CANARY}\n`);
const SECRET = `GITCONFIG-${process.pid}-91c2`;
afterAll(() => rmSync(outside, { recursive: true, force: true }));

const hex40 = fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 40, maxLength: 40 });
const link = fc.constantFrom("../../etc/passwd", "/etc/passwd", canaryFile, "../../../canary.md", ".git/config", "posts/en/a.md", "posts/en/h.md", "--all", "-rf", "", "posts/en/", "posts/en/a.md\nx: 1");
const scalar = fc.oneof(
  fc.constantFrom("--all", "-n", "'quoted'", '"two\nlines"', '"Hello', "|", ">-", "&a x", "*a", "*nope", "!!js/function 'x'", "!!binary AAAA", "!!python/object x", "~", "null", "0x1F", "012345", "1e400", "2024-13-45", "{a: [b, {c: d}]}", "[[[[[]]]]]", "\u001b]0;pwn\u0007", "\u0000", "\\u0000", "é", "\uFEFF"),
  fc.string({ maxLength: 12 }),
  hex40,
);
const key = fc.constantFrom("title", "description", "lang", "translation_of", "translation_key", "source_commit", "<<", "? complex", "__proto__", "constructor", "a", "b");
const yamlLine = fc.oneof(
  fc.tuple(key, scalar).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(key, link).map(([k, v]) => `${k}: ${v}`),
  fc.constantFrom("---", "...", "----", "---x", "  - item", "  nested: value", "# comment", "\tbad: tab", "a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "title: *c", "source_commit: 1111111111111111111111111111111111111111", `translation_of: ${canaryFile}`),
);
const opening = fc.constantFrom("---", "---yaml", "---constructor", "---valueOf", "---__lookupGetter__", "---js", "--- ", "\uFEFF---", "----");
const eol = fc.constantFrom("\n", "\r\n", "\r");
const frontMatterPost = fc.tuple(opening, fc.array(yamlLine, { maxLength: 8 }), fc.constantFrom("---", "...", "", "---x"), eol, fc.string({ maxLength: 40 })).map(
  ([open, lines, close, nl, body]) => Buffer.from([open, ...lines, close].join(nl) + nl + body, "utf8"),
);
const post = fc.oneof(
  { weight: 3, arbitrary: frontMatterPost },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.tuple(frontMatterPost, fc.uint8Array({ maxLength: 40 })).map(([a, b]) => Buffer.concat([a, Buffer.from(b)])) },
);
const name = fc.constantFrom("h.md", "-rf.md", "--all.md", "e\u001b]0;pwn\u0007.md", "a b.md", "ünï.md", "h.markdown", "$(touch pwned).md", "'q'.md", "h\nx.md");
const linked = fc.constantFrom(null, canaryFile, "../../.git/config", "../../../", "../en/a.md");

interface Run {
  args: string[];
  code: number | null;
  out: string;
}

describe("hostile posts (property)", () => {
  it("end in budget with a documented code, leak nothing, and mark minimally or not at all", () => {
    fc.assert(
      fc.property(post, post, name, linked, (original, translation, file, link) => {
        const repo = createRepo();
        try {
          repo.git("config", "http.https://example.com/.extraheader", `AUTHORIZATION: basic ${SECRET}`);
          repo.write("posts/en/a.md", "---\ntitle: A\n---\nbody\n");
          repo.write(`posts/en/${file}`, original);
          repo.write(`posts/de/${file}`, translation);
          if (link !== null) symlinkSync(link, join(repo.dir, "posts/de/link.md"));
          repo.commit("init");
          repo.write(`posts/en/${file}`, Buffer.concat([original, Buffer.from("\nmore\n")]));
          repo.commit("change");
          const summary = join(outside, `summary-${Math.random().toString(36).slice(2)}.md`);
          const env = { ...repo.env(), GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: repo.dir };
          const target = `posts/de/${file}`;
          const before = readFileSync(join(repo.dir, target));
          const runs: Run[] = [];
          const cli = (args: string[], runEnv: NodeJS.ProcessEnv = repo.env()) => {
            const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, env: runEnv, encoding: "utf8", timeout: BUDGET_MS, maxBuffer: 64 * 1024 * 1024 });
            runs.push({ args, code: r.status, out: `${r.stdout}${r.stderr}` });
            return r;
          };
          cli(["status", "--json", "--all", "--worktree"]);
          cli(["check"], env);
          cli(["diff", "--word", "--worktree", target]);
          cli(["report", "--html", "out"]);
          const mark = cli(["mark", target]);
          for (const run of runs) {
            expect(run.code, `${run.args.join(" ")} ended in budget with a documented code`).not.toBeNull();
            expect(DOCUMENTED, `${run.args.join(" ")}: ${run.out.slice(0, 400)}`).toContain(run.code);
            expect(run.out).not.toContain(CANARY);
            expect(run.out).not.toContain(SECRET);
          }
          let written = "";
          try {
            written = readFileSync(summary, "utf8");
            rmSync(summary);
          } catch {
            // No summary: the check stopped before writing one.
          }
          expect(written).not.toContain(CANARY);
          if (runs.find((r) => r.args[0] === "report")?.code === 0) expect(readFileSync(join(repo.dir, "out/index.html"), "utf8")).not.toContain(CANARY);
          const after = readFileSync(join(repo.dir, target));
          if (mark.status !== 0 || after.equals(before)) {
            expect(after.equals(before), "a refused mark changes nothing").toBe(true);
            return;
          }
          expectMinimalMark(before, after);
        } finally {
          repo.cleanup();
        }
      }),
      { numRuns: Number(process.env.TRANSTRACK_FC_RUNS ?? 10), seed: Number(process.env.TRANSTRACK_FC_SEED ?? 1507), endOnFailure: true },
    );
  }, 600_000);
});

/**
 * `after` is `before` with one `source_commit` line replaced or added (or, for a post without front-matter,
 * a new block holding only that line), and every other field reads back unchanged.
 */
function expectMinimalMark(before: Buffer, after: Buffer): void {
  // A byte-order mark stays first: it is no part of any line the edit touches.
  const lines = (b: Buffer) => b.toString("utf8").replace(/^\uFEFF/, "").split(/(?<=\n)/).filter((l) => l !== "");
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const sha = /^source_commit: [0-9a-f]{40}\r?\n?$/;
  expect(added.filter((l) => sha.test(l)), JSON.stringify({ removed, added })).toHaveLength(1);
  expect(added.filter((l) => !sha.test(l) && !/^---\r?\n$/.test(l)), JSON.stringify({ removed, added })).toEqual([]);
  // One line replaced or added in the block, or a new block of three lines before the text.
  expect(removed.length, JSON.stringify({ removed, added })).toBeLessThanOrEqual(added.length === 1 ? 1 : 0);
  const old = parseFrontMatter(before.toString("utf8"));
  const now = parseFrontMatter(after.toString("utf8"));
  if (!old.ok || !now.ok) throw new Error("a marked post reads back");
  expect(String(now.data.source_commit)).toMatch(/^[0-9a-f]{40}$/);
  const { source_commit: _was, ...rest } = old.data;
  const { source_commit: _is, ...kept } = now.data;
  expect(kept).toEqual(rest);
  expect(now.body).toBe(old.body);
}
