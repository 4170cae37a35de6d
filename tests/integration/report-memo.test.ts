import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { crc32 } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { Report } from "../../src/core/types.js";
import { GitRepo } from "../../src/git/repo.js";
import { renderJson } from "../../src/render/json.js";
import { analyze } from "../../src/status/get-status.js";
import { refreshFromMemo, statusReport } from "../../src/status/refresh-status.js";
import { checkJson, run } from "../helpers/check.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

const post = (fields: string, body: string) => `---\n${fields}\n---\n\n${body}\n`;

let repos: TestRepo[] = [];
afterEach(() => {
  for (const repo of repos) repo.cleanup();
  repos = [];
});

/**
 * A site whose entries cover every kind the memo keeps: up to date, stale, missing, with a
 * source_commit, without one, unresolvable, and one up to date after a revert (its basis incomplete).
 */
function site(): TestRepo {
  const repo = createRepo();
  repos.push(repo);
  repo.write("transtrack.config.json", JSON.stringify({ root: "posts", languages: ["de", "fr"] }));
  repo.write("posts/en/a.md", post("title: A", "First version of a."));
  repo.write("posts/en/b.md", post("title: B", "First version of b."));
  repo.write("posts/en/c.md", post("title: C", "First version of c."));
  repo.write("posts/en/d.md", post("title: D", "First version of d."));
  // A name beyond ASCII: the memo's offsets count bytes, not characters.
  repo.write("posts/en/über-ünïcode.md", post("title: Ü", "First version of ü."));
  const originals = repo.commit("Add originals");
  repo.write("posts/de/a.md", post("lang: de\ntitle: A de", "Erste Fassung."));
  repo.write("posts/de/b.md", post("lang: de\ntitle: B de", "Erste Fassung."));
  repo.write("posts/de/c.md", post(`lang: de\ntitle: C de\nsource_commit: ${originals.slice(0, 10)}`, "Erste Fassung."));
  repo.write("posts/fr/a.md", post("lang: fr\ntitle: A fr\nsource_commit: 0badc0de", "Première version."));
  repo.write("posts/fr/d.md", post("lang: fr\ntitle: D fr", "Première version."));
  repo.write("posts/de/über-ünïcode.md", post("lang: de\ntitle: Ü de", "Erste Fassung."));
  repo.commit("Translate");
  repo.write("posts/en/a.md", post("title: A", "Second version of a."));
  repo.commit("Edit a");
  repo.write("posts/en/d.md", post("title: D", "Changed d."));
  repo.commit("Edit d");
  repo.write("posts/en/d.md", post("title: D", "First version of d."));
  repo.commit("Revert d");
  return repo;
}

const env = (repo: TestRepo) => ({ cwd: repo.dir, env: repo.env() });
const uncached = async (repo: TestRepo) => (await analyze({ ...env(repo), cache: false })).report;
const memoFile = (repo: TestRepo) => join(repo.git("rev-parse", "--absolute-git-dir"), "transtrack", "report.v7");

/** The report brought up to date from the memo, as data and as JSON text; null when the memo path declined. */
async function refreshedRun(repo: TestRepo): Promise<{ report: Report; json: string } | null> {
  const { repo: git, state } = (await GitRepo.openWithState(repo.dir, repo.env()))!;
  try {
    const result = await refreshFromMemo(git, { ...env(repo), cache: true }, state);
    if (result === null) return null;
    const json = [...result.json()].map((part) => part.toString()).join("");
    return { report: result.report(), json };
  } finally {
    await git.close();
  }
}

const refreshed = async (repo: TestRepo) => (await refreshedRun(repo))?.report ?? null;

/** A full run that writes the memo, as the first `status` of a clone does. */
async function remember(repo: TestRepo): Promise<void> {
  await statusReport({ ...env(repo), cache: true });
  expect(existsSync(memoFile(repo))).toBe(true);
}

