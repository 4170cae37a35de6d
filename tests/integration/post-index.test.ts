import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { newPost } from "../../src/core/types.js";
import { statusReport } from "../../src/status/get-status.js";
import { PostIndex } from "../../src/status/post-index.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

let repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

function site(): TestRepo {
  const repo = createRepo();
  repos.push(repo);
  repo.write("posts/en/a.md", "---\nlang: en\ntitle: A\n---\n\nOne.\n");
  repo.commit("Add a");
  const sha = repo.git("rev-parse", "HEAD");
  repo.write("posts/de/a.md", `---\nlang: de\ntitle: A\nsource_commit: ${sha}\n---\n\nEins.\n`);
  repo.commit("Translate a");
  repo.write("posts/en/a.md", "---\nlang: en\ntitle: A\n---\n\nTwo.\n");
  repo.commit("Edit a");
  return repo;
}

const report = async (repo: TestRepo, cache = true) =>
  JSON.stringify((await statusReport({ cwd: repo.dir, env: repo.env(), cache })).report);

describe("the post index", () => {
  it("re-reads a post rewritten to the same size with its old modification time", async () => {
    const repo = site();
    const before = await report(repo);
    expect(JSON.parse(before).translations[0].status).toBe("stale");
    const path = join(repo.dir, "posts/de/a.md");
    const old = statSync(path);
    // The same number of bytes, the same mtime: only the change time (and size, mode, inode) can tell.
    const text = readFileSync(path, "utf8").replace(/source_commit: [0-9a-f]{40}/, `source_commit: ${repo.git("rev-parse", "HEAD")}`);
    expect(text.length).toBe(readFileSync(path, "utf8").length);
    writeFileSync(path, text);
    utimesSync(path, old.atime, old.mtime);
    const after = await report(repo);
    expect(JSON.parse(after).translations[0].status).toBe("up-to-date");
    expect(after).toBe(await report(repo, false));
  });

  it("trusts a stamp only when it is older than the index file (git's racy rule)", async () => {
    const repo = site();
    await report(repo);
    const { config } = await loadConfig(repo.dir, undefined, repo.dir);
    const git = { cwd: repo.dir, env: repo.env() };
    const path = "posts/de/a.md";
    const stamp = PostIndex.stamp(join(repo.dir, path))!;
    const planted = newPost(path, { lang: "planted" });
    const file = join(repo.git("rev-parse", "--absolute-git-dir"), "transtrack", "post-index");
    // A new index holding the planted post alone (an existing one is not rewritten for a single entry).
    rmSync(file);
    const index = await PostIndex.open(git, config, true);
    index.set(path, stamp, planted);
    await index.save();

    const posted = statSync(join(repo.dir, path)).mtime;
    // Written in the same second as the post, or before it: the stamp could hide a later write.
    utimesSync(file, posted, posted);
    expect((await PostIndex.open(git, config, true)).get(path, stamp)).toBeUndefined();
    // Written well after the post: the stamp stands for the bytes it was read with.
    const later = new Date(posted.getTime() + 60_000);
    utimesSync(file, later, later);
    expect((await PostIndex.open(git, config, true)).get(path, stamp)?.lang).toBe("planted");
  });

  it("is keyed by the configuration and rebuilt, with a reason, when damaged", async () => {
    const repo = site();
    await report(repo);
    const git = { cwd: repo.dir, env: repo.env() };
    const { config } = await loadConfig(repo.dir, undefined, repo.dir);
    expect((await PostIndex.open(git, config, true)).rejected).toBeNull();
    const other = { ...config, keys: { ...config.keys, lang: "language" } };
    expect((await PostIndex.open(git, other, true)).rejected).toBe("stale or damaged");
    const file = join(repo.git("rev-parse", "--absolute-git-dir"), "transtrack", "post-index");
    const bytes = readFileSync(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    writeFileSync(file, bytes);
    const rebuilt: string[] = [];
    await statusReport({ cwd: repo.dir, env: repo.env(), onCacheRebuilt: (cache) => rebuilt.push(cache) });
    expect(rebuilt).toContain("post-index");
    expect((await PostIndex.open(git, config, true)).rejected).toBeNull();
  });
});
