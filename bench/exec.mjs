#!/usr/bin/env node
// Times `transtrack update --exec … --missing` with a translator that does next to nothing, so the figure is
// transtrack's own cost per translation: `node bench/exec.mjs [--sample] [--shape blog --originals 1000
// --commits 2400] [--runs 3] [--jobs 1,4]`.
//
// --sample runs on the sample blog in posts/ (a clone of this repository); otherwise on the synthetic site
// of bench/generate.mjs, copied whole (its untracked translations included). Each run starts from a fresh
// copy, runs `status --json`, then `update --exec` with each --jobs value (default: 1 and transtrack's
// default, one per core), then `status --json` again, and checks that every selected translation is now up to
// date and every other entry kept its status. Translations per second are counted over the whole command
// and over its translating part (the command's time less the time of a `status` run before it).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_DIR, gitEnv, intOption, parseArgs } from "./lib/common.mjs";
import { ensureSite, sizeFromArgs } from "./generate.mjs";

const ROOT = join(BENCH_DIR, "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const args = parseArgs(process.argv.slice(2));
const runs = intOption(args, "runs", "BENCH_RUNS", 3);
const jobsList = String(args.jobs ?? `1,${availableParallelism()}`).split(",").map(Number);
const env = { ...gitEnv(), GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "b@example.com", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "b@example.com" };
const say = (line) => process.stderr.write(`${line}\n`);
// Writes a minimal post: the cheapest translator that still produces a valid, changed translation.
const NOOP = `sh -c 'printf "%s\\n" --- "lang: $TRANSTRACK_LANG" "generated: true" --- "x" > "$TRANSTRACK_TRANSLATION"'`;

let source;
let copy;
if (args.sample === true) {
  source = ROOT;
  copy = (dir) => execFileSync("git", ["clone", "-q", "--no-hardlinks", ROOT, dir], { env });
} else {
  const site = await ensureSite(sizeFromArgs(args), { log: say });
  source = site.dir;
  copy = (dir) => cpSync(site.dir, dir, { recursive: true });
}

const cli = (dir, argv) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [CLI, ...argv], { cwd: dir, env, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ...result, ms };
};
const key = (e) => `${e.lang} ${e.translation ?? e.expectedPath ?? e.source}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

say(`update --exec bench on ${source}, ${runs} runs, --jobs ${jobsList.join(" and ")}`);
const results = {};
for (const jobs of jobsList) {
  const totals = [];
  const statuses = [];
  let selected = 0;
  for (let run = 0; run < runs; run++) {
    const dir = join(mkdtempSync(join(tmpdir(), "transtrack-exec-bench-")), "site");
    try {
      copy(dir);
      const before = cli(dir, ["status", "--json"]);
      const report = JSON.parse(before.stdout);
      const chosen = new Set(
        report.translations
          .filter((e) => e.status === "stale" || (e.status === "missing" && e.expectedPath && !e.problems.some((p) => p.code === "AMBIGUOUS_SOURCE")))
          .map(key),
      );
      const exec = cli(dir, ["update", "--exec", NOOP, "--missing", "--jobs", String(jobs), "--quiet"]);
      if (exec.status !== 0) throw new Error(`update --exec exited ${exec.status}: ${exec.stderr}`);
      const after = JSON.parse(cli(dir, ["status", "--json"]).stdout);
      // Each selected translation is up to date now (a missing one under its expected path); every other keeps its status.
      const was = new Map(report.translations.map((e) => [key(e), e.status]));
      for (const e of after.translations) {
        const k = key(e);
        if (chosen.has(k)) {
          if (e.status !== "up-to-date") throw new Error(`${k} is ${e.status} after the run`);
        } else if (was.get(k) !== e.status) throw new Error(`${k} went from ${was.get(k)} to ${e.status}`);
      }
      const upToDate = after.translations.filter((e) => chosen.has(key(e))).length;
      if (upToDate !== chosen.size) throw new Error(`${chosen.size - upToDate} selected translations are not in the report after the run`);
      selected = chosen.size;
      totals.push(exec.ms);
      statuses.push(before.ms);
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  }
  const total = median(totals);
  const status = median(statuses);
  results[jobs] = { translations: selected, totalMs: Math.round(total), statusMs: Math.round(status), perSecond: +(selected / (total / 1000)).toFixed(1), translatingPerSecond: +(selected / ((total - status) / 1000)).toFixed(1) };
  say(`--jobs ${jobs}: ${selected} translations in ${(total / 1000).toFixed(2)} s (status alone ${(status / 1000).toFixed(2)} s): ${results[jobs].perSecond}/s overall, ${results[jobs].translatingPerSecond}/s translating`);
}
process.stdout.write(`${JSON.stringify({ source, runs, results }, null, 2)}\n`);
