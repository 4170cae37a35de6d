import { structuredPatch } from "diff";
import { describe, expect, it } from "vitest";
import { weighChange } from "../../src/core/weigh-change.js";
import { lineDiff } from "../../src/report/line-diff.js";
import { translatableContent } from "../../src/status/contents.js";

const normalize = (text: string) => translatableContent(text, ["title", "description"]);
const weigh = (before: string, after: string) => weighChange(before, structuredPatch("", "", before, after, "", "", { context: 1 }).hunks, normalize);

const filler = Array.from({ length: 6 }, (_, i) => `Filler paragraph ${i}.\n`).join("\n");

describe("which parts of a change count", () => {
  it("a re-wrapped paragraph and trailing spaces don't; a changed word does", () => {
    const before = `---\ntitle: A\n---\nOne long sentence that wraps.\n\n${filler}\nThe last words.\n`;
    const after = `---\ntitle: A\n---\nOne long sentence\nthat wraps.   \n\n${filler}\nThe very last words.\n`;
    expect(weigh(before, after)).toEqual([false, true]);
  });

  it("a front-matter key outside translatableKeys doesn't; the title does", () => {
    const before = `---\ntitle: A\nimage: false\n${[1, 2, 3, 4].map((i) => `x${i}: 1\n`).join("")}audio: false\n---\nBody.\n`;
    const after = `---\ntitle: B\nimage: false\n${[1, 2, 3, 4].map((i) => `x${i}: 1\n`).join("")}audio: true\n---\nBody.\n`;
    expect(weigh(before, after)).toEqual([true, false]);
  });

  it("a hunk that doesn't fit the text it claims to come from counts, rather than be hidden", () => {
    expect(weighChange("a\nb\n", [{ oldStart: 5, oldLines: 1, lines: ["-zzz", "+y"] }], normalize)).toEqual([true]);
  });

  it("marks the report's lines of a hunk that doesn't count, and only those", () => {
    const before = `---\ntitle: A\n---\nOne long sentence that wraps.\n\n${filler}\nThe last words.\n`;
    const after = `---\ntitle: A\n---\nOne long sentence\nthat wraps.\n\n${filler}\nThe very last words.\n`;
    const diff = lineDiff(before, after, { from: "a", to: "b" }, undefined, normalize);
    const hunks = diff.lines.filter((l) => l.kind === "hunk");
    expect(hunks.map((h) => h.uncounted === true)).toEqual([true, false]);
    expect(diff.lines.filter((l) => l.uncounted && l.kind === "added").map((l) => l.text)).toEqual(["One long sentence", "that wraps."]);
  });
});
