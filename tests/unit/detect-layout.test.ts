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
