import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/json-schema.js";
import { parseConfig } from "../../src/config/load.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { parsePost } from "../../src/posts/read-post.js";
import { PROBLEM_CODES } from "../../src/core/types.js";

const keys = DEFAULT_CONFIG.keys;

describe("parsePost", () => {
  it("reads the linking fields", () => {
    const post = parsePost("p.md", "---\nlang: de\ntranslation_of: posts/en/a.md\nsource_commit: ABCDEF1\n---\nx", keys);
    expect(post).toMatchObject({ lang: "de", translationOf: "posts/en/a.md", sourceCommit: "abcdef1", invalid: false, problems: [] });
    expect(parsePost("p.md", "---\ntitle: |\n  Two\n  lines\n---\n", keys).title).toBe("Two lines");
  });
  it("takes an unquoted sha that YAML reads as a number exactly as written", () => {
    expect(parsePost("p.md", "---\nsource_commit: 1234567\n---\n", keys).sourceCommit).toBe("1234567");
    expect(parsePost("p.md", "---\nsource_commit: 0123456701\n---\n", keys).sourceCommit).toBe("0123456701");
    expect(parsePost("p.md", "---\nsource_commit: 1234e56789 # abbreviated\n---\n", keys).sourceCommit).toBe("1234e56789");
    expect(parsePost("p.md", "---\nsource_commit: 0x1f\n---\n", keys)).toMatchObject({ sourceCommit: null, invalid: true });
  });
  it("reports wrong types with the field and its line", () => {
    const post = parsePost("p.md", "---\ntitle: x\nlang: [de]\nsource_commit: not-a-sha\n---\n", keys);
    expect(post.invalid).toBe(true);
    expect(post.problems).toEqual([
      { code: "INVALID_FIELD", file: "p.md", line: 3, args: { field: "lang", expected: "language tag" } },
      { code: "INVALID_FIELD", file: "p.md", line: 4, args: { field: "source_commit", expected: "commit sha" } },
    ]);
  });
  it("never evaluates JavaScript front-matter", () => {
    const globalWithFlag = globalThis as { transtrackRan?: boolean };
    const post = parsePost("p.md", "---js\n{ lang: (globalThis.transtrackRan = true, 'de') }\n---\n", keys);
    expect(post.invalid).toBe(true);
    expect(globalWithFlag.transtrackRan).toBeUndefined();
  });
  it("accepts a post without front-matter, or with an empty one", () => {
    expect(parsePost("p.md", "# Just Markdown\n", keys)).toMatchObject({ invalid: false, lang: null });
    expect(parsePost("p.md", "---\n---\nBody\n", keys)).toMatchObject({ invalid: false });
  });
});

describe("parseConfig", () => {
  it("applies defaults and the root shorthand", () => {
    const config = parseConfig('{"root": "content", "languages": ["de"]}', "c.json");
    expect(config.layouts).toEqual([{ sources: ["content/{lang}/{path}"], translation: "content/{lang}/{path}" }]);
    expect(config.translatableKeys).toEqual(["title", "description"]);
    expect(config.languages).toEqual(["de"]);
  });
  it("takes one source pattern or several, and a priority of source languages", () => {
    const blog = parseConfig(
      JSON.stringify({ sourcePriority: ["en", "zh"], layouts: [{ source: ["original/{path}-{lang}.md", "notes/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }] }),
      "c.json",
    );
    expect(blog.layouts).toEqual([{ sources: ["original/{path}-{lang}.md", "notes/{path}-{lang}.md"], translation: "_posts/{lang}/{path}-{lang}.md" }]);
    expect(blog.sourcePriority).toEqual(["en", "zh"]);
    expect(parseConfig("{}", "c.json").sourcePriority).toEqual([]);
    const field = (layout: unknown) => {
      try {
        parseConfig(JSON.stringify({ layouts: [layout] }), "c.json");
      } catch (error) {
        return (error as { args: { field: string } }).args.field;
      }
      return null;
    };
    const translation = "_posts/{lang}/{path}-{lang}.md";
    expect(field({ source: ["notes/{path}-{lang}.md", "notes/{lang}.md"], translation })).toBe("layouts[0].source[1]");
    expect(field({ source: [], translation })).toBe("layouts[0].source");
    expect(field({ source: 5, translation })).toBe("layouts[0].source");
    expect(() => parseConfig('{"sourcePriority": ["en", "z h"]}', "c.json")).toThrow(expect.objectContaining({ args: expect.objectContaining({ field: "sourcePriority[1]" }) }));
  });
  it("names the field of the first error", () => {
    expect(() => parseConfig('{"check": {"failOn": ["stale", "late"]}}', "c.json")).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", args: expect.objectContaining({ field: "check.failOn[1]" }) }));
    expect(() => parseConfig('{"root": "../outside"}', "c.json")).toThrow(expect.objectContaining({ args: expect.objectContaining({ field: "root" }) }));
    expect(() => parseConfig("[1,", "c.json")).toThrow(expect.objectContaining({ code: "CONFIG_NOT_JSON" }));
  });
  it("ships a JSON Schema that matches the zod schema", () => {
    const shipped = JSON.parse(readFileSync(new URL("../../schema/config.schema.json", import.meta.url), "utf8"));
    expect(shipped).toEqual(configJsonSchema());
  });
});

describe("problem codes", () => {
  it("each has an English message, and no message is left without a code", () => {
    const en = JSON.parse(readFileSync(new URL("../../locales/en.json", import.meta.url), "utf8")) as { problems: Record<string, string> };
    expect(Object.keys(en.problems).sort()).toEqual([...PROBLEM_CODES].sort());
  });
});
