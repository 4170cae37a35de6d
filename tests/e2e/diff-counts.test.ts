import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { runCli } from "../helpers/cli.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite, post } from "../helpers/status.js";

const en = createTranslator("en");
const paragraphs = (first: string, last: string) => [first, ...Array.from({ length: 8 }, (_, i) => `Paragraph ${i}.`), last].join("\n\n") + "\n";

let repo: TestRepo;
beforeAll(() => {
  repo = alphaBetaSite();
  repo.write("posts/en/c.md", post({ title: "C" }, paragraphs("A first paragraph.", "The last words.")));
  repo.write("posts/de/c.md", post({ title: "C", lang: "de" }, "Übersetzt.\n"));
  repo.commit("C and its translation");
  // b: only trailing spaces and a key that isn't translated; c: a re-wrap at the top, a real edit at the end.
  repo.write("posts/en/b.md", post({ title: "Beta", image: true }, "Beta.   \n"));
  repo.write("posts/en/c.md", post({ title: "C" }, paragraphs("A first\nparagraph.", "The very last words.")));
  repo.commit("Tidy b, edit c");
});
afterAll(() => repo.cleanup());

const json = (args: string[]) => JSON.parse(runCli(["diff", ...args, "--json"], repo.dir, repo.env()).stdout) as { status: string; hunks?: { counts: boolean }[]; changes?: { counts: boolean }[] };

describe("diff tells the changes that count from those that don't", () => {
  it("marks each hunk in --json, and each line hunk under --word", () => {
    expect(json(["posts/de/c.md"]).hunks!.map((h) => h.counts)).toEqual([false, true]);
    expect(json(["posts/de/c.md", "--word"]).changes!.map((h) => h.counts)).toEqual([false, true]);
    const b = json(["posts/de/b.md"]);
    expect(b.status).toBe("up-to-date");
    expect(b.hunks!.length).toBeGreaterThan(0);
    expect(b.hunks!.every((h) => !h.counts)).toBe(true);
  });

  it("marks the hunks that don't count in the text, and says how many there are", () => {
    for (const args of [["posts/de/c.md"], ["posts/de/c.md", "--word"]]) {
      const text = runCli(["diff", ...args], repo.dir, repo.env()).stdout;
      const marked = text.split("\n").filter((l) => l.endsWith(en("diff.uncountedHunk")));
      // The re-wrapped first paragraph is marked (one hunk header, or its lines word by word); the edit is not.
      expect(marked.length, text).toBeGreaterThanOrEqual(1);
      expect(marked.some((l) => l.includes("last words")), text).toBe(false);
      expect(text).toContain("very");
      expect(text).toContain(en("diff.uncountedHunks", { count: 1 }));
    }
  });

  it("says an up-to-date translation is up to date when the original changed only in ways that don't count", () => {
    const text = runCli(["diff", "posts/de/b.md"], repo.dir, repo.env()).stdout;
    expect(text).toContain(en("diff.nothingCounts", { translation: "posts/de/b.md" }));
    expect(runCli(["diff", "posts/de/c.md"], repo.dir, repo.env()).stdout).not.toContain(en("diff.nothingCounts", { translation: "posts/de/c.md" }));
  });
});
