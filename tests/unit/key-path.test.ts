import { describe, expect, it } from "vitest";
import { parsePattern, readKeyPath, selectKeyPaths, withoutNested } from "../../src/key-path.js";
import { normalizeContent } from "../../src/core/normalize.js";

const starlight = {
  title: "Getting started",
  banner: { content: "Astro v6 is here!" },
  head: [
    { tag: "title", content: "Start | Docs" },
    { tag: "meta", attrs: { name: "x" } },
  ],
  hero: { title: "Astro", tagline: "Build", image: { file: "a.png", alt: "Logo" }, actions: [{ text: "Go", link: "/go" }] },
  features: [{ title: "Fast", details: "Very" }, { title: "Small" }],
  image: "cover.png",
};

describe("key paths", () => {
  it("reads a nested value, and a top-level key spelled with dots when there is no nested one", () => {
    expect(readKeyPath({ l10n: { sourceCommit: "abc" } }, "l10n.sourceCommit")).toBe("abc");
    expect(readKeyPath({ "l10n.sourceCommit": "def" }, "l10n.sourceCommit")).toBe("def");
    expect(readKeyPath({ l10n: "text" }, "l10n.sourceCommit")).toBeUndefined();
    expect(readKeyPath({}, "constructor")).toBeUndefined();
  });

  it("selects what each pattern names, with concrete paths in document order", () => {
    expect(selectKeyPaths(starlight, "banner.content")).toEqual([["banner.content", "Astro v6 is here!"]]);
    expect(selectKeyPaths(starlight, "head[*].content")).toEqual([["head[0].content", "Start | Docs"]]);
    expect(selectKeyPaths(starlight, "features[*].details")).toEqual([["features[0].details", "Very"]]);
    expect(selectKeyPaths(starlight, "features[1].title")).toEqual([["features[1].title", "Small"]]);
    expect(selectKeyPaths(starlight, "hero.*")).toEqual([["hero.title", "Astro"], ["hero.tagline", "Build"], ["hero.image", starlight.hero.image], ["hero.actions", starlight.hero.actions]]);
    expect(selectKeyPaths(starlight, "hero.**")).toEqual([
      ["hero.title", "Astro"],
      ["hero.tagline", "Build"],
      ["hero.image.file", "a.png"],
      ["hero.image.alt", "Logo"],
      ["hero.actions[0].text", "Go"],
      ["hero.actions[0].link", "/go"],
    ]);
    expect(selectKeyPaths(starlight, "**.alt")).toEqual([["hero.image.alt", "Logo"]]);
    expect(selectKeyPaths(starlight, "missing.key")).toEqual([]);
  });

  it("refuses patterns it can't read", () => {
    expect(parsePattern("a..b")).toBeNull();
    expect(parsePattern("head[x]")).toBeNull();
    expect(parsePattern("head[*")).toBeNull();
    expect(parsePattern("head[*].content")).toEqual([{ key: "head" }, { anyItem: true }, { key: "content" }]);
  });

  it("removes a nested value and the parents left empty", () => {
    expect(withoutNested({ l10n: { sourceCommit: "a" }, t: 1 }, ["l10n", "sourceCommit"])).toEqual({ t: 1 });
    expect(withoutNested({ l10n: { sourceCommit: "a", b: 2 } }, ["l10n", "sourceCommit"])).toEqual({ l10n: { b: 2 } });
    expect(withoutNested({ l10n: null }, ["l10n", "sourceCommit"])).toEqual({});
  });
});

describe("normalizeContent with nested translatable keys", () => {
  const keys = ["title", "description", "banner.content", "head[*].content"];
  it("changes when a selected nested text changes, not when another key does", () => {
    const base = normalizeContent(starlight, "Body", keys);
    expect(normalizeContent({ ...starlight, banner: { content: "Astro v7 is here!" } }, "Body", keys)).not.toBe(base);
    expect(normalizeContent({ ...starlight, head: [{ tag: "title", content: "Begin | Docs" }, starlight.head[1]!] }, "Body", keys)).not.toBe(base);
    expect(normalizeContent({ ...starlight, image: "other.png" }, "Body", keys)).toBe(base);
    expect(normalizeContent({ ...starlight, head: [{ tag: "title", content: "Start | Docs" }, { tag: "meta", attrs: { name: "y" } }] }, "Body", keys)).toBe(base);
  });

  it("keeps the form of plain top-level keys", () => {
    expect(normalizeContent({ title: "T", description: "D" }, "B", ["title", "description"])).toBe("description: D\ntitle: T\n\nB");
  });
});

describe("uncountedKeyChanges", () => {
  it("names the changed front-matter values outside translatableKeys, and none inside", async () => {
    const { uncountedKeyChanges } = await import("../../src/core/uncounted-keys.js");
    const keys = ["title", "banner.content", "head[*].content"];
    const after = { ...starlight, image: "other.png", banner: { content: "New!" }, head: [{ tag: "title", content: "Other" }, { tag: "meta", attrs: { name: "y" } }] };
    expect(uncountedKeyChanges(starlight, after, keys)).toEqual(["head[1].attrs.name", "image"]);
    expect(uncountedKeyChanges(starlight, starlight, keys)).toEqual([]);
  });
});
