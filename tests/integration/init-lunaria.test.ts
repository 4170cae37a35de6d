import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initConfig } from "../../src/status/init.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

// Run, this config would write executed.txt twice over; read as data, it only tells what it says.
const HOSTILE_TS = `import { writeFileSync } from 'node:fs';
import { defineConfig } from '@lunariajs/core/config';

writeFileSync('executed.txt', 'top level');

export default defineConfig({
  repository: { name: 'example/site' },
  sourceLocale: { label: 'English', lang: 'en' },
  locales: [{ label: 'Deutsch', lang: 'de' }, { label: 'Français', lang: 'fr' }],
  files: [{ include: ['docs/en/**/*.md'], pattern: 'docs/@lang/@path', type: 'universal' }],
  tracking: {
    ignoredKeywords: ['i18nIgnore', (writeFileSync('executed.txt', 'in a value'), 'never')],
    localizableProperty: 'i18nReady',
  },
});
`;

function lunariaSite(): void {
  repo = createRepo();
  repo.write("lunaria.config.ts", HOSTILE_TS);
  repo.write("docs/en/a.md", post({ title: "A", i18nReady: true }, "One.\n"));
  repo.write("docs/en/b.md", post({ title: "B", i18nReady: true }, "Two.\n"));
  repo.write("docs/en/draft.md", post({ title: "Draft" }, "Soon.\n"));
  repo.commit("Originals");
  repo.write("docs/de/a.md", post({ title: "A" }, "Eins.\n"));
  repo.write("docs/fr/a.md", post({ title: "A" }, "Un.\n"));
  repo.commit("Translations");
}

describe("init on a Lunaria site", () => {
  it("reads lunaria.config.ts as data, never running it, and writes the equivalent config", async () => {
    lunariaSite();
    const result = await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(existsSync(join(repo.dir, "executed.txt"))).toBe(false);
    const config = JSON.parse(readFileSync(join(repo.dir, "transtrack.config.json"), "utf8"));
    expect(config).toMatchObject({
      sourceLanguage: "en",
      languages: ["de", "fr"],
      layouts: [{ translation: "docs/{lang}/{path}" }],
      ignore: { keywords: ["i18nIgnore"], directives: true },
      keys: { localizable: "i18nReady" },
    });
    expect(result.detection.lunaria).toEqual({ file: "lunaria.config.ts", read: expect.arrayContaining(["sourceLocale", "locales", "files"]), unread: ["tracking.ignoredKeywords"] });
  });

  it("gives a status that follows the site's rules: its keywords, its directives, its localizable property", async () => {
    lunariaSite();
    await initConfig({ cwd: repo.dir, env: repo.env() });
    repo.write("docs/en/a.md", post({ title: "A", i18nReady: true }, "One, with a comma.\n"));
    repo.commit("[i18nIgnore] add a comma");
    repo.write("docs/en/a.md", post({ title: "A", i18nReady: true }, "One, with a comma, and more.\n"));
    repo.write("docs/de/a.md", post({ title: "A" }, "Eins, und mehr.\n"));
    repo.commit("Extend a\n\n@lunaria-track:docs/en/**");
    const report = await statusOf(repo);
    expect(entry(report, "docs/de/a.md")).toMatchObject({ status: "stale", commitsBehind: 1 });
    const missing = report.translations.filter((e) => e.status === "missing").map((e) => `${e.lang} ${e.source}`);
    expect(missing).toEqual(["de docs/en/b.md", "fr docs/en/b.md"]);
  });

  it("says when it could read nothing, and keeps what it detected", async () => {
    lunariaSite();
    repo.write("lunaria.config.ts", "export default await load();\n");
    const result = await initConfig({ cwd: repo.dir, env: repo.env(), dryRun: true });
    expect(result.detection.lunaria).toMatchObject({ read: [], unread: ["*"] });
    expect(result.detection.config).toMatchObject({ sourceLanguage: "en", layouts: [{ translation: "docs/{lang}/{path}" }] });
  });
});

describe("init on a Lunaria site whose source locale has no folder (Starlight's root locale)", () => {
  it("takes the originals from the files outside the language folders", async () => {
    repo = createRepo();
    repo.write("lunaria.config.json", JSON.stringify({
      defaultLocale: { label: "English", lang: "en" },
      locales: [{ label: "Español", lang: "es" }],
      files: [{ location: "docs/**/*.{md,mdx}", pattern: "docs/@lang/@path", type: "universal" }],
    }));
    repo.write("docs/guide.md", post({ title: "Guide" }, "One.\n"));
    repo.write("docs/intro.md", post({ title: "Intro" }, "Two.\n"));
    repo.write("docs/es/guide.md", post({ title: "Guía" }, "Uno.\n"));
    repo.commit("Site");
    const result = await initConfig({ cwd: repo.dir, env: repo.env() });
    expect(result.detection.config.layouts).toEqual([{ source: "docs/{path}", translation: "docs/{lang}/{path}" }]);
    const report = await statusOf(repo);
    expect(entry(report, "docs/es/guide.md")).toMatchObject({ status: "up-to-date", source: "docs/guide.md" });
    expect(report.translations.filter((e) => e.status === "missing").map((e) => e.source)).toEqual(["docs/intro.md"]);
  });
});
