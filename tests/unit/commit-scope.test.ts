import { describe, expect, it } from "vitest";
import { commitScope, countsFor } from "../../src/core/ignore.js";

const RULES = { messages: [], trailers: [], keywords: ["typo", "en-only", "broken link"], directives: true };

describe("commitScope", () => {
  it("reads a keyword in the subject only, in any case, as literal text", () => {
    expect(commitScope("Fix TYPO in intro", RULES)).toEqual({ none: true });
    expect(commitScope("Fix a\nBroken link", RULES)).toEqual({ none: true });
    expect(commitScope("Reword\n\nnot a typo", RULES)).toBeNull();
    expect(commitScope("a.b", { ...RULES, keywords: ["a*b"] })).toBeNull();
  });

  it("reads the first directive of the body, globs split at ; and trimmed, empty ones dropped", () => {
    expect(commitScope("Sweep\n\n@lunaria-track:a/**; b.md ;;\r\n@lunaria-ignore:c.md", RULES)).toEqual({ track: ["a/**", "b.md"] });
    expect(commitScope("Sweep\n\n@lunaria-ignore:c.md", RULES)).toEqual({ ignore: ["c.md"] });
    expect(commitScope("Sweep\n\n@tracker-major:a.md", RULES)).toEqual({ track: ["a.md"] });
    expect(commitScope("Sweep\n\n@tracker-minor:a.md", RULES)).toEqual({ ignore: ["a.md"] });
    expect(commitScope("Sweep\n\n@lunaria-track:", RULES)).toEqual({ track: [] });
    expect(commitScope("@lunaria-track:a.md", RULES)).toBeNull();
    expect(commitScope("Sweep\n\n@lunaria-track:a.md", { ...RULES, directives: false })).toBeNull();
  });

  it("reads Translation-Track and Translation-Ignore trailers, with or without Lunaria's directives", () => {
    expect(commitScope("Edit\n\nWhy.\n\nTranslation-Ignore: posts/de/**\ntranslation-track: posts/en/*.md", { ...RULES, directives: false })).toEqual({
      track: ["posts/en/*.md"],
      ignore: ["posts/de/**"],
    });
    expect(commitScope("Translation-Ignore: posts/de/**", RULES)).toBeNull();
  });
});

describe("countsFor", () => {
  it("applies track, ignore and keywords with picomatch's defaults", () => {
    expect(countsFor(null, "a.md")).toBe(true);
    expect(countsFor({ none: true }, "a.md")).toBe(false);
    expect(countsFor({ track: ["src/content/docs/en/**/*.mdx"] }, "src/content/docs/en/guides/a.mdx")).toBe(true);
    expect(countsFor({ track: ["src/content/docs/en/**/*.mdx"] }, "src/content/docs/de/guides/a.mdx")).toBe(false);
    expect(countsFor({ track: [] }, "a.md")).toBe(false);
    expect(countsFor({ ignore: ["docs/de/*.md"] }, "docs/de/a.md")).toBe(false);
    expect(countsFor({ ignore: ["docs/de/*.md"] }, "docs/fr/a.md")).toBe(true);
    expect(countsFor({ track: ["docs/**"], ignore: ["docs/de/**"] }, "docs/de/a.md")).toBe(false);
  });
});

describe("globs from commit messages, which anyone writes", () => {
  it("keep to 32 a commit, and a glob longer than 256 characters matches nothing", () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}/**`).join(";");
    expect(commitScope(`Sweep\n\n@lunaria-track:${many}`, RULES)?.track).toHaveLength(32);
    const long = `${"a/".repeat(200)}**`;
    expect(countsFor({ track: [long] }, `${"a/".repeat(200)}x.md`)).toBe(false);
    expect(countsFor({ ignore: [long] }, `${"a/".repeat(200)}x.md`)).toBe(true);
  });
});