/** The memo path's answer must be the full run's; returns whether it answered at all. */
async function agrees(repo: TestRepo): Promise<boolean> {
  const want = await uncached(repo);
  const got = await refreshedRun(repo);
  // The JSON is spliced from stored text: it must be byte for byte what a full run prints.
  if (got !== null) expect(got.json).toBe(renderJson(want));
  if (got !== null) expect(got.report).toEqual(want);
  expect((await statusReport({ ...env(repo), cache: true })).report()).toEqual(want);
  return got !== null;
}

/** One commit on a branch from HEAD, one on main, then the branch merged with a merge commit. */
function branchAndMerge(repo: TestRepo, side: { path: string; text: string; message: string }, main: { path: string; text: string; message: string }): void {
  repo.git("checkout", "-q", "-b", "side");
  repo.write(side.path, side.text);
  repo.commit(side.message);
  repo.git("checkout", "-q", "main");
  repo.write(main.path, main.text);
  repo.commit(main.message);
  repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side");
}

describe("report memo", () => {
  it("answers from the memo when nothing changed", async () => {
    const repo = site();
    // An earlier format's memo goes when a new one is written.
    const earlier = join(dirname(memoFile(repo)), "report.v3");
    mkdirSync(dirname(earlier), { recursive: true });
    writeFileSync(earlier, "transtrack-report 3\n");
    await remember(repo);
    expect(existsSync(earlier)).toBe(false);
    expect(await agrees(repo)).toBe(true);
  });

  it("brings entries up to date after commits that edit originals: meaningful, whitespace-only, ignored", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/b.md", post("title: B", "Second version of b."));
    repo.commit("Edit b");
    repo.write("posts/en/c.md", post("title: C", "First   version\nof c."));
    repo.commit("Re-wrap c");
    repo.write("posts/en/a.md", post("title: A", "Third version of a."));
    repo.commit("Reword a [skip translation]");
    repo.write("posts/en/über-ünïcode.md", post("title: Ü", "Second version of ü."));
    repo.commit("Edit ü");
    expect(await agrees(repo)).toBe(true);
    const report = (await refreshed(repo))!;
    expect(report.translations.find((e) => e.translation === "posts/de/b.md")).toMatchObject({ status: "stale", commitsBehind: 1, linesAdded: 1, linesRemoved: 1 });
  });

  it("turns a stale entry up to date when the original is reverted to the baseline", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/a.md", post("title: A", "First version of a."));
    repo.commit("Revert a");
    expect(await agrees(repo)).toBe(true);
    expect((await refreshed(repo))!.translations.find((e) => e.translation === "posts/de/a.md")!.status).toBe("up-to-date");
  });

  it("follows edits made on a branch and merged", async () => {
    const repo = site();
    await remember(repo);
    branchAndMerge(
      repo,
      { path: "posts/en/b.md", text: post("title: B", "Branch version of b."), message: "Edit b on a branch" },
      { path: "posts/en/c.md", text: post("title: C", "Main version of c."), message: "Edit c" },
    );
    expect(await agrees(repo)).toBe(true);
  });

  it("keeps the answer right after several runs from the same memo", async () => {
    const repo = site();
    await remember(repo);
    for (const text of ["One.", "Two.", "First version of b."]) {
      repo.write("posts/en/b.md", post("title: B", text));
      repo.commit(`Edit b: ${text}`);
      expect(await agrees(repo)).toBe(true);
    }
  });

  it("answers check and the CLI's status from the memo exactly as a full run", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/c.md", post("title: C", "Second version of c."));
    repo.commit("Edit c");
    const memoized = { check: await checkJson(repo), status: (await run(repo, ["status", "--json"])).stdout };
    expect(await refreshed(repo)).not.toBeNull();
    expect(memoized.check).toEqual(await checkJson(repo, ["--no-cache"]));
    expect(memoized.status).toBe((await run(repo, ["status", "--json", "--no-cache"])).stdout);
    expect(memoized.check.failing).toContain("posts/de/c.md");
  });

  it("moves a translation's baseline to the new commit that changed it", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/b.md", post("title: B", "Second version of b."));
    repo.commit("Edit b");
    // A translator catches up with a, a stale entry; b, stale since the edit above, is changed and stays behind a later edit.
    repo.write("posts/de/a.md", post("lang: de\ntitle: A de, neu", "Zweite Fassung."));
    repo.write("posts/de/b.md", post("lang: de\ntitle: B de", "Zweite Fassung."));
    repo.commit("Update the German a and b");
    repo.write("posts/en/b.md", post("title: B", "Third version of b."));
    repo.commit("Edit b again");
    expect(await agrees(repo)).toBe(true);
    const report = (await refreshed(repo))!;
    const entry = (path: string) => report.translations.find((e) => e.translation === path)!;
    expect(entry("posts/de/a.md")).toMatchObject({ status: "up-to-date", baseline: repo.git("rev-parse", "HEAD~1") });
    expect(entry("posts/de/b.md")).toMatchObject({ status: "stale", commitsBehind: 1, baseline: repo.git("rev-parse", "HEAD~1") });
  });

  it("follows a source_commit that names a new commit, committed or on disk", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/c.md", post("title: C", "Second version of c."));
    const edit = repo.commit("Edit c");
    repo.write("posts/en/a.md", post("title: A", "Third version of a."));
    const later = repo.commit("Edit a");
    // Committed: the German c (which had an abbreviated source_commit) now names the edit, in full.
    repo.write("posts/de/c.md", post(`lang: de\ntitle: C de\nsource_commit: ${edit}`, "Zweite Fassung."));
    repo.commit("Sync the German c");
    expect(await agrees(repo)).toBe(true);
    expect((await refreshed(repo))!.translations.find((e) => e.translation === "posts/de/c.md")).toMatchObject({ status: "up-to-date", baseline: edit });
    // On disk only: the French a (whose source_commit resolved to nothing) now names a new commit, abbreviated.
    repo.write("posts/fr/a.md", post(`lang: fr\ntitle: A fr\nsource_commit: ${later.slice(0, 12)}`, "Deuxième version."));
    expect(await agrees(repo)).toBe(true);
    expect((await refreshed(repo))!.translations.find((e) => e.translation === "posts/fr/a.md")).toMatchObject({ status: "up-to-date", baseline: later, problems: [] });
  });

  it("follows translations marked at the original's last change before the new commits", async () => {
    const repo = site();
    await remember(repo);
    const lastChange = repo.git("log", "-1", "--format=%H", "--", "posts/en/a.md");
    repo.write("posts/en/b.md", post("title: B", "Second version of b."));
    repo.commit("Edit b");
    // As `mark` writes it: committed for the German a, on disk for the French a (whose source_commit resolved to nothing).
    repo.write("posts/de/a.md", post(`lang: de\ntitle: A de\nsource_commit: ${lastChange}`, "Zweite Fassung."));
    repo.commit("Mark the German a");
    repo.write("posts/fr/a.md", post(`lang: fr\ntitle: A fr\nsource_commit: ${lastChange}`, "Deuxième version."));
    repo.write("posts/en/a.md", post("title: A", "Third version of a."));
    repo.commit("Edit a again");
    expect(await agrees(repo)).toBe(true);
    const report = (await refreshed(repo))!;
    for (const path of ["posts/de/a.md", "posts/fr/a.md"]) {
      expect(report.translations.find((e) => e.translation === path)).toMatchObject({ status: "stale", baseline: lastChange, commitsBehind: 1, problems: [] });
    }
  });

  it("follows a source_commit set to a commit after the original's last change, before the new commits", async () => {
    const repo = site();
    // The commit the translators worked from: main's tip then, later than a's last change.
    const tip = repo.git("rev-parse", "HEAD");
    await remember(repo);
    repo.write("posts/en/c.md", post("title: C", "Second version of c."));
    repo.commit("Edit c");
    repo.write("posts/de/a.md", post(`lang: de\ntitle: A de\nsource_commit: ${tip}`, "Zweite Fassung."));
    repo.write("posts/de/d.md", post(`lang: de\ntitle: D de\nsource_commit: ${tip.slice(0, 12)}`, "Neu."));
    repo.commit("Translate from the tip");
    expect(await agrees(repo)).toBe(true);
    const report = (await refreshed(repo))!;
    for (const path of ["posts/de/a.md", "posts/de/d.md"]) {
      expect(report.translations.find((e) => e.translation === path)).toMatchObject({ status: "up-to-date", baseline: tip });
    }
  });

  it("declines a mark at an original's last change that doesn't descend from all its others", async () => {
    const repo = site();
    branchAndMerge(
      repo,
      { path: "posts/en/a.md", text: post("title: A, renamed on a branch", "Second version of a."), message: "Retitle a on a branch" },
      { path: "posts/en/a.md", text: post("title: A", "Second version of a, edited."), message: "Edit a on main" },
    );
    await remember(repo);
    // What `mark` records: the change the report names as the original's last.
    const lastChange = (await uncached(repo)).translations.find((e) => e.translation === "posts/de/a.md")!.sourceCommit!;
    repo.write("posts/de/a.md", post(`lang: de\ntitle: A de\nsource_commit: ${lastChange}`, "Zweite Fassung."));
    repo.commit("Mark the German a");
    expect(await agrees(repo)).toBe(false);
  });

  it("declines when a translation's baseline moves to where the memo can't follow", async () => {
    const cases: ((repo: TestRepo, first: string) => void)[] = [
      // A source_commit naming an older commit than the memo's HEAD: what changed after it isn't in the memo.
      (repo, first) => {
        repo.write("posts/de/a.md", post(`lang: de\ntitle: A de\nsource_commit: ${first}`, "Erste Fassung."));
        repo.commit("Point the German a at the first commit");
      },
      // source_commit dropped on disk: the baseline is then the translation's last commit, before the memo's HEAD.
      (repo) => repo.write("posts/de/c.md", post("lang: de\ntitle: C de", "Erste Fassung.")),
      // A translation changed on a merged branch: the new commits are no longer one line.
      (repo) =>
        branchAndMerge(
          repo,
          { path: "posts/de/a.md", text: post("lang: de\ntitle: A de", "Zweite Fassung."), message: "Update the German a on a branch" },
          { path: "posts/en/c.md", text: post("title: C", "Main version of c."), message: "Edit c" },
        ),
    ];
    for (const change of cases) {
      const repo = site();
      const first = repo.git("rev-list", "--max-parents=0", "HEAD");
      await remember(repo);
      change(repo, first);
      expect(await agrees(repo)).toBe(false);
    }
  });

  it("links again when posts are added: new originals, new translations, committed or not", async () => {
    const repo = site();
    await remember(repo);
    // A translation of an original that had none in German, committed.
    repo.write("posts/de/d.md", post("lang: de\ntitle: D de", "Neu."));
    repo.commit("Translate d");
    expect(await agrees(repo)).toBe(true);
    // A new original, then translations of it: one committed with it, one synced later, one only on disk.
    repo.write("posts/en/e.md", post("title: E", "First version of e."));
    repo.write("posts/de/e.md", post("lang: de\ntitle: E de", "Erste Fassung."));
    const added = repo.commit("Add e, in German too");
    repo.write("posts/en/e.md", post("title: E", "Second version of e."));
    repo.commit("Edit e");
    repo.write("posts/fr/e.md", post(`lang: fr\ntitle: E fr\nsource_commit: ${added}`, "Première version."));
    repo.commit("Translate e into French");
    repo.write("posts/fr/b.md", post("lang: fr\ntitle: B fr", "Première version."));
    expect(await agrees(repo)).toBe(true);
    const report = (await refreshed(repo))!;
    const entry = (path: string) => report.translations.find((e) => e.translation === path)!;
    expect(entry("posts/de/e.md")).toMatchObject({ status: "stale", baseline: added, commitsBehind: 1 });
    expect(entry("posts/fr/e.md")).toMatchObject({ status: "stale", baseline: added });
    expect(entry("posts/fr/b.md")).toMatchObject({ status: "unknown", problems: [{ code: "TRANSLATION_UNCOMMITTED" }] });
    expect(entry("posts/de/d.md").status).toBe("up-to-date");
    // The report's last entry (French ü) is one the memo had: it is copied as stored, with no separator after it.
    repo.write("posts/fr/über-ünïcode.md", post("lang: fr\ntitle: Ü fr", "Première version."));
    repo.commit("Translate ü into French");
    rmSync(memoFile(repo));
    await remember(repo);
    repo.write("posts/en/f.md", post("title: F", "First version of f."));
    repo.commit("Add f");
    expect(await agrees(repo)).toBe(true);
    expect((await refreshed(repo))!.translations.at(-1)).toMatchObject({ translation: "posts/fr/über-ünïcode.md" });
  });

  it("declines when posts are deleted or renamed, or an added post links an existing one anew", async () => {
    for (const change of [
      (repo: TestRepo) => repo.remove("posts/fr/d.md"),
      (repo: TestRepo) => repo.git("mv", "posts/en/b.md", "posts/en/b2.md"),
      // A second French translation of d, listed first: the existing one becomes the duplicate.
      (repo: TestRepo) => repo.write("posts/fr/a-d.md", post("lang: fr\ntitle: D bis\ntranslation_of: posts/en/d.md", "Doublon.")),
    ]) {
      const repo = site();
      await remember(repo);
      change(repo);
      repo.commit("Change the set of posts");
      expect(await agrees(repo)).toBe(false);
    }
  });

  it("declines when a post's front-matter changes on disk, but not for body edits or a new untracked post", async () => {
    const repo = site();
    await remember(repo);
    repo.write("posts/en/b.md", post("title: B", "An uncommitted edit of the body."));
    expect(await agrees(repo)).toBe(true);
    repo.write("posts/de/b.md", post("lang: de\ntitle: B de\ntranslation_of: posts/en/c.md", "Erste Fassung."));
    expect(await agrees(repo)).toBe(false);
    repo.git("checkout", "--", "posts/de/b.md");
    // The full run that answered wrote a memo with the edited post, which is now back as before.
    expect(await agrees(repo)).toBe(false);
    expect(await agrees(repo)).toBe(true);
    // A new post only on disk: linked again, it is an uncommitted translation.
    repo.write("posts/de/d.md", post("lang: de\ntitle: D de", "Neu."));
    expect(await agrees(repo)).toBe(true);
  });

  it("declines when a merge's own resolution changes an original", async () => {
    const repo = site();
    await remember(repo);
    repo.git("checkout", "-q", "-b", "side");
    repo.write("posts/en/c.md", post("title: C", "Branch version of c."));
    repo.commit("Edit c on a branch");
    repo.git("checkout", "-q", "main");
    repo.git("merge", "-q", "--no-ff", "--no-commit", "side");
    repo.write("posts/en/b.md", post("title: B", "Changed while merging."));
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "Merge side, editing b");
    expect(await agrees(repo)).toBe(false);
  });

  it("declines when a new commit's sha starts with a source_commit that didn't resolve", async () => {
    const repo = site();
    repo.git("checkout", "-q", "-b", "later");
    repo.write("posts/en/b.md", post("title: B", "Edited on a branch."));
    const later = repo.commit("Edit b on a branch");
    repo.git("checkout", "-q", "main");
    repo.write("posts/de/b.md", post(`lang: de\ntitle: B de\nsource_commit: ${later.slice(0, 12)}`, "Erste Fassung."));
    repo.commit("Point b at a commit not merged yet");
    await remember(repo);
    expect((await uncached(repo)).problems.map((p) => p.code)).toContain("SOURCE_COMMIT_NOT_ANCESTOR");
    repo.git("merge", "-q", "--no-ff", "-m", "Merge later", "later");
    expect(await agrees(repo)).toBe(false);
  });

  it("declines after a rebase or force-push that drops the memo's HEAD", async () => {
    const repo = site();
    await remember(repo);
    repo.git("reset", "-q", "--hard", "HEAD~2");
    repo.write("posts/en/b.md", post("title: B", "Another history."));
    repo.commit("Rewrite");
    expect(await agrees(repo)).toBe(false);
  });

  it("never trusts a damaged memo or one made with another configuration", async () => {
    const repo = site();
    await remember(repo);
    const bytes = readFileSync(memoFile(repo));
    writeFileSync(memoFile(repo), Buffer.concat([bytes.subarray(0, bytes.length - 10), Buffer.from("0123456789")]));
    expect(await agrees(repo)).toBe(false);
    await remember(repo);
    repo.write("transtrack.config.json", JSON.stringify({ root: "posts", languages: ["de"] }));
    expect(await agrees(repo)).toBe(false);
  });

  it("declines when a post's line in the memo doesn't read as one, even with a valid checksum", async () => {
    const repo = site();
    await remember(repo);
    // The German a's line, its stored post made unreadable at the same length, the checksum made to match.
    const bytes = readFileSync(memoFile(repo));
    const first = bytes.indexOf(0x0a);
    const second = bytes.indexOf(0x0a, first + 1);
    const header = JSON.parse(bytes.toString("utf8", first + 1, second)) as Record<string, unknown>;
    const body = Buffer.from(bytes.subarray(second + 1));
    const found = /\n"posts\/de\/a\.md"\t[01]\t[01]\t\[/.exec(body.toString("latin1"));
    expect(found).not.toBeNull();
    body[found!.index + found![0].length - 1] = "{".charCodeAt(0);
    const json = JSON.stringify({ ...header, crc32: crc32(body) });
    writeFileSync(memoFile(repo), Buffer.concat([bytes.subarray(0, first + 1), Buffer.from(`${json.padEnd(second - first - 1)}\n`), body]));
    repo.write("posts/de/a.md", post("lang: de\ntitle: A de", "Zweite Fassung."));
    repo.commit("Update the German a");
    expect(await agrees(repo)).toBe(false);
  });

  it("is neither read nor written with --no-cache, with a path or language filter, or with --worktree", async () => {
    const repo = site();
    await statusReport({ ...env(repo), cache: false });
    await statusReport({ ...env(repo), cache: true, paths: ["posts/en"] });
    await statusReport({ ...env(repo), cache: true, languages: ["de"] });
    await statusReport({ ...env(repo), cache: true, worktree: true });
    // Commands other than status and check (update, report, check --since) analyse without gathering it.
    expect((await analyze({ ...env(repo), cache: true })).memo).toBeNull();
    expect((await analyze({ ...env(repo), cache: true, memo: true })).memo).not.toBeNull();
    expect(existsSync(memoFile(repo))).toBe(false);
  });

  it("is not written when a post is a symbolic link, whose content git doesn't see", async () => {
    const repo = site();
    symlinkSync("../en/b.md", join(repo.dir, "posts/fr/b.md"));
    repo.commit("Link the French b to the English one");
    await statusReport({ ...env(repo), cache: true });
    expect(existsSync(memoFile(repo))).toBe(false);
    // Nor when a linked post is an original, even one with no translation yet (only missing entries).
    const other = site();
    other.write("notes/z.txt", post("title: Z", "Zed."));
    symlinkSync("../../notes/z.txt", join(other.dir, "posts/en/z.md"));
    other.commit("Link an original");
    await statusReport({ ...env(other), cache: true });
    expect((await uncached(other)).translations.filter((e) => e.source === "posts/en/z.md").map((e) => e.status)).toEqual(["missing", "missing"]);
    expect(existsSync(memoFile(other))).toBe(false);
  });

  it("is written beside a linked post that links nothing, which is read again on every run", async () => {
    const repo = site();
    // As many repositories have it now: CLAUDE.md a link to another file, and not a translation. Its target
    // is no post, so no change to it shows as a post's: only reading the link again tells.
    repo.write("posts/agents.txt", "# Notes for agents\n");
    symlinkSync("agents.txt", join(repo.dir, "posts/CLAUDE.md"));
    repo.commit("Add agent notes");
    await remember(repo);
    repo.write("posts/en/b.md", post("title: B", "Second version of b."));
    repo.write("posts/agents.txt", "# Notes for agents\n\nMore notes.\n");
    repo.commit("Edit b and the notes");
    expect(await agrees(repo)).toBe(true);
    // Now the target's front-matter makes the link a translation: the memo must decline.
    await remember(repo);
    repo.write("posts/agents.txt", post("lang: de\ntranslation_of: posts/en/d.md", "Notizen."));
    expect(await agrees(repo)).toBe(false);
    repo.commit("The notes become a translation");
    expect(await agrees(repo)).toBe(false);
  });
});
