#!/usr/bin/env node
// The per-file approach (Kubernetes' lsync.sh, Lunaria): one `git log` per post, then dates compared.
// For each translation: the log of the translation and the log of its original (each original's log is
// asked once and shared by its translations); stale when the original has a commit without an ignore
// directive that is newer than the translation's baseline (its `source_commit`, else its last commit).
//
//   node bench/naive.mjs DIR [--sample K] [--seed S] [--jobs J]
//
// With --sample, K translations are picked at random and the time per git process is extrapolated to one
// process per post of the site. Prints one JSON line: timings and the statuses it decided.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs, seededRandom } from "./lib/common.mjs";
import { gitOutput } from "./lib/spawn-git.mjs";

const dir = process.argv[2];
const args = parseArgs(process.argv.slice(3));
const jobs = Number(args.jobs ?? 2);
const POST = /\.(md|markdown|mdx)$/i;

const git = async (argv) => (await gitOutput(dir, argv)).toString("utf8");

const posts = (await git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])).split("\0").filter((p) => POST.test(p));
// The blog shape (`_posts/{lang}/{slug}-{lang}.md`) names its original by slug, in original/ or notes/: the
// one in the translation's own language, else the first of en, zh, ja.
const BLOG = /^_posts\/([^/]+)\/(.+)-\1\.md$/;
const blog = posts.some((p) => BLOG.test(p));
const bySlug = new Map();
for (const p of posts) {
  const m = /^(?:original|notes)\/(.+)-([a-z]+)\.md$/.exec(p);
  if (m) bySlug.set(`${m[1]}\0${m[2]}`, p);
}
const originalOf = (translation) => {
  if (!blog) return translation.replace(/^posts\/[^/]+\//, "posts/en/");
  const [, lang, slug] = BLOG.exec(translation) ?? [];
  for (const l of [lang, "en", "zh", "ja"]) if (bySlug.has(`${slug}\0${l}`)) return bySlug.get(`${slug}\0${l}`);
  return `original/${slug}-en.md`;
};
const translations = posts.filter((p) => (blog ? BLOG.test(p) : !p.startsWith("posts/en/")));
let chosen = translations;
if (args.sample !== undefined && Number(args.sample) < translations.length) {
  const r = seededRandom(Number(args.seed ?? 7));
  const pool = [...translations];
  chosen = [];
  for (let i = 0; i < Number(args.sample); i++) chosen.push(pool.splice(r.int(0, pool.length - 1), 1)[0]);
}

const logs = new Map();
let processes = 0;
function logOf(path) {
  if (!logs.has(path)) {
    processes += 1;
    logs.set(
      path,
      git(["log", "--format=%H%x1f%ct%x1f%B%x1e", "--", path]).then((out) =>
        out
          .split("\x1e")
          .map((r) => r.trim())
          .filter(Boolean)
          .map((r) => {
            const [sha, time, message = ""] = r.split("\x1f");
            return { sha, time: Number(time), ignored: /\[skip translation\]|^translation:\s*skip$/im.test(message) };
          }),
      ),
    );
  }
  return logs.get(path);
}

const started = performance.now();
const statuses = [];
let next = 0;
async function worker() {
  while (next < chosen.length) {
    const translation = chosen[next++];
    const original = originalOf(translation);
    const [own, source] = await Promise.all([logOf(translation), logOf(original)]);
    let status;
    if (source.length === 0) status = "orphaned";
    else {
      const text = readFileSync(join(dir, translation), "utf8");
      const recorded = /^source_commit:\s*"?([0-9a-f]+)"?\s*$/m.exec(text)?.[1];
      const baseline = recorded ? source.find((c) => c.sha.startsWith(recorded)) ?? null : own[0] ?? null;
      if (!baseline) status = "unknown";
      else status = source.some((c) => !c.ignored && c.time > baseline.time) ? "stale" : "up-to-date";
    }
    statuses.push({ translation, status });
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
const elapsed = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ sampled: chosen.length, translations: translations.length, posts: posts.length, processes, ms: elapsed, msPerProcess: elapsed / processes, extrapolatedMs: (elapsed / processes) * posts.length, jobs, statuses })}\n`,
);
