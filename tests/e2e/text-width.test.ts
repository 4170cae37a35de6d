import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/render/width.js";
import { runCli } from "../helpers/cli.js";
import { staleSite, type StaleSite } from "../helpers/stale-site.js";

let site: StaleSite;
beforeAll(() => {
  site = staleSite();
  // A long name, so that a row can't fit in 60 columns.
  site.repo.write("posts/en/why-translations-go-stale-and-what-next.md", "---\ntitle: Long\n---\nOne.\n");
  site.repo.commit("Add a post with a long name");
  site.repo.write("posts/de/why-translations-go-stale-and-what-next.md", "---\ntitle: Lang\nlang: de\n---\nEins.\n");
  site.repo.commit("Translate it");
  site.repo.write("posts/en/why-translations-go-stale-and-what-next.md", "---\ntitle: Long\n---\nOne, and more.\n");
  site.repo.commit("Extend it");
});
afterAll(() => site.repo.cleanup());

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Every whitespace-separated word of a text. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("text output laid out to the terminal's width", () => {
  for (const locale of ["en", "de", "zh"]) {
    for (const args of [["status", "--missing"], ["check"]]) {
      it(`${args.join(" ")} in ${locale}: no line wider than 60, 80 or 120 columns, and no word split`, () => {
        const wide = runCli([...args, "--locale", locale], site.repo.dir, site.repo.env());
        expect(wide.stdout).toContain("posts/de/why-translations-go-stale-and-what-next.md");
        // Without a terminal and without COLUMNS, an entry keeps to one line: some are wider than 120.
        expect(Math.max(...wide.stdout.split("\n").map(displayWidth))).toBeGreaterThan(120);
        const vocabulary = new Set(words(wide.stdout));
        for (const width of [60, 80, 120]) {
          const run = runCli([...args, "--locale", locale], site.repo.dir, { ...site.repo.env(), COLUMNS: String(width) });
          expect(run.code).toBe(wide.code);
          for (const line of run.stdout.split("\n")) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
          // A word is never split; Chinese text, written without spaces, may break between its characters.
          const split = words(run.stdout).filter((w) => !vocabulary.has(w) && !(CJK.test(w) && [...vocabulary].some((v) => CJK.test(v) && v.includes(w))));
          expect(split, `${width}:\n${run.stdout}`).toEqual([]);
        }
      });
    }
  }

  for (const locale of ["en", "de", "zh"]) {
    it(`help in ${locale}: no line wider than 60, 80 or 120 columns, and no word split`, () => {
      for (const args of [["help"], ["help", "check"], ["status", "--help"]]) {
        const wide = runCli([...args, "--locale", locale], site.repo.dir, { ...site.repo.env(), COLUMNS: "1000" });
        expect(wide.code).toBe(0);
        const vocabulary = new Set(words(wide.stdout));
        for (const width of [60, 80, 120]) {
          const run = runCli([...args, "--locale", locale], site.repo.dir, { ...site.repo.env(), COLUMNS: String(width) });
          for (const line of run.stdout.split("\n")) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
          const split = words(run.stdout).filter((w) => !vocabulary.has(w) && !(CJK.test(w) && [...vocabulary].some((v) => CJK.test(v) && v.includes(w))));
          expect(split, `${args.join(" ")} at ${width}:\n${run.stdout}`).toEqual([]);
        }
      }
    });
  }
});
