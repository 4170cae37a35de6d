import { afterEach, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { runCli } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

/** A site with one original and its translation, then the original renamed with `git mv`. */
function renamed(files: { config?: unknown; from: string; to: string; translation: string; link?: boolean }): ReturnType<typeof statusOf> {
  repo = createRepo();
  if (files.config) repo.write("transtrack.config.json", JSON.stringify(files.config));
  repo.write(files.from, post({ title: "A" }, "Text.\n"));
  repo.write(files.translation, post({ title: "A", lang: "de", ...(files.link ? { translation_of: files.from } : {}) }, "Text.\n"));
  repo.commit("A post and its translation");
  repo.git("mv", files.from, files.to);
  repo.commit("Rename the original");
  return statusOf(repo);
}

describe("a renamed original", () => {
  it("asks a folder-per-language translation to take the new name, with the git mv to run", async () => {
    const report = await renamed({ from: "posts/en/old.md", to: "posts/en/new.md", translation: "posts/de/old.md" });
    expect(entry(report, "posts/de/old.md")).toMatchObject({
      status: "up-to-date",
      source: "posts/en/new.md",
      problems: [{ code: "SOURCE_MOVED_RENAME", file: "posts/de/old.md", args: { from: "posts/en/old.md", to: "posts/en/new.md", rename: "posts/de/new.md" } }],
    });
  });

  it("asks a suffix translation to take the new name", async () => {
    const report = await renamed({ config: { layouts: [{ translation: "docs/{path}.{lang}.md" }] }, from: "docs/old.en.md", to: "docs/new.en.md", translation: "docs/old.de.md" });
    expect(entry(report, "docs/old.de.md").problems).toEqual([
      { code: "SOURCE_MOVED_RENAME", file: "docs/old.de.md", args: { from: "docs/old.en.md", to: "docs/new.en.md", rename: "docs/new.de.md" } },
    ]);
  });

  it("asks a translation_of link to be updated, not the file to be renamed", async () => {
    const report = await renamed({ from: "posts/en/old.md", to: "posts/en/new.md", translation: "notes/de-old.md", link: true });
    expect(entry(report, "notes/de-old.md").problems).toEqual([{ code: "SOURCE_MOVED", file: "notes/de-old.md", args: { from: "posts/en/old.md", to: "posts/en/new.md" } }]);
  });

  it("shows the warning in status and in check's text, where it passes", async () => {
    await renamed({ from: "posts/en/old.md", to: "posts/en/new.md", translation: "posts/de/old.md" });
    const hint = createTranslator("en")("problems.SOURCE_MOVED_RENAME", { from: "posts/en/old.md", to: "posts/en/new.md", file: "posts/de/old.md", rename: "posts/de/new.md" });
    const status = runCli(["status"], repo.dir, repo.env());
    expect(status.stdout).toContain(hint);
    const check = runCli(["check"], repo.dir, repo.env());
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(hint);
  });
});
