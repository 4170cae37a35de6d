#!/usr/bin/env node
// The floor: what any method that reads git history and the posts pays, and nothing more.
// One bare `git log --name-only --format=%H` over the whole history, streamed into this process and
// discarded, plus reading every post (listed by `git ls-files`) once, as bytes, with the fastest reads
// Node has (synchronous: a third of what fs.promises costs per small file).
//
//   node bench/floor.mjs DIR [--concurrent]
//
// Sequential (the default, the floor the ratios use): the log, then the reads; "one git pass plus reading
// every post". --concurrent reads while git runs, the least wall time the two could take together; the
// reads are then done in slices so that git's pipe keeps draining. Prints one JSON line.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { streamGit } from "./lib/spawn-git.mjs";

const dir = process.argv[2];
const concurrent = process.argv.includes("--concurrent");
const POST = /\.(md|markdown|mdx)$/i;
const started = performance.now();

async function log() {
  const t0 = performance.now();
  let bytes = 0;
  await streamGit(dir, ["log", "--name-only", "--format=%H"], (chunk) => {
    bytes += chunk.length;
  });
  return { ms: performance.now() - t0, bytes };
}

async function listPosts() {
  const chunks = [];
  await streamGit(dir, ["ls-files", "-z"], (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks).toString("utf8").split("\0").filter((p) => POST.test(p));
}

async function readPosts(posts) {
  const t0 = performance.now();
  let bytes = 0;
  let slice = performance.now();
  for (let i = 0; i < posts.length; i++) {
    bytes += readFileSync(join(dir, posts[i])).length;
    if (concurrent && performance.now() - slice > 1) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  return { ms: performance.now() - t0, bytes };
}

let history;
let reading;
let posts;
if (concurrent) {
  [history, reading] = await Promise.all([log(), listPosts().then((p) => readPosts((posts = p)))]);
} else {
  history = await log();
  posts = await listPosts();
  reading = await readPosts(posts);
}
const result = {
  mode: concurrent ? "concurrent" : "sequential",
  totalMs: performance.now() - started,
  logMs: history.ms,
  logBytes: history.bytes,
  readMs: reading.ms,
  posts: posts.length,
  postBytes: reading.bytes,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
