#!/usr/bin/env node
// `node bench/steady.mjs DIR [--runs N]`: the status analysis of DIR repeated in one process, every cache
// warm and the JIT warmed up by a first run, with the JSON report rendered (not printed) each time. It
// prints {"medianMs": …} for the runs after the first: what linking, judging and reporting every entry
// cost once Node has started, the least a run that judges every entry can take on this machine.
import { join } from "node:path";
import { BENCH_DIR, intOption, parseArgs } from "./lib/common.mjs";

const [dir, ...rest] = process.argv.slice(2);
if (!dir || dir.startsWith("--")) throw new Error("usage: node bench/steady.mjs DIR [--runs N]");
const args = parseArgs(rest);
const runs = intOption(args, "runs", "BENCH_STEADY_RUNS", 5);
const dist = join(BENCH_DIR, "..", "dist");
const { statusReport } = await import(join(dist, "status", "get-status.js"));
const { renderJsonParts } = await import(join(dist, "render", "json.js"));

const times = [];
for (let i = 0; i <= runs; i++) {
  const started = performance.now();
  const { report } = await statusReport({ cwd: dir, env: process.env });
  let bytes = 0;
  for (const part of renderJsonParts(report)) bytes += part.length;
  if (i > 0) times.push(performance.now() - started);
  if (bytes === 0) throw new Error("empty report");
}
times.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ medianMs: times[Math.floor((times.length - 1) / 2)], minMs: times[0], runs })}\n`);
