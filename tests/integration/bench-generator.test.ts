import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM without types; the bench imports nothing from src, and this test only runs it.
import { generate } from "../../bench/generate.mjs";
import { analyze } from "../../src/status/get-status.js";

interface TruthEntry {
  lang: string;
  source: string | null;
  translation: string | null;
  status: string;
  baseline: string | null;
  commitsBehind: number;
  staleSince: string | null;
}

const dir = join(mkdtempSync(join(tmpdir(), "transtrack-bench-")), "site");
afterAll(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

/** Checks every entry of the generated truth against what transtrack reports, with and without the cache. */
async function expectTruth(site: string): Promise<TruthEntry[]> {
  const truth = JSON.parse(readFileSync(join(site, ".git", "bench-truth.json"), "utf8")) as { head: string; entries: TruthEntry[] };
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_")));
  for (const cache of [false, true, true]) {
    const { report } = await analyze({ cwd: site, env: { ...env, GIT_CONFIG_NOSYSTEM: "1" }, cache });
    expect(report.head).toBe(truth.head);
    const key = (e: { lang: string; translation: string | null; source: string | null }) => `${e.lang} ${e.translation ?? `missing ${e.source}`}`;
    const got = new Map(report.translations.map((e) => [key(e), e]));
    expect(got.size).toBe(truth.entries.length);
    for (const t of truth.entries) {
      const g = got.get(key(t));
      expect(g?.status, key(t)).toBe(t.status);
      if (t.status === "stale" || t.status === "up-to-date") {
        expect({ baseline: g?.baseline, source: g?.source, commitsBehind: g?.commitsBehind, staleSince: g?.staleSince }, key(t)).toEqual({
          baseline: t.baseline,
          source: t.source,
          commitsBehind: t.commitsBehind,
          staleSince: t.staleSince,
        });
      }
    }
  }
  return truth.entries;
}

describe("bench generator", () => {
  it("builds a site whose ground truth is what transtrack reports, with and without the cache", async () => {
    const meta = await generate({ originals: 60, languages: 4, commits: 240, seed: 3 }, dir);
    expect(meta.commits).toBe(240);
    const statuses = new Set((await expectTruth(dir)).map((e) => e.status));
    // The site exercises more than the easy cases.
    for (const status of ["up-to-date", "stale", "missing", "unknown"]) expect(statuses).toContain(status);
  });

  it("builds the Jekyll blog's shape with its truth: copies, names in two languages, hant", async () => {
    const blog = `${dir}-blog`;
    const meta = await generate({ originals: 120, languages: 9, commits: 400, seed: 5, shape: "blog" }, blog);
    expect(meta.commits).toBe(400);
    const entries = await expectTruth(blog);
    const statuses = new Set(entries.map((e) => e.status));
    for (const status of ["up-to-date", "stale", "missing", "orphaned"]) expect(statuses).toContain(status);
    const sources = new Set(entries.map((e) => e.source));
    expect([...sources].some((s) => s?.startsWith("notes/"))).toBe(true);
    expect([...sources].some((s) => s?.startsWith("original/") && s.endsWith("-zh.md"))).toBe(true);
    expect(entries.some((e) => e.lang === "hant" && e.translation?.startsWith("_posts/hant/"))).toBe(true);
    // Copies: a file in the original's own language.
    expect(entries.some((e) => e.translation !== null && e.source !== null && e.translation.endsWith(e.source.slice(e.source.lastIndexOf("-"))) && e.lang === e.source.slice(e.source.lastIndexOf("-") + 1, -3))).toBe(true);
  });
});
