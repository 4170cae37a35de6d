import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decode, encode, cacheKey } from "../../src/git/history-cache.js";
import { analyze } from "../../src/status/get-status.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

const DEFAULT_RULES = { messages: ["[skip translation]"], trailers: ["Translation: skip"] };
const post = (lang: string, title: string, body: string, extra = "") => `---\nlang: ${lang}\ntitle: ${title}\n${extra}---\n\n${body}\n`;

let repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

/** A small site with history worth caching: edits, an ignored commit, a side branch merged back, a rename. */
function site(): TestRepo {
  const repo = createRepo();
  repos.push(repo);
  repo.write("posts/en/a.md", post("en", "A", "First version of a."));
  repo.write("posts/en/b.md", post("en", "B", "First version of b."));
  repo.write("posts/en/c.md", post("en", "C", "First version of c."));
  repo.commit("Add originals");
  repo.write("posts/de/a.md", post("de", "A de", "Erste Fassung."));
  repo.write("posts/de/b.md", post("de", "B de", "Erste Fassung."));
  repo.commit("Translate a and b");
  repo.write("posts/en/a.md", post("en", "A", "Second version of a."));
  repo.commit("Edit a");
  repo.git("checkout", "-q", "-b", "side");
  repo.write("posts/de/c.md", post("de", "C de", "Erste Fassung."));
  repo.commit("Translate c on a branch");
  repo.git("checkout", "-q", "main");
  repo.write("posts/en/c.md", post("en", "C", "Second version of c."));
  repo.commit("Edit c while the branch is open");
  repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side");
  repo.write("posts/en/b.md", post("en", "B", "Reworded b. [skip translation]"));
  repo.commit("Reword b [skip translation]");
  return repo;
}

async function report(repo: TestRepo, cache: boolean) {
  return (await analyze({ cwd: repo.dir, env: repo.env(), cache, now: new Date("2030-01-01T00:00:00Z") })).report;
}

const cacheFile = (repo: TestRepo) => join(repo.git("rev-parse", "--absolute-git-dir"), "transtrack", "history-index");

/** Runs with and without the cache; they must agree. Returns the cached run's report. */
async function same(repo: TestRepo) {
  const uncached = await report(repo, false);
  const cached = await report(repo, true);
  expect(cached).toEqual(uncached);
  return cached;
}

