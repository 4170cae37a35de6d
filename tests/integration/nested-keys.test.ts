import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { markTranslations } from "../../src/status/mark.js";
import { initConfig } from "../../src/status/init.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const CONFIG = JSON.stringify({ root: "files", sourceLanguage: "en-us", keys: { sourceCommit: "l10n.sourceCommit" } });

/** An MDN-shaped site: `files/{lang}/…`, translations recording `l10n: sourceCommit:`. */
function mdnSite(): { first: string } {
  repo = createRepo();
  repo.write("transtrack.config.json", CONFIG);
  repo.write("files/en-us/web/at.md", "---\ntitle: Array.prototype.at()\nslug: Web/at\n---\n\nThe at() method.\n");
  const first = repo.commit("Add at()");
  repo.write("files/en-us/web/at.md", "---\ntitle: Array.prototype.at()\nslug: Web/at\n---\n\nThe at() method takes an integer.\n");
  repo.commit("Explain at()");
  // Translated (and committed) after the edit, but recording the first version as its source.
  repo.write("files/fr/web/at.md", `---\r\ntitle: Array.prototype.at()\r\nslug: Web/at\r\nl10n:\r\n  # by hand\r\n  sourceCommit: ${first}\r\n---\r\n\r\nLa méthode at().\r\n`);
  repo.commit("Translate at() into French");
  return { first };
}

describe("a nested source-commit key (MDN's l10n.sourceCommit)", () => {
  it("is read by status as the baseline", async () => {
    const { first } = mdnSite();
    const e = entry(await statusOf(repo), "files/fr/web/at.md");
    expect(e).toMatchObject({ status: "stale", baseline: first, commitsBehind: 1 });
  });

  it("is written back in place by mark, every other byte kept, and then read as up to date", async () => {
    const { first } = mdnSite();
    const path = join(repo.dir, "files/fr/web/at.md");
    const before = readFileSync(path, "utf8");
    const [result] = await markTranslations({ cwd: repo.dir, env: repo.env(), translations: ["files/fr/web/at.md"] });
    const head = repo.git("rev-parse", "HEAD~1");
    expect(result).toMatchObject({ changed: true, key: "l10n.sourceCommit", commit: head });
    expect(readFileSync(path, "utf8")).toBe(before.replace(first, head));
    expect(entry(await statusOf(repo), "files/fr/web/at.md")).toMatchObject({ status: "up-to-date", baseline: head });
  });

  it("names the key in a problem about it", async () => {
    mdnSite();
    repo.write("files/fr/web/at.md", "---\ntitle: at\nl10n:\n  sourceCommit: 0000000\n---\nLa méthode.\n");
    const e = entry(await statusOf(repo), "files/fr/web/at.md");
    expect(e.problems).toContainEqual(expect.objectContaining({ code: "SOURCE_COMMIT_NOT_FOUND", args: { key: "l10n.sourceCommit", commit: "0000000" } }));
  });

  it("is proposed by init when the translations record it", async () => {
    mdnSite();
    repo.remove("transtrack.config.json");
    const result = await initConfig({ cwd: repo.dir, env: repo.env(), dryRun: true });
    expect(result.detection.config.keys).toEqual({ sourceCommit: "l10n.sourceCommit" });
  });
});
