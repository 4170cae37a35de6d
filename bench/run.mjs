#!/usr/bin/env node
// The benchmark: `npm run bench [-- --originals 3000 --languages 6 --commits 6000 --seed 1 --runs 5]`,
// `npm run bench -- --shape blog` for a multilingual Jekyll blog's layout at its size (see bench/generate.mjs),
// `npm run bench -- --quick` for a small site. Flags may also come from BENCH_ORIGINALS, BENCH_LANGUAGES,
// BENCH_COMMITS, BENCH_SEED, BENCH_RUNS, BENCH_QUICK=1. `--baseline-cli PATH` also times another build
// (say, an older commit's dist/cli/main.js) with `--no-cache` in the same rounds; `--naive-sample K|all`
// (default 400).
//
// In one run it builds (or reuses) the synthetic site, then times, as child processes:
//   floor        `git log --name-only --format=%H` over the whole history plus reading every post once
//   cold         `transtrack status --json --no-cache` (the built CLI, dist/cli/main.js)
//   first run    `transtrack status --json` with no cache yet (it writes one)
//   warm         `transtrack status --json` after 5 new commits, the cache covering the commit before them
//   translated   the same after 3 more commits by translators (a translation caught up, one synced, one marked)
//   steady       the analysis alone, repeated in one warmed-up process (bench/steady.mjs): what judging every
//                entry costs without Node's start-up, the least any run of this design can take
//   naive        one `git log` per post (bench/naive.mjs), on a sample, extrapolated to every post
// and checks every status of the cold and the warm run against the generator's ground truth, prints the
// medians, the ratios and the peak memory, and writes them to bench/.work/results-<size>.json.
//
// Peak memory is the transtrack process's own: getrusage's ru_maxrss read at exit by bench/lib/maxrss.mjs
// (loaded with `node --import`). When /usr/bin/time exists, the peak of the whole process tree (git
// children included) is shown beside it.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { BENCH_DIR, git, gitEnv, intOption, parseArgs, WORK_DIR } from "./lib/common.mjs";
import { ensureSite, sizeFromArgs } from "./generate.mjs";

const ROOT = join(BENCH_DIR, "..");
const CLI = join(ROOT, "dist", "cli", "main.js");
const MAXRSS = join(BENCH_DIR, "lib", "maxrss.mjs");
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