describe("history cache", () => {
  it("gives the same report on the first and on later runs, and writes a file under the git dir", async () => {
    const repo = site();
    expect(existsSync(cacheFile(repo))).toBe(false);
    const first = await same(repo);
    expect(existsSync(cacheFile(repo))).toBe(true);
    expect(first.translations.find((t) => t.translation === "posts/de/c.md")?.status).toBe("stale");
    await same(repo);
    const cached = decode(readFileSync(cacheFile(repo)), cacheKey(DEFAULT_RULES));
    expect(cached?.head).toBe(repo.git("rev-parse", "HEAD"));
    expect(cached?.commits).toHaveLength(Number(repo.git("rev-list", "--count", "HEAD")));
  });

  it("reads only the new commits when HEAD moved on, and puts them in front of the cached ones", async () => {
    const repo = site();
    await report(repo, true);
    // Prove the old commits come from the cache: mark a cached commit ignored (with a valid digest)…
    const file = cacheFile(repo);
    const cached = decode(readFileSync(file), cacheKey(DEFAULT_RULES))!;
    const editA = cached.commits.find((c) => c.changes.some((ch) => ch.path === "posts/en/a.md" && ch.status === "M"))!;
    editA.ignored = true;
    writeFileSync(file, encode(cached.head, cached.commits, cacheKey(DEFAULT_RULES)));
    repo.write("posts/en/c.md", post("en", "C", "Third version of c."));
    repo.commit("Edit c again");
    const extended = await report(repo, true);
    // …which a run reading the whole history would not see: de/a.md is up to date only by the cached flag.
    expect(extended.translations.find((t) => t.translation === "posts/de/a.md")?.status).toBe("up-to-date");
    expect((await report(repo, false)).translations.find((t) => t.translation === "posts/de/a.md")?.status).toBe("stale");
    // One commit past the stored head is read again next time rather than the whole file rewritten…
    expect(decode(readFileSync(file), cacheKey(DEFAULT_RULES))!.head).toBe(cached.head);
    expect((await report(repo, true)).translations.find((t) => t.translation === "posts/de/a.md")?.status).toBe("up-to-date");
    // …until enough new commits make a rewrite worth it: then they go in front of the cached ones.
    for (let i = 0; i < 64; i++) {
      repo.write("posts/en/c.md", post("en", "C", `Version ${i} of c.`));
      repo.commit(`Edit c, round ${i}`);
    }
    await report(repo, true);
    const after = decode(readFileSync(file), cacheKey(DEFAULT_RULES))!;
    expect(after.head).toBe(repo.git("rev-parse", "HEAD"));
    expect(after.commits[0]!.sha).toBe(repo.git("rev-parse", "HEAD"));
    expect(after.commits.slice(65).map((c) => c.sha)).toEqual(cached.commits.map((c) => c.sha));
    expect(after.commits.find((c) => c.sha === editA.sha)?.ignored).toBe(true);
  });

  it("rebuilds after a rebase or a force-push that drops cached commits", async () => {
    const repo = site();
    await same(repo);
    // Force-push style: throw the last two commits away and commit something else.
    repo.git("reset", "-q", "--hard", "HEAD~2");
    repo.write("posts/en/a.md", post("en", "A", "Rewritten history of a."));
    repo.commit("Rewrite a");
    await same(repo);
    expect(decode(readFileSync(cacheFile(repo)), cacheKey(DEFAULT_RULES))?.head).toBe(repo.git("rev-parse", "HEAD"));
    // Rebase: replay the side branch's translation onto the newest mainline commit.
    repo.git("checkout", "-q", "-b", "topic", "HEAD~3");
    repo.write("posts/de/a.md", post("de", "A de", "Zweite Fassung."));
    repo.commit("Update the German a");
    repo.git("rebase", "-q", "main");
    await same(repo);
    repo.git("checkout", "-q", "main");
    await same(repo);
  });

  it("never trusts a damaged, truncated, empty or foreign file: rebuilds and overwrites it", async () => {
    const repo = site();
    await same(repo);
    const file = cacheFile(repo);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0x01;
    const foreignRepo = site();
    await report(foreignRepo, true);
    const foreign = readFileSync(cacheFile(foreignRepo));
    for (const bad of [damaged, good.subarray(0, good.length - 100), good.subarray(0, 30), Buffer.alloc(0), Buffer.from("garbage\n{}\n[]"), foreign]) {
      writeFileSync(file, bad);
      await same(repo);
      expect(readFileSync(file).equals(good), "the file is rewritten").toBe(true);
    }
  });

  it("a crafted file whose digest matches but whose shape is wrong is refused", () => {
    const key = cacheKey(DEFAULT_RULES);
    const sha = "a".repeat(40);
    const ok = encode(sha, [{ sha, parents: [], time: 1, ignored: false, changes: [{ status: "A", oldBlob: "0".repeat(40), newBlob: "b".repeat(40), path: "posts/en/a.md", oldPath: null }] }], key);
    expect(decode(ok, key)?.head).toBe(sha);
    expect(decode(ok, cacheKey({ messages: ["other"], trailers: [] }))).toBeNull();
    const badSha = encode(sha, [{ sha: "not a sha", parents: [], time: 1, ignored: false, changes: [] }], key);
    expect(decode(badSha, key)).toBeNull();
    const badParent = encode(sha, [{ sha, parents: ["--output=x"], time: 1, ignored: false, changes: [] }], key);
    expect(decode(badParent, key)).toBeNull();
  });

  it("keeps a commit's scope, refuses a malformed one, and is keyed by keywords and directives", () => {
    const key = cacheKey(DEFAULT_RULES);
    const sha = "a".repeat(40);
    const scope = { track: ["posts/en/**"], ignore: ["posts/de/a.md"] };
    const ok = encode(sha, [{ sha, parents: [], time: 1, ignored: true, scope, changes: [] }], key);
    expect(decode(ok, key)?.commits[0]).toMatchObject({ ignored: true, scope });
    expect(decode(encode(sha, [{ sha, parents: [], time: 1, ignored: false, scope: { none: true }, changes: [] }], key), key)?.commits[0]?.scope).toEqual({ none: true });
    const bad = encode(sha, [{ sha, parents: [], time: 1, ignored: false, scope: { track: [1] } as never, changes: [] }], key);
    expect(decode(bad, key)).toBeNull();
    expect(cacheKey({ ...DEFAULT_RULES, keywords: ["typo"] })).not.toBe(key);
    expect(cacheKey({ ...DEFAULT_RULES, directives: true })).not.toBe(key);
  });

  it("--no-cache neither reads nor writes the cache", async () => {
    const repo = site();
    await report(repo, false);
    expect(existsSync(cacheFile(repo))).toBe(false);
    await report(repo, true);
    const before = readFileSync(cacheFile(repo));
    const mtime = statSync(cacheFile(repo)).mtimeMs;
    repo.write("posts/en/a.md", post("en", "A", "Third version of a."));
    repo.commit("Edit a again");
    await report(repo, false);
    expect(readFileSync(cacheFile(repo)).equals(before)).toBe(true);
    expect(statSync(cacheFile(repo)).mtimeMs).toBe(mtime);
  });

  it("is keyed by the ignore rules: changing them rebuilds", async () => {
    const repo = site();
    const withDefaults = await same(repo);
    expect(withDefaults.translations.find((t) => t.translation === "posts/de/b.md")?.status).toBe("up-to-date");
    repo.write("transtrack.config.json", JSON.stringify({ ignore: { messages: ["[no l10n]"], trailers: [] } }));
    repo.commit("Configure other ignore rules");
    const withOthers = await same(repo);
    expect(withOthers.translations.find((t) => t.translation === "posts/de/b.md")?.status).toBe("stale");
  });

  it("does not follow a link where the cache directory should be", async () => {
    const repo = site();
    const outside = mkdtempSync(join(tmpdir(), "transtrack-outside-"));
    try {
      symlinkSync(outside, join(repo.git("rev-parse", "--absolute-git-dir"), "transtrack"));
      await same(repo);
      expect(existsSync(join(outside, "history-index"))).toBe(false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("neither uses nor writes a cache in a shallow clone", async () => {
    const repo = site();
    const dir = mkdtempSync(join(tmpdir(), "transtrack-shallow-"));
    try {
      const clone = join(dir, "clone");
      repo.git("clone", "-q", "--depth", "2", `file://${repo.dir}`, clone);
      // The run may stop for want of history; either way nothing may be cached from a cut-off history.
      await analyze({ cwd: clone, env: repo.env(), cache: true }).catch(() => undefined);
      expect(existsSync(join(clone, ".git", "transtrack"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
