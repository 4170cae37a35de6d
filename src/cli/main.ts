#!/usr/bin/env node
import { prefetchStatus } from "./prefetch.js";

// git starts on what a status run needs while Node loads the rest of transtrack.
const probe = prefetchStatus(process.argv.slice(2), process.cwd(), process.env);
const { runCli } = await import("./run-cli.js");

// A reader that stops early (`transtrack status --json | head`) closes the pipe: that ends the run
// quietly, as it does for other command-line tools, instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// The only place that touches the process: argv, environment, streams and the exit code.
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signals: process,
  platform: process.platform,
  ...(probe ? { probe } : {}),
});
