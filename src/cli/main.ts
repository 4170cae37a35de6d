#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// The only place that touches the process: argv, environment, streams and the exit code.
process.exitCode = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  signals: process,
  platform: process.platform,
});
