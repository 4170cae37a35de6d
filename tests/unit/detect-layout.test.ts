import { describe, expect, it } from "vitest";
import { detectLayout } from "../../src/core/detect-layout.js";

describe("detectLayout", () => {
  it("finds a folder per language and the source language", () => {
    const d = detectLayout(["content/en/a.md", "content/en/b/c.md", "content/de/a.md", "content/ja/b/c.md", "README.md"], new Set(["title"]));
    expect(d.kind).toBe("folder");
    expect(d.config).toEqual({ sourceLanguage: "en", languages: ["de", "ja"], layouts: [{ translation: "content/{lang}/{path}" }] });
    expect(d.counts).toEqual({ en: 2, de: 1, ja: 1 });
  });
  it("ignores language-looking folders that share no page", () => {
    expect(detectLayout(["src/js/a.md", "src/ts/b.md"], new Set()).kind).toBe("none");
  });
  it("guesses only tags with a short lowercase primary, since folder names like docs are tags too", () => {
    expect(detectLayout(["content/docs/a.md", "content/blog/a.md"], new Set()).kind).toBe("none");
    expect(detectLayout(["content/en/a.md", "content/hant/a.md"], new Set()).kind).toBe("none");
    expect(detectLayout(["content/en/a.md", "content/zh-hant/a.md", "content/pt_br/a.md"], new Set()).counts).toEqual({ en: 1, "zh-hant": 1, pt_br: 1 });
    expect(detectLayout(["a.en.md", "a.zh_TW.md", "a.draft.md"], new Set()).counts).toEqual({ en: 1, zh_TW: 1 });
  });
  it("finds suffixes side by side and OpenTelemetry's commit key", () => {
    const d = detectLayout(["docs/intro.en.md", "docs/intro.zh-CN.md", "docs/x.en.md"], new Set(["default_lang_commit"]), "en");
    expect(d.kind).toBe("suffix");
    expect(d.config).toMatchObject({ sourceLanguage: "en", languages: ["zh-CN"], layouts: [{ translation: "{path}.{lang}.md" }], keys: { sourceCommit: "default_lang_commit" } });
  });
});

describe("detectLayout on a Jekyll blog's split folders", () => {
  const langs = ["ar", "de", "en", "hant", "ja", "zh"];
  const originals = ["original/2014-02-05-pg-en.md", "original/2014-02-05-pg-zh.md", "original/2025-10-27-ai-en.md", "notes/2025-01-16-moral-zh.md", "notes/2025-03-01-kana-ja.md"];
  const stems = ["2014-02-05-pg", "2025-10-27-ai", "2025-01-16-moral", "2025-03-01-kana"];
  const translations = stems.flatMap((s) => langs.map((l) => `_posts/${l}/${s}-${l}.md`));
  const paths = [...originals, "notes/2025-02-10-x64-assembly-conv.md", ...translations, "README.md", "_layouts/post.md"];

  it("proposes source folders, every language, a source priority and one layout", () => {
    const d = detectLayout(paths, new Set(["title", "translated"]));
    expect(d.kind).toBe("split");
    expect(d.config).toEqual({
      sourceLanguage: "en",
      languages: langs,
      sourcePriority: ["en", "zh", "ja"],
      layouts: [{ source: ["notes/{path}-{lang}.md", "original/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }],
    });
    expect(d.split).toEqual({
      translation: "_posts/{lang}/{path}-{lang}.md",
      folders: ["notes/", "original/"],
      originals: { en: 2, zh: 2, ja: 1 },
      translations: Object.fromEntries(langs.map((l) => [l, 4])),
      copies: { en: 2, ja: 1, zh: 2 },
      multilingual: [{ stem: "2014-02-05-pg", originals: ["original/2014-02-05-pg-en.md", "original/2014-02-05-pg-zh.md"] }],
      unmatched: ["notes/2025-02-10-x64-assembly-conv.md"],
    });
  });

  it("still prefers the folder and suffix layouts where they are what the site has", () => {
    expect(detectLayout(["content/en/a.md", "content/de/a.md", "content/de/a-de.md"], new Set()).kind).toBe("folder");
    expect(detectLayout(["docs/intro.en.md", "docs/intro.zh-CN.md"], new Set()).kind).toBe("suffix");
  });

  it("writes one source pattern when the originals are in one folder, and no priority for one language", () => {
    const d = detectLayout(["original/a-en.md", "_posts/en/a-en.md", "_posts/de/a-de.md"], new Set());
    expect(d.config).toEqual({ sourceLanguage: "en", languages: ["de", "en"], layouts: [{ source: "original/{path}-{lang}.md", translation: "_posts/{lang}/{path}-{lang}.md" }] });
  });
});
