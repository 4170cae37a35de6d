#!/usr/bin/env node
// The warm floor: the least that any run answering exactly from a stored report pays, and nothing more.
// Start Node; ask git, at once, where the repository stands, for its files (tracked and untracked: a new
// post changes the answer) and for the files that differ from HEAD (an edited post does); read the stored
// report and print it. No history, no posts, no judging.
//
//   node bench/warm-floor.mjs DIR
//
// The arguments are those transtrack's own start-up passes (src/git/probe.ts). Prints the report's bytes.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: dir, stdio: ["ignore", "pipe", "inherit"] });
    const out = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args[0]} exited with ${code}`))));
  });
}

const [state] = await Promise.all([
  run(["rev-parse", "--show-toplevel", "--absolute-git-dir", "--is-shallow-repository", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}"]),
  run(["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--deduplicate"]),
  run(["diff", "--name-only", "--no-renames", "--no-ext-diff", "-z", "HEAD", "--"]),
]);
const cache = join(state.toString().split("\n")[1], "transtrack");
const stored = readdirSync(cache).find((name) => /^report\.v\d+$/.test(name));
if (!stored) throw new Error(`no stored report in ${cache}: run transtrack status first`);
process.stdout.write(readFileSync(join(cache, stored)));
