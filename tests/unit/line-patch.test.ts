import { applyPatch, formatPatch, structuredPatch } from "diff";
import { describe, expect, it } from "vitest";
import { isBinary, linePatch, MAX_EDIT_LENGTH, wordParts } from "../../src/core/line-patch.js";

const lines = (n: number, word: string) => Array.from({ length: n }, (_, i) => `line ${i} ${word}\n`).join("");

describe("linePatch", () => {
  it("is jsdiff's shortest diff while the change is within the cap", () => {
    const before = "a\nb\nc\n";
    const after = "a\r\nB\r\nc\r\nd\r\n";
    const result = linePatch("x", "x", before, after, { context: 3 });
    expect(result).toEqual({ binary: false, exact: true, patch: structuredPatch("x", "x", before, after.replace(/\r\n/g, "\n"), "", "", { context: 3 }) });
  });

  it("past the cap, gives a correct diff of the middle at once: applying it yields the new text", () => {
    const cases: [string, string][] = [
      [lines(10_000, "old"), lines(10_000, "new")],
      [`head\n${lines(3000, "old")}tail\n`, `head\n${lines(2500, "new")}tail`],
      [`${lines(3000, "old")}same`, `${lines(3000, "new")}same`],
      [lines(3000, "old"), ""],
      ["", lines(3000, "new")],
    ];
    for (const [before, after] of cases) {
      const result = linePatch("x", "x", before, after, { context: 3 });
      if (result.binary) throw new Error("not binary");
      expect(result.exact).toBe(false);
      expect(applyPatch(before, formatPatch(result.patch))).toBe(after);
    }
  });

  it("treats a text with a NUL as binary, as git does, and diffs it not at all", () => {
    expect(isBinary("a\0b")).toBe(true);
    expect(isBinary(`${"x".repeat(9000)}\0`)).toBe(false);
    expect(linePatch("x", "x", "\0\x01\x02", "text", { context: 3 })).toEqual({ binary: true });
    expect(wordParts("\0", "x")).toBeNull();
  });

  it("gives up on a word diff past the cap", () => {
    const words = (w: string) => Array.from({ length: MAX_EDIT_LENGTH * 2 }, (_, i) => `${w}${i}`).join(" ");
    expect(wordParts(words("a"), words("b"))).toBeNull();
    expect(wordParts("one two", "one three")?.some((p) => p.added)).toBe(true);
  });
});
