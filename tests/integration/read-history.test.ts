import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { joinPasses, readHistory } from "../../src/git/read-history.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

const repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup();
});

function repo(): TestRepo {
  const r = createRepo();
  repos.push(r);
  return r;
}

const isIgnored = (message: string) => message.includes("[skip translation]");
const read = (r: TestRepo, fromBothEnds: boolean) => readHistory({ cwd: r.dir, env: r.env() }, r.git("rev-parse", "HEAD"), { isIgnored, fromBothEnds });

describe("reading the history from both ends", () => {
  it("gives the one-pass history on branches, merges, renames and deletions", async () => {
    const r = repo();
    for (let i = 0; i < 12; i++) {
      r.write(`posts/en/p${i % 4}.md`, `---\ntitle: P\n---\n\nVersion ${i}.\n`);
      r.commit(i % 5 === 0 ? `Edit ${i} [skip translation]` : `Edit ${i}`);
    }
    // Two branches that fork and merge, one of them twice, while main moves on.
    r.git("checkout", "-q", "-b", "side");
    r.write("posts/de/p0.md", "---\nlang: de\n---\n\nEins.\n");
    r.commit("Translate p0");
    r.git("checkout", "-q", "main");
    r.git("mv", "posts/en/p1.md", "posts/en/renamed.md");
    r.commit("Rename p1");
    r.git("checkout", "-q", "-b", "other", "side");
    r.write("posts/fr/p0.md", "---\nlang: fr\n---\n\nUn.\n");
    r.commit("Translate p0 into French");
    r.git("checkout", "-q", "main");
    r.git("merge", "-q", "--no-ff", "-m", "Merge side", "side");
    r.remove("posts/en/p3.md");
    r.commit("Delete p3");
    r.git("merge", "-q", "--no-ff", "-m", "Merge other", "other");
    for (let i = 0; i < 9; i++) {
      r.write(`posts/en/q${i}.md`, `---\ntitle: Q\n---\n\nQ ${i}.\n`);
      r.commit(`Add q${i}`);
    }
    const once = await read(r, false);
    expect(once.length).toBe(Number(r.git("rev-list", "--count", "HEAD")));
    expect(once.some((c) => c.parents.length === 2)).toBe(true);
    expect(once.some((c) => c.changes.some((ch) => ch.status === "R"))).toBe(true);
    expect(await read(r, true)).toEqual(once);
  });

  it("joins a top-down and a bottom-up pass wherever they stopped", () => {
    const order = ["h", "g", "f", "e", "d", "c", "b", "a"].map((sha) => ({ sha }));
    const bottomUp = [...order].reverse();
    // Met in the middle, with some overlap; the top-down pass whole; the bottom-up one whole.
    expect(joinPasses(order.slice(0, 5), bottomUp.slice(0, 5))).toEqual(order);
    expect(joinPasses(order, bottomUp.slice(0, 2))).toEqual(order);
    expect(joinPasses(order.slice(0, 1), bottomUp)).toEqual(order);
  });

  it("gives the one-pass history of a long one, read from both ends", async () => {
    const r = repo();
    // 600 commits through fast-import: long enough that neither process is done before the other starts.
    let stream = "";
    for (let i = 1; i <= 600; i++) {
      const body = `---\ntitle: P${i % 7}\n---\n\nVersion ${i}.\n`;
      stream += `commit refs/heads/main\nmark :${i}\ncommitter T <t@example.com> ${1767261600 + i * 3600} +0000\ndata ${`Edit ${i}`.length}\nEdit ${i}\n`;
      if (i > 1) stream += `from :${i - 1}\n`;
      stream += `M 100644 inline posts/en/p${i % 7}.md\ndata ${Buffer.byteLength(body)}\n${body}\n`;
      if (i % 50 === 0) stream += `M 100644 inline posts/de/p${i % 7}.md\ndata 3\nde\n\n`;
    }
    execFileSync("git", ["fast-import", "--quiet"], { cwd: r.dir, env: r.env(), input: stream });
    r.git("reset", "-q", "--hard", "main");
    const once = await read(r, false);
    expect(once).toHaveLength(600);
    expect(await read(r, true)).toEqual(once);
    // The second process may be asked for once the first is under way (when the listing has told), or not at all.
    const later = new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20));
    expect(await readHistory({ cwd: r.dir, env: r.env() }, r.git("rev-parse", "HEAD"), { isIgnored, fromBothEnds: later })).toEqual(once);
    expect(await readHistory({ cwd: r.dir, env: r.env() }, r.git("rev-parse", "HEAD"), { isIgnored, fromBothEnds: Promise.resolve(false) })).toEqual(once);
  });

  it("gives the one-pass history of one or two commits, where one process ends before the other starts", async () => {
    const r = repo();
    r.write("posts/en/a.md", "A\n");
    r.commit("One");
    expect(await read(r, true)).toEqual(await read(r, false));
    r.write("posts/en/a.md", "A2\n");
    r.commit("Two");
    expect(await read(r, true)).toEqual(await read(r, false));
  });

  it("fails as one pass does when git can't read the history", async () => {
    const r = repo();
    r.write("posts/en/a.md", "A\n");
    r.commit("One");
    const missing = "0".repeat(39) + "1";
    await expect(readHistory({ cwd: r.dir, env: r.env() }, missing, { isIgnored, fromBothEnds: true })).rejects.toMatchObject({ code: "GIT_FAILED" });
  });
});