const args = parseArgs(process.argv.slice(2));
const quick = args.quick === true || process.env.BENCH_QUICK === "1";
const params = sizeFromArgs(args);
const runs = intOption(args, "runs", "BENCH_RUNS", quick ? 3 : 5);
const naiveSample = String(args["naive-sample"] ?? (quick ? "all" : "400"));
/** Another build of transtrack (e.g. an older commit's dist/cli/main.js) timed in the same rounds, for before/after figures. */
const baselineCli = typeof args["baseline-cli"] === "string" ? args["baseline-cli"] : null;
const env = gitEnv();
const say = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run bench does)`);
say(`transtrack bench: ${params.originals} originals × ${params.languages} languages, ${params.commits} commits (seed ${params.seed}${params.shape ? `, ${params.shape} shape` : ""}), ${runs} runs`);
const site = await ensureSite(params, { force: args.force === true, log: say });
const truth = JSON.parse(readFileSync(site.truthFile, "utf8"));
const cacheDir = (dir) => join(git(dir, ["rev-parse", "--absolute-git-dir"], env).trim(), "transtrack");

/** Runs a command to its end; wall time in ms, stdout, and peak RSS of the process (and of its tree). */
function measure(argv, { cwd = ROOT, capture = false, rss = false } = {}) {
  const rssFile = join(WORK_DIR, `maxrss-${process.pid}.json`);
  const treeFile = join(WORK_DIR, `tree-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const command = [...(TIME ? [TIME, "-f", "%M", "-o", treeFile] : []), ...(rss ? [process.execPath, "--import", MAXRSS, ...argv.slice(1)] : argv)];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command[0], command.slice(1), { cwd, env: { ...env, TRANSTRACK_BENCH_MAXRSS: rssFile }, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (c) => capture && out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${argv.join(" ")} exited with ${code}: ${Buffer.concat(err).toString().slice(0, 2000)}`));
      const self = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, "utf8")).maxRssKb : null;
      const tree = TIME && existsSync(treeFile) ? Number(readFileSync(treeFile, "utf8").trim().split("\n").pop()) : null;
      resolve({ ms, stdout: capture ? Buffer.concat(out).toString("utf8") : "", selfKb: self, treeKb: tree });
    });
  });
}

const transtrack = (dir, ...extra) => measure([process.execPath, CLI, "-C", dir, "status", "--json", ...extra], { capture: true, rss: true });
// Without the cache: a build of the same cache format would otherwise answer from this build's memo.
const baseline = (dir) => measure([process.execPath, baselineCli, "-C", dir, "status", "--json", "--no-cache"], { capture: true, rss: true });
const floor = (dir, mode) => measure([process.execPath, join(BENCH_DIR, "floor.mjs"), dir, ...(mode === "concurrent" ? ["--concurrent"] : [])], { capture: true, rss: true });

/** Compares a report with the ground truth: every status, and baseline, source, commits behind and date of judged entries. */
function check(reportText) {
  const report = JSON.parse(reportText);
  const key = (e) => `${e.lang}\0${e.translation ?? `missing:${e.source}`}`;
  const got = new Map(report.translations.map((e) => [key(e), e]));
  const result = { entries: truth.entries.length, reported: report.translations.length, statusMismatches: 0, detailMismatches: 0, examples: [] };
  for (const t of truth.entries) {
    const g = got.get(key(t));
    got.delete(key(t));
    if (!g || g.status !== t.status) {
      result.statusMismatches += 1;
      if (result.examples.length < 5) result.examples.push({ expected: t, got: g ?? null });
    } else if ((t.status === "stale" || t.status === "up-to-date") && (g.baseline !== t.baseline || g.source !== t.source || g.commitsBehind !== t.commitsBehind || g.staleSince !== t.staleSince)) {
      result.detailMismatches += 1;
      if (result.examples.length < 5) result.examples.push({ expected: t, got: g });
    }
  }
  result.statusMismatches += got.size; // entries the truth doesn't know
  if (report.head !== truth.head) result.statusMismatches += 1;
  return result;
}

// ---- the warm scenario: a clone of the site with five more commits on top
const warmDir = `${site.dir}-warm`;
const warmMeta = join(WORK_DIR, `${site.dir.split("/").pop()}-warm.json`);
let warm = existsSync(warmMeta) && existsSync(warmDir) ? JSON.parse(readFileSync(warmMeta, "utf8")) : null;
if (!warm || warm.base !== truth.head || !warm.translated) {
  say("preparing the warm-cache clone (five new commits, then three by translators)…");
  rmSync(warmDir, { recursive: true, force: true });
  execFileSync("git", ["clone", "-q", site.dir, warmDir], { env });
  // The site's untracked translations are part of its truth; a clone doesn't bring them.
  for (const path of git(site.dir, ["ls-files", "-z", "--others", "--exclude-standard"], env).split("\0").filter(Boolean)) {
    mkdirSync(dirname(join(warmDir, path)), { recursive: true });
    writeFileSync(join(warmDir, path), readFileSync(join(site.dir, path)));
  }
  // The blog shape's originals are in original/ and notes/, its German files at _posts/de/{slug}-de.md.
  const blog = params.shape === "blog";
  const originals = blog
    ? git(warmDir, ["ls-files", "original", "notes"], env).split("\n").filter((p) => /-(en|zh|ja)\.md$/.test(p))
    : git(warmDir, ["ls-files", "posts/en"], env).split("\n").filter(Boolean);
  const commitAll = (message, day) => {
    const date = `2031-01-${String(day).padStart(2, "0")}T10:00:00Z`;
    execFileSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-q", "-am", message], {
      cwd: warmDir,
      env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    return git(warmDir, ["rev-parse", "HEAD"], env).trim();
  };
  const edits = [];
  for (let i = 0; i < 5; i++) {
    const path = originals[(i * 7919) % originals.length];
    writeFileSync(join(warmDir, path), `${readFileSync(join(warmDir, path), "utf8")}\nA new paragraph, number ${i}, that translators must follow.\n`);
    edits.push({ path, commit: commitAll(`Update ${path}`, i + 1) });
  }
  const head = edits.at(-1).commit;
  // Then translators' commits: a translation caught up without source_commit, one synced to an edit above,
  // and one marked at its original's last change before these commits (as `transtrack mark` writes it).
  const translations = new Set(git(warmDir, ["ls-files", blog ? "_posts/de" : "posts/de"], env).split("\n").filter(Boolean));
  const german = (path) => (blog ? `_posts/de/${path.slice(path.lastIndexOf("/") + 1).replace(/-[a-z]+\.md$/, "")}-de.md` : path.replace(/^posts\/en\//, "posts/de/"));
  const setSourceCommit = (text, sha) => (/^source_commit:.*$/m.test(text) ? text.replace(/^source_commit:.*$/m, `source_commit: ${sha}`) : text.replace(/^---\n/, `---\nsource_commit: ${sha}\n`));
  const plain = originals.map(german).find((path) => translations.has(path) && !/^source_commit:/m.test(readFileSync(join(warmDir, path), "utf8")));
  const synced = edits.map((e) => ({ ...e, translation: german(e.path) })).find((e) => translations.has(e.translation));
  const lastChange = (path) => git(warmDir, ["log", "-1", "--format=%H", head, "--", path], env).trim();
  const marked = originals
    .slice(Math.floor(originals.length / 2))
    .find((path) => translations.has(german(path)) && german(path) !== plain && !readFileSync(join(warmDir, german(path)), "utf8").includes(lastChange(path)));
  const steps = [
    [plain, (text) => `${text}\nEin neuer Absatz.\n`, "Translate more of"],
    [synced?.translation, (text) => `${setSourceCommit(text, synced.commit)}\nDer neue Absatz.\n`, "Sync"],
    [marked && german(marked), (text) => setSourceCommit(text, lastChange(marked)), "Mark"],
  ];
  steps.forEach(([path, edit, verb], i) => {
    if (!path) throw new Error(`the warm clone has no translation to ${verb.toLowerCase()}`);
    writeFileSync(join(warmDir, path), edit(readFileSync(join(warmDir, path), "utf8")));
    commitAll(`${verb} ${path}`, 10 + i);
  });
  warm = { base: truth.head, head, translated: git(warmDir, ["rev-parse", "HEAD"], env).trim() };
  writeFileSync(warmMeta, JSON.stringify(warm));
}
const moveWarm = (sha) => git(warmDir, ["reset", "-q", "--hard", sha], env);

// ---- warm-up: page cache and git's own caches, untimed
say("warming up…");
await floor(site.dir, "sequential");
await transtrack(site.dir, "--no-cache");

const samples = { floor: [], floorConcurrent: [], cold: [], first: [], warm: [], unchanged: [], translated: [], ...(baselineCli ? { baseline: [] } : {}) };
/** Per round: the in-process analysis's median over its repeated runs (bench/steady.mjs). */
samples.steady = [];
let baselineCheck = null;
let coldCheck = null;
let warmCheck = null;
let warmIdentical = true;
let translatedIdentical = true;
for (let round = 1; round <= runs; round++) {
  say(`round ${round}/${runs}…`);
  samples.floor.push(await floor(site.dir, "sequential"));
  samples.floorConcurrent.push(await floor(site.dir, "concurrent"));
  const cold = await transtrack(site.dir, "--no-cache");
  samples.cold.push(cold);
  coldCheck ??= check(cold.stdout);
  if (baselineCli) {
    const before = await baseline(site.dir);
    samples.baseline.push(before);
    baselineCheck ??= check(before.stdout);
  }
  rmSync(cacheDir(site.dir), { recursive: true, force: true });
  samples.first.push(await transtrack(site.dir));
  // The cache covers the commit before the five new ones, then HEAD moves on to them.
  moveWarm(warm.base);
  await transtrack(warmDir);
  moveWarm(warm.head);
  const second = await transtrack(warmDir);
  samples.warm.push(second);
  samples.unchanged.push(await transtrack(warmDir));
  if (round === 1) {
    const uncached = await transtrack(warmDir, "--no-cache");
    warmIdentical = uncached.stdout === second.stdout;
  }
  // The same cache, and three translators' commits on top of the five.
  moveWarm(warm.translated);
  const translated = await transtrack(warmDir);
  samples.translated.push(translated);
  if (round === 1) {
    translatedIdentical = (await transtrack(warmDir, "--no-cache")).stdout === translated.stdout;
    moveWarm(warm.base);
    warmCheck = check((await transtrack(warmDir)).stdout); // the clone at the site's HEAD, from the cache the run above left
  }
  // The analysis alone, repeated in one warmed-up process with nothing new: no start-up, no cache to update.
  moveWarm(warm.head);
  await transtrack(warmDir);
  samples.steady.push(JSON.parse((await measure([process.execPath, join(BENCH_DIR, "steady.mjs"), warmDir, "--runs", "5"], { capture: true })).stdout));
}

say(`naive per-file queries (${naiveSample === "all" ? "every translation" : `${naiveSample} translations`}, ${availableParallelism()} jobs)…`);
const naive = JSON.parse((await measure([process.execPath, join(BENCH_DIR, "naive.mjs"), site.dir, ...(naiveSample === "all" ? [] : ["--sample", naiveSample]), "--jobs", String(availableParallelism())], { capture: true })).stdout);
const truthBy = new Map(truth.entries.map((e) => [e.translation, e.status]));
const naiveAgrees = naive.statuses.filter((s) => truthBy.get(s.translation) === s.status).length;

// ---- figures
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];
const stat = (runsOf) => ({ medianMs: median(runsOf.map((r) => r.ms)), minMs: Math.min(...runsOf.map((r) => r.ms)), selfKb: Math.max(...runsOf.map((r) => r.selfKb ?? 0)), treeKb: runsOf.some((r) => r.treeKb) ? Math.max(...runsOf.map((r) => r.treeKb ?? 0)) : null });
const figures = Object.fromEntries(Object.entries(samples).filter(([k]) => k !== "steady").map(([k, v]) => [k, stat(v)]));
const steady = { medianMs: median(samples.steady.map((r) => r.medianMs)), minMs: Math.min(...samples.steady.map((r) => r.minMs)) };
const floorMs = figures.floor.medianMs;
const peakKb = Math.max(figures.cold.selfKb, figures.first.selfKb, figures.warm.selfKb, figures.unchanged.selfKb);
const peakTreeKb = figures.cold.treeKb === null ? null : Math.max(figures.cold.treeKb, figures.first.treeKb, figures.warm.treeKb, figures.unchanged.treeKb);
const ratios = {
  coldToFloor: figures.cold.medianMs / floorMs,
  firstToFloor: figures.first.medianMs / floorMs,
  warmToFloor: figures.warm.medianMs / floorMs,
  unchangedToFloor: figures.unchanged.medianMs / floorMs,
  translatedToFloor: figures.translated.medianMs / floorMs,
  steadyToFloor: steady.medianMs / floorMs,
  naiveToCold: naive.extrapolatedMs / figures.cold.medianMs,
};
// The blog shape's targets (issue: at the blog's size) are looser: 2× the floor, 500 MB.
const blogShape = params.shape === "blog";
const targets = {
  ...(blogShape ? { "cold ≤ 2× floor": ratios.coldToFloor <= 2 } : { "cold ≤ 1.5× floor": ratios.coldToFloor <= 1.5 }),
  "naive ≥ 50× cold": ratios.naiveToCold >= 50,
  ...(blogShape ? { "peak memory ≤ 500 MB": peakKb / 1024 <= 500 } : { "peak memory < 300 MB": peakKb / 1024 < 300 }),
  "every status = ground truth": coldCheck.statusMismatches === 0 && warmCheck.statusMismatches === 0,
  "warm (5 new commits) ≤ 0.5× floor": ratios.warmToFloor <= 0.5,
  "cached report = uncached report": warmIdentical && translatedIdentical,
};
const meta = JSON.parse(readFileSync(join(site.dir, ".git", "bench-meta.json"), "utf8"));
const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.+)$/m) ?? [])[1] ?? "unknown CPU";
const machine = {
  nproc: availableParallelism(),
  cpu,
  ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  git: execFileSync("git", ["--version"], { encoding: "utf8" }).trim(),
  node: process.version,
};
const s = (ms) => `${(ms / 1000).toFixed(3)} s`;
const row = (label, f, ratio) => `  ${label.padEnd(44)} ${s(f.medianMs).padStart(9)} ${s(f.minMs).padStart(9)} ${ratio === undefined ? "" : `${ratio.toFixed(2)}×`.padStart(8)}`;
const lines = [
  "",
  `site: ${meta.files} files, ${meta.posts} posts, ${meta.commits} commits (${meta.stats.merges} merges, ${meta.stats.renames} renames), ${truth.entries.length} report entries`,
  `machine: ${machine.nproc} × ${machine.cpu}, ${machine.ramGiB} GiB RAM, ${machine.git}, node ${machine.node}`,
  "",
  `  ${"".padEnd(44)} ${"median".padStart(9)} ${"min".padStart(9)} ${"÷ floor".padStart(8)}`,
  row("floor: git log --name-only + read posts", figures.floor, 1),
  row("floor, the two at once", figures.floorConcurrent, figures.floorConcurrent.medianMs / floorMs),
  row("status --json --no-cache", figures.cold, ratios.coldToFloor),
  row("status --json, first run (writes the cache)", figures.first, ratios.firstToFloor),
  row("status --json, 5 new commits (warm cache)", figures.warm, ratios.warmToFloor),
  row("status --json, nothing new (warm cache)", figures.unchanged, ratios.unchangedToFloor),
  row("status --json, 5 + 3 translators' commits", figures.translated, ratios.translatedToFloor),
  row("the analysis alone, in a warmed-up process", steady, ratios.steadyToFloor),
  ...(baselineCli ? [row("baseline build: status --json --no-cache", figures.baseline, figures.baseline.medianMs / floorMs)] : []),
  `  ${`naive, one git log per post (${naive.sampled === naive.translations ? "all" : `${naive.sampled} sampled`}, ${naive.jobs} jobs)`.padEnd(44)} ${s(naive.extrapolatedMs).padStart(9)} ${"".padStart(9)} ${`${(naive.extrapolatedMs / floorMs).toFixed(1)}×`.padStart(8)}`,
  "",
  `  per-file queries ÷ status --no-cache: ${ratios.naiveToCold.toFixed(0)}× (${naive.processes} git processes took ${s(naive.ms)}: ${naive.msPerProcess.toFixed(1)} ms each, × ${naive.posts} posts)`,
  `  peak memory of the transtrack process: ${(peakKb / 1024).toFixed(0)} MB${peakTreeKb === null ? "" : ` (largest process of its tree, git included: ${(peakTreeKb / 1024).toFixed(0)} MB)`}; floor ${(figures.floor.selfKb / 1024).toFixed(0)} MB`,
  `  ground truth: ${coldCheck.entries} entries; --no-cache: ${coldCheck.statusMismatches} status and ${coldCheck.detailMismatches} detail mismatches; from the cache: ${warmCheck.statusMismatches} and ${warmCheck.detailMismatches}`,
  `  cached report identical to --no-cache: after 5 new commits ${warmIdentical ? "yes" : "NO"}, after 3 more by translators ${translatedIdentical ? "yes" : "NO"}`,
  ...(baselineCli ? [`  baseline build (${baselineCli}): ${baselineCheck.statusMismatches} status and ${baselineCheck.detailMismatches} detail mismatches, peak ${(figures.baseline.selfKb / 1024).toFixed(0)} MB`] : []),
  `  naive statuses agreeing with the ground truth: ${naiveAgrees} of ${naive.statuses.length} (dates, not ancestry or content)`,
  "",
  ...Object.entries(targets).map(([name, ok]) => `  ${ok ? "PASS" : "FAIL"}  ${name}`),
  "",
];
process.stdout.write(lines.join("\n"));
for (const example of [...coldCheck.examples, ...warmCheck.examples].slice(0, 5)) say(`mismatch: ${JSON.stringify(example)}`);
mkdirSync(WORK_DIR, { recursive: true });
const resultsFile = join(WORK_DIR, `results-n${params.originals}-l${params.languages}-c${params.commits}-s${params.seed}${params.shape ? `-${params.shape}` : ""}.json`);
writeFileSync(resultsFile, `${JSON.stringify({ params, runs, machine, site: { ...meta, dir: site.dir }, figures, steady, ratios, peakKb, peakTreeKb, naive: { ...naive, statuses: undefined, agrees: naiveAgrees }, coldCheck, warmCheck, warmIdentical, translatedIdentical, targets }, null, 2)}\n`);
say(`results: ${resultsFile}`);
