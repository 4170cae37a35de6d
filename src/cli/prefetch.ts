import { existsSync } from "node:fs";
import { probeRepo, type RepoProbe } from "../git/probe.js";

/** `-C DIR` against the working directory, as the CLI resolves it. */
export function resolveDir(cwd: string, dir: string): string {
  return dir.startsWith("/") ? dir : `${cwd.replace(/\/+$/, "")}/${dir}`;
}

// What may come with `status` for the whole report: no paths, filters or --worktree.
const GLOBALS_WITH_VALUE = new Set(["-C", "--config", "--locale"]);
const FLAGS = new Set(["--no-color", "--quiet", "--verbose", "--no-cache", "--json", "--all", "--missing"]);

/**
 * For `transtrack [globals] status [--json|--all|--missing]` run at a work tree's top level, starts
 * asking git what the status needs before the rest of transtrack loads; null for anything else. A
 * wrong guess costs only the git processes: the answers are used only where they fit.
 */
export function prefetchStatus(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): RepoProbe | null {
  let dir = cwd;
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (GLOBALS_WITH_VALUE.has(arg)) {
      const value = argv[++i];
      if (value === undefined) return null;
      if (arg === "-C") dir = resolveDir(dir, value);
    } else if (arg.startsWith("--config=") || arg.startsWith("--locale=") || FLAGS.has(arg)) continue;
    else if (command === null && arg === "status") command = arg;
    else return null;
  }
  if (command === null || !existsSync(`${dir.replace(/\/+$/, "")}/.git`)) return null;
  return probeRepo(dir, env);
}
