import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/render/json.js";
import { analyze } from "../../src/status/get-status.js";
import { refreshFromMemo, statusReport } from "../../src/status/refresh-status.js";
import { GitRepo } from "../../src/git/repo.js";
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

/** One random change to the site, committed or left on disk; each kind the memo must answer or decline correctly. */
function change(repo: TestRepo, r: ReturnType<typeof random>, step: number): string {
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
  ];
  r.pick(kinds)();
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

// MEMO_SEEDS=1,2,…,40 MEMO_STEPS=25 runs a longer search (and prints how often the memo answered).
describe("report memo against full runs, on random histories", () => {
  for (const seed of (process.env.MEMO_SEEDS ?? "1,2,3").split(",").map(Number)) {
    it(`gives a full run's JSON after every step (seed ${seed})`, async () => {
      const r = random(seed);
      const repo = createRepo();
      try {
        repo.write("transtrack.config.json", JSON.stringify({ root: "posts", languages: LANGS }));
        for (const name of ORIGINALS) repo.write(`posts/en/${name}.md`, post(`title: ${name}`, `First version of ${name}.`));
        repo.commit("Originals");
        for (const name of ORIGINALS.slice(0, 3)) for (const lang of LANGS) repo.write(`posts/${lang}/${name}.md`, post(`lang: ${lang}`, "Erste."));
        repo.commit("Translations");
        const options = { cwd: repo.dir, env: repo.env() };
        const text = (result: { json(): Iterable<string | Buffer> }) => [...result.json()].map((part) => part.toString()).join("");
        let answered = 0;
        for (let step = 0; step < Number(process.env.MEMO_STEPS ?? 14); step++) {
          const how = change(repo, r, step);
          const full = renderJson((await analyze({ ...options, cache: false })).report);
          const { repo: git, state } = (await GitRepo.openWithState(repo.dir, repo.env()))!;
          const fromMemo = await refreshFromMemo(git, { ...options, cache: true }, state).finally(() => git.close());
          if (fromMemo !== null) {
            answered++;
            expect(text(fromMemo), `seed ${seed}, step ${step} (${how}), from the memo`).toBe(full);
          }
          // The run a user makes: from the memo, or in full (writing a new memo for the next step).
          expect(text(await statusReport({ ...options, cache: true })), `seed ${seed}, step ${step} (${how})`).toBe(full);
        }
        // Some steps must have been answered from the memo, or this test would prove nothing about it (the
        // default seeds are chosen so; in a longer search a seed may happen to decline throughout).
        if (process.env.MEMO_SEEDS) console.log(`seed ${seed}: ${answered} answered from the memo`);
        else expect(answered).toBeGreaterThan(0);
      } finally {
        repo.cleanup();
      }
    });
  }
});
