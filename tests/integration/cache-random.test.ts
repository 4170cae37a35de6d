import pc from "picocolors";
import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/render/json.js";
import { renderStatus } from "../../src/render/status-text.js";
import { markTranslations } from "../../src/status/mark.js";
import { statusReport } from "../../src/status/get-status.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

const post = (fields: string, body: string) => `---\n${fields}\n---\n\n${body}\n`;

/** A small deterministic generator (LCG), so a failure names its seed and step. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, chance: (p: number) => next() < p };
}

const ORIGINALS = ["a", "b", "c", "d", "e"];
const LANGS = ["de", "fr"];

/** One random change to the site, committed or left on disk; each kind a cache must not be fooled by. */
async function change(repo: TestRepo, r: ReturnType<typeof random>, step: number): Promise<string> {
  const name = r.pick(ORIGINALS);
  const lang = r.pick(LANGS);
  const kinds = [
    () => repo.write(`posts/en/${name}.md`, post(`title: ${name}`, `Version ${step} of ${name}.`)),
    () => repo.write(`posts/en/${name}.md`, post(`title: ${name}`, `Version   ${step}\nof ${name}.`)),
    () => repo.write(`posts/en/${name}.md`, post(`title: ${name}\ntags: [t${step}]`, `Version ${step} of ${name}.`)),
    () => repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}\ntitle: ${name} ${lang}`, `Übersetzung ${step}.`)),
    () => repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}\ntitle: ${name} ${lang}\ntranslation_of: posts/en/${r.pick(ORIGINALS)}.md`, `Neu ${step}.`)),
    () => repo.write(`posts/en/n${step}.md`, post(`title: new ${step}`, "A new original.")),
    () => repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}\nsource_commit: ${repo.git("rev-parse", "HEAD").slice(0, r.pick([7, 12, 40]))}`, `Synced ${step}.`)),
    // As `mark` does: the last commit that changed the original.
    () => repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}\nsource_commit: ${repo.git("log", "-1", "--format=%H", "--", `posts/en/${name}.md`) || "0badc0de"}`, `Marked ${step}.`)),
    () => {
      const from = `posts/en/${name}.md`;
      try {
        repo.git("mv", from, `posts/en/${name}-${step}.md`);
      } catch {
        repo.write(from, post(`title: ${name}`, "Recreated."));
      }
    },
    () => {
      const path = `posts/${lang}/${name}.md`;
      try {
        repo.remove(path);
      } catch {
        repo.write(path, post(`lang: ${lang}`, "Back."));
      }
    },
    // A deleted original: its translations become orphaned.
    () => {
      try {
        repo.remove(`posts/en/${name}.md`);
      } catch {
        repo.write(`posts/en/${name}.md`, post(`title: ${name}`, "Back again."));
      }
    },
    // `mark`, through the API, as a translator would run it.
    async () => {
      await markTranslations({ cwd: repo.dir, env: repo.env(), translations: [`posts/${lang}/${name}.md`] }).catch(() => undefined);
    },
  ];
  await r.pick(kinds)();
  // Rewritten history: the last commit dropped, or amended, so that the cached HEAD is no ancestor of the new one.
  if (r.chance(0.08) && repo.git("rev-list", "--count", "HEAD") !== "1") {
    repo.git("reset", "-q", "--hard", "HEAD~1");
    return "reset";
  }
  if (r.chance(0.05)) {
    repo.git("commit", "-q", "--amend", "--allow-empty", "-m", `Amended ${step}`);
    return "amend";
  }
  // A change that wrote what was there already has nothing to commit.
  const how = repo.git("status", "--porcelain") === "" ? "none" : r.pick(["commit", "commit", "commit", "skip", "disk", "branch"] as const);
  if (how === "commit") repo.commit(`Step ${step}`);
  else if (how === "skip") repo.commit(`Step ${step} [skip translation]`);
  else if (how === "branch") {
    repo.commit(`Step ${step}`);
    repo.git("checkout", "-q", "-b", `side${step}`, "HEAD~1");
    repo.write(`posts/en/${r.pick(ORIGINALS)}.md`, post("title: side", `Side version ${step}.`));
    repo.commit(`Side ${step}`);
    repo.git("checkout", "-q", "main");
    try {
      repo.git("merge", "-q", "--no-ff", "-m", `Merge side${step}`, `side${step}`);
    } catch {
      repo.git("merge", "--abort");
    }
  }
  return `${how}`;
}

// CACHE_SEEDS=1,2,…,40 CACHE_STEPS=40 runs a longer search.
describe("cached runs against --no-cache runs, on random histories", () => {
  const seeds = (process.env.CACHE_SEEDS ?? "1,2,3,4,5,6,7,8").split(",").map(Number);
  for (const seed of seeds) {
    it(`prints exactly what a run without caches prints, after every step (seed ${seed})`, async () => {
      const r = random(seed);
      const repo = createRepo();
      try {
        repo.write("transtrack.config.json", JSON.stringify({ root: "posts", languages: LANGS }));
        for (const name of ORIGINALS) repo.write(`posts/en/${name}.md`, post(`title: ${name}`, `First version of ${name}.`));
        repo.commit("Originals");
        for (const name of ORIGINALS.slice(0, 3)) for (const lang of LANGS) repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}`, "Erste."));
        repo.commit("Translations");
        const options = { cwd: repo.dir, env: repo.env(), now: new Date("2026-06-01T00:00:00Z") };
        const t = (key: string) => key;
        const color = pc.createColors(false);
        const print = (report: Awaited<ReturnType<typeof statusReport>>["report"]) =>
          renderJson(report) + renderStatus(report, { all: true, missing: true, quiet: false, t: t as never, color });
        for (let step = 0; step < Number(process.env.CACHE_STEPS ?? 25); step++) {
          const how = await change(repo, r, step);
          const cached = print((await statusReport({ ...options, cache: true })).report);
          const full = print((await statusReport({ ...options, cache: false })).report);
          expect(cached, `seed ${seed}, step ${step} (${how})`).toBe(full);
          // Twice: the second run reads what the first wrote.
          expect(print((await statusReport({ ...options, cache: true })).report), `seed ${seed}, step ${step} (${how}), again`).toBe(full);
        }
      } finally {
        repo.cleanup();
      }
    }, 120_000);
  }
});
