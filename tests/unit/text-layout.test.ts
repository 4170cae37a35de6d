import { describe, expect, it } from "vitest";
import { displayWidth, layOut, wrapText } from "../../src/render/width.js";

/** Every whitespace-separated word of a text, escape codes removed. */
const words = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "").split(/\s+/).filter(Boolean);

describe("measuring and laying out terminal text", () => {
  it("measures emoji, modifiers and joined sequences as the terminal draws them", () => {
    expect(displayWidth("✅ done")).toBe(7);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("👨‍👩‍👧‍👦")).toBe(2);
    expect(displayWidth("\u001b[32m第一段\u001b[39m")).toBe(6);
    expect(displayWidth("a\tb")).toBe(9);
  });

  it("keeps a row on one line when there is no width, and breaks it between pieces when there is", () => {
    const pieces = ["  stale  posts/de/a-long-name.md", "← posts/en/a-long-name.md", "2 commits behind", "+11 −1", "since 2026-10-20"];
    const seps = ["", "  ", "  ", " · ", " · "];
    const wide = layOut(pieces, seps, { width: Infinity, indent: 9 });
    expect(wide).toEqual(["  stale  posts/de/a-long-name.md  ← posts/en/a-long-name.md  2 commits behind · +11 −1 · since 2026-10-20"]);
    for (const width of [36, 45, 60, 80]) {
      const lines = layOut(pieces, seps, { width, indent: 9 });
      for (const line of lines) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      // No word is cut: every word of the laid-out text is a word of the row.
      expect(words(lines.join("\n")).every((w) => words(wide[0]!).includes(w)), lines.join("\n")).toBe(true);
      // "+11 −1" is one piece: it moves whole.
      expect(lines.some((l) => l.includes("+11 −1")), lines.join("\n")).toBe(true);
    }
  });

  it("wraps prose at spaces and keeps a command in backticks whole", () => {
    const text = "See what changed with `transtrack diff posts/de/a.md`, update it, then run `transtrack mark posts/de/a.md`.";
    const lines = wrapText(text, 50, 2);
    expect(lines.every((l) => displayWidth(l) <= 50)).toBe(true);
    expect(lines.some((l) => l.includes("`transtrack diff posts/de/a.md`,"))).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith("  "))).toBe(true);
  });

  it("cuts only a word wider than the whole line, and only at the width", () => {
    const lines = wrapText(`x ${"a".repeat(50)} y`, 20);
    expect(lines.every((l) => displayWidth(l) <= 20)).toBe(true);
    expect(lines.join("").replace(/\s/g, "")).toBe(`x${"a".repeat(50)}y`);
  });
});
