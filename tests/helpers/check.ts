import { Readable } from "node:stream";
import { runCli } from "../../src/cli/run-cli.js";
import { createTranslator } from "../../src/cli/i18n.js";
import type { TestRepo } from "./git-repo.js";

/** What one in-process CLI run produced. */
export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd` (default: the repo), without a terminal, with the repo's fixed git env plus `env`. */
export async function run(repo: TestRepo, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<CheckRun> {
  let stdout = "";
  let stderr = "";
  // repo.env() carries none of the machine's CI, colour or locale variables.
  const base = repo.env();
  const code = await runCli(args, {
    cwd: options.cwd ?? repo.dir,
    env: { ...base, ...options.env },
    stdin: Readable.from([]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

/** `check --format json` parsed, with the exit code. */
export async function checkJson(repo: TestRepo, args: string[] = [], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  const result = await run(repo, ["check", "--format", "json", ...args], options);
  if (result.code === 2) throw new Error(`check failed: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as {
    translations: { lang: string; translation: string | null; source: string | null; status: string }[];
    violations: { code: string; lang: string; translation: string | null; source: string | null; days: number | null; line: number | null }[];
  };
  return { code: result.code, json, failing: json.violations.map((v) => v.translation ?? `${v.lang}:${v.source}`).sort() };
}

/** The English rendering of an error code, to assert which error was reported without spelling it out. */
export function errorText(code: string, args: Record<string, unknown> = {}): string {
  return createTranslator("en")(`errors.${code}`, args);
}

/** An ISO date `days` days before now (to the second), for grace-period tests. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
