import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM without types; the bench imports nothing from src, and this test only runs it.
import { generate } from "../../bench/generate.mjs";
import type { Entry, Report } from "../../src/core/types.js";
import { runCli } from "../helpers/cli.js";
import { translators } from "../helpers/translators.js";

const root = mkdtempSync(join(tmpdir(), "transtrack-exec-blog-"));
const tools = translators();
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  tools.cleanup();
});

const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_"))), GIT_CONFIG_NOSYSTEM: "1" } as NodeJS.ProcessEnv;

/** Every file under a folder, by path relative to `dir`, with its bytes. */
function files(dir: string, under: string, out = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(join(dir, under))) {
    const path = `${under}/${name}`;
    if (statSync(join(dir, path)).isDirectory()) files(dir, path, out);
    else out.set(path, readFileSync(join(dir, path), "latin1"));
  }
  return out;
}

const selected = (e: Entry) => e.status === "stale" || (e.status === "missing" && !!e.expectedPath && !e.problems.some((p) => p.code === "AMBIGUOUS_SOURCE"));

describe("update --exec on a generated Jekyll blog", () => {
  it("leaves every selected translation up to date or exactly as it was, and status agrees", { timeout: 120_000 }, async () => {
    const dir = join(root, "blog");
    await generate({ originals: 12, languages: 9, commits: 60, seed: 11, shape: "blog" }, dir);
    const before = JSON.parse(runCli(["status", "--json"], dir, env).stdout) as Report;
    const bytes = files(dir, "_posts");
    const chosen = before.translations.filter(selected);
    expect(chosen.some((e) => e.status === "stale")).toBe(true);
    expect(chosen.some((e) => e.status === "missing")).toBe(true);
    expect(chosen.some((e) => e.lang === "fr")).toBe(true);

    // French fails (the translator writes half a file, then exits 1); every other language is translated.
    const bin = join(tools.dir, "fake tools");
    const command = `sh -c 'if [ "$TRANSTRACK_LANG" = fr ]; then exec "$0" "$1/fail.mjs"; else exec "$0" "$1/rewrite.mjs"; fi' '${process.execPath}' '${bin}'`;
    const run = runCli(["update", "--exec", command, "--missing", "--keep-going"], dir, env);
    expect(run.code).toBe(1);

    const after = JSON.parse(runCli(["status", "--json"], dir, env).stdout) as Report;
    const key = (e: Entry) => `${e.lang} ${e.translation ?? e.expectedPath}`;
    const now = new Map(after.translations.map((e) => [key(e), e]));
    const wasSelected = new Set(chosen.map(key));
    for (const e of chosen) {
      const path = e.translation ?? e.expectedPath!;
      if (e.lang === "fr") {
        // As it was: the same status, the same bytes, or still no file.
        expect(now.get(key(e))?.status, path).toBe(e.status);
        if (e.translation) expect(readFileSync(join(dir, path), "latin1"), path).toBe(bytes.get(path));
        else expect(existsSync(join(dir, path)), path).toBe(false);
      } else {
        expect(now.get(`${e.lang} ${path}`)?.status, path).toBe("up-to-date");
      }
    }
    // Nothing else changed: every other entry keeps its status, every other file its bytes.
    for (const e of before.translations.filter((x) => !wasSelected.has(key(x)))) expect(now.get(key(e))?.status, key(e)).toBe(e.status);
    const touched = new Set(chosen.filter((e) => e.lang !== "fr").map((e) => e.translation ?? e.expectedPath!));
    const later = files(dir, "_posts");
    for (const [path, content] of bytes) if (!touched.has(path)) expect(later.get(path), path).toBe(content);
    expect([...later.keys()].filter((p) => !bytes.has(p) && !touched.has(p))).toEqual([]);
  });
});
