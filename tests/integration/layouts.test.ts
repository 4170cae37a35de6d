import { afterEach, describe, expect, it } from "vitest";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { entry, post, statusOf } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

function config(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

describe("layouts", () => {
  it("works with no config at all: posts/{lang}/..., source en, targets found on disk", async () => {
    repo = createRepo();
    repo.write("posts/en/guide/intro.md", post({ title: "Intro" }, "Hello.\n"));
    repo.write("posts/en/guide/next.md", post({ title: "Next" }, "Next.\n"));
    repo.write("posts/de/guide/intro.md", post({ title: "Einführung" }, "Hallo.\n"));
    repo.write("posts/fr/guide/next.md", post({ title: "Suivant" }, "Suivant.\n"));
    repo.write("posts/images/readme.md", "not a language folder\n");
    repo.write("README.md", "# A site\n");
    repo.commit("Site");
    const report = await statusOf(repo);
    expect(report.languages).toEqual(["de", "fr"]);
    expect(entry(report, "posts/de/guide/intro.md")).toMatchObject({ status: "up-to-date", source: "posts/en/guide/intro.md", lang: "de" });
    expect(report.summary.de!.missing).toBe(1);
    expect(report.summary.fr!.missing).toBe(1);
  });

  it("takes another root, source language and target list from transtrack.config.json", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", config({ root: "content/docs", sourceLanguage: "de", languages: ["en", "ja"] }));
    repo.write("content/docs/de/a.md", post({ title: "A" }, "Deutsch.\n"));
    repo.write("content/docs/en/a.md", post({ title: "A" }, "English.\n"));
    repo.write("content/docs/fr/a.md", post({ title: "A" }, "Pas une cible.\n"));
    repo.commit("Docs");
    const report = await statusOf(repo);
    expect(report.languages).toEqual(["en", "ja"]);
    expect(entry(report, "content/docs/en/a.md")).toMatchObject({ status: "up-to-date", source: "content/docs/de/a.md" });
    expect(report.translations.some((e) => e.translation === "content/docs/fr/a.md")).toBe(false);
    expect(report.summary.ja!.missing).toBe(1);
  });

  it("suffix side by side (Hugo, Ant Design), with region tags", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", config({ sourceLanguage: "en-US", layouts: [{ translation: "components/{path}.{lang}.md" }] }));
    repo.write("components/button/index.en-US.md", post({ title: "Button" }, "Buttons.\n"));
    repo.write("components/button/index.zh-CN.md", post({ title: "按钮" }, "按钮。\n"));
    repo.commit("Button docs");
    repo.write("components/button/index.en-US.md", post({ title: "Button" }, "Buttons trigger actions.\n"));
    repo.commit("Explain buttons");
    const report = await statusOf(repo);
    expect(entry(report, "components/button/index.zh-CN.md")).toMatchObject({ status: "stale", lang: "zh-CN", source: "components/button/index.en-US.md" });
  });

  it("Hugo's default language without a suffix beside suffixed translations", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", config({ layouts: [{ source: "content/{path}.md", translation: "content/{path}.{lang}.md" }] }));
    repo.write("content/about.md", post({ title: "About" }, "About us.\n"));
    repo.write("content/about.de.md", post({ title: "Über uns" }, "Über uns.\n"));
    repo.write("content/contact.md", post({ title: "Contact" }, "Write.\n"));
    repo.commit("Pages");
    const report = await statusOf(repo);
    expect(entry(report, "content/about.de.md")).toMatchObject({ status: "up-to-date", lang: "de", source: "content/about.md" });
    expect(report.translations.filter((e) => e.status === "missing").map((e) => e.source)).toEqual(["content/contact.md"]);
  });

  it("split folders with a language suffix and a source language per post (Jekyll blog)", async () => {
    repo = createRepo();
    repo.write(
      "transtrack.config.json",
      config({ languages: ["en", "de", "zh"], layouts: [{ source: "original/{path}-{lang}.md", translation: "_posts/{lang}/{path}-{lang}.md" }] }),
    );
    const jekyll = (lang: string, title: string, translated: boolean) =>
      post({ audio: false, generated: translated, image: false, lang, layout: "post", title, translated, type: "note" }, "Text.\n");
    repo.write("original/2025-10-27-china-open-source-ai-en.md", jekyll("en", "China leads the open-source AI race", false));
    repo.write("original/2025-11-02-tea-zh.md", jekyll("zh", "茶", false));
    repo.write("_posts/de/2025-10-27-china-open-source-ai-de.md", jekyll("de", "China führt im Open-Source-KI-Rennen", true));
    repo.write("_posts/en/2025-11-02-tea-en.md", jekyll("en", "Tea", true));
    repo.write("_posts/zh/2025-11-02-tea-zh.md", jekyll("zh", "茶", false));
    repo.commit("Blog");
    const report = await statusOf(repo);
    expect(entry(report, "_posts/de/2025-10-27-china-open-source-ai-de.md")).toMatchObject({
      status: "up-to-date",
      source: "original/2025-10-27-china-open-source-ai-en.md",
    });
    expect(entry(report, "_posts/en/2025-11-02-tea-en.md")).toMatchObject({ status: "up-to-date", source: "original/2025-11-02-tea-zh.md" });
    // The zh original's own-language file is its copy, judged like a translation.
    expect(entry(report, "_posts/zh/2025-11-02-tea-zh.md")).toMatchObject({ status: "up-to-date", source: "original/2025-11-02-tea-zh.md", copy: true });
    expect(entry(report, "_posts/en/2025-11-02-tea-en.md").copy).toBeUndefined();
    const missing = report.translations.filter((e) => e.status === "missing").map((e) => [e.lang, e.source, e.expectedPath, e.copy ?? false]);
    expect(missing).toEqual([
      ["de", "original/2025-11-02-tea-zh.md", "_posts/de/2025-11-02-tea-de.md", false],
      ["en", "original/2025-10-27-china-open-source-ai-en.md", "_posts/en/2025-10-27-china-open-source-ai-en.md", true],
      ["zh", "original/2025-10-27-china-open-source-ai-en.md", "_posts/zh/2025-10-27-china-open-source-ai-zh.md", false],
    ]);
  });

  it("explicit links anywhere, with configured key names", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", config({ keys: { translationOf: "original", lang: "language" } }));
    repo.write("docs/intro.md", post({ title: "Intro" }, "Hello.\n"));
    repo.write("translations/german/intro.md", post({ title: "Einführung", language: "de", original: "docs/intro.md" }, "Hallo.\n"));
    repo.commit("Docs");
    const report = await statusOf(repo);
    expect(entry(report, "translations/german/intro.md")).toMatchObject({ status: "up-to-date", lang: "de", source: "docs/intro.md" });
  });

  it("rejects a bad config naming the field", async () => {
    repo = createRepo();
    repo.write("transtrack.config.json", config({ layouts: [{ translation: "posts/{lang}/x.md" }] }));
    repo.write("posts/en/a.md", "x\n");
    repo.commit("Bad config");
    await expect(statusOf(repo)).rejects.toMatchObject({ name: "ConfigError", code: "CONFIG_INVALID", args: { field: "layouts[0].translation" } });
    repo.write("transtrack.config.json", "{ not json");
    await expect(statusOf(repo)).rejects.toMatchObject({ code: "CONFIG_NOT_JSON" });
    repo.write("transtrack.config.json", config({ languages: "de" }));
    await expect(statusOf(repo)).rejects.toMatchObject({ code: "CONFIG_INVALID", args: { field: "languages" } });
    repo.write("transtrack.config.json", config({ surprise: true }));
    await expect(statusOf(repo)).rejects.toMatchObject({ code: "CONFIG_INVALID", args: { field: "surprise" } });
  });
});
