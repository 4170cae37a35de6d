import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built CLI, as `npm test` builds it before running the tests. */
export const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** What one CLI run produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with no terminal, in `cwd`, with a fixed environment. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, LANG: "C", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A failed run's exit code and its error's class and code, as `--verbose` prints the error's first stack line. */
export function runFailure(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun & { error: string | null } {
  const run = runCli([...args, "--verbose"], cwd, env);
  const first = /^(\w*Error): ([A-Z][A-Z0-9_]*)\b/m.exec(run.stderr);
  return { ...run, error: first ? `${first[1]}:${first[2]}` : (/^(\w*Error)\b/m.exec(run.stderr)?.[1] ?? null) };
}
