#!/usr/bin/env node
// The warm floor: the least that any run answering exactly from a stored report pays, and nothing more.
// Start Node; ask git, at once, where the repository stands, for its files (tracked and untracked: a new
// post changes the answer) and for the files that differ from HEAD (an edited post does); read the stored
// report and print it. No history, no posts, no judging.
//
//   node bench/warm-floor.mjs DIR
//
// The arguments are transtrack's own start-up ones (src/git/probe.ts, built). Prints the report's bytes.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { editedArgs, LISTING_ARGS, STATE_ARGS } from "../dist/git/probe.js";
import { gitOutput } from "./lib/spawn-git.mjs";

const dir = process.argv[2];

const [state] = await Promise.all([
  gitOutput(dir, STATE_ARGS),
  gitOutput(dir, LISTING_ARGS),
  gitOutput(dir, editedArgs("HEAD")),
]);
const cache = join(state.toString().split("\n")[1], "transtrack");
const stored = readdirSync(cache).find((name) => /^report\.v\d+$/.test(name));
if (!stored) throw new Error(`no stored report in ${cache}: run transtrack status first`);
process.stdout.write(readFileSync(join(cache, stored)));
