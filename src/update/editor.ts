import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import type { ChildOutcome } from "./session.js";
import { shellWords } from "./shell-words.js";

/** How to start a child program: its argv and environment. */
export interface ChildCommand {
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/** The editor people expect, as git picks it: `$VISUAL`, else `$EDITOR`, else vi (notepad on Windows). */
export function editorCommand(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): ChildCommand {
  const chosen = [env.VISUAL, env.EDITOR].map((v) => commandWords(v ?? "")).find((argv) => argv.length > 0);
  return { argv: chosen ?? [platform === "win32" ? "notepad" : "vi"], env };
}

/** The pager: `$PAGER`, else `less -R`; like git, less is told to pass colours through when LESS is unset. */
export function pagerCommand(env: NodeJS.ProcessEnv): ChildCommand {
  const argv = commandWords(env.PAGER ?? "");
  return { argv: argv.length > 0 ? argv : ["less", "-R"], env: { ...env, LESS: env.LESS ?? "R", LV: env.LV ?? "-c" } };
}

/** A command from the environment as argv; a value naming an existing file is one word, spaces and all. */
export function commandWords(value: string): string[] {
  if (value.trim() === "") return [];
  if (/\s/.test(value) && isFile(value)) return [value];
  return shellWords(value);
}

/** Opens `path` in the editor, the path as one argument of its own (no shell), and waits for it to exit. */
export function runEditor(command: ChildCommand, path: string, cwd: string): Promise<ChildOutcome> {
  return runChild(command, [path], cwd);
}

/** Shows `text` in the pager, fed on its stdin, and waits for it to exit. */
export function runPager(command: ChildCommand, text: string, cwd: string): Promise<ChildOutcome> {
  return runChild(command, [], cwd, text);
}

function runChild(command: ChildCommand, extra: string[], cwd: string, input?: string): Promise<ChildOutcome> {
  const [program, ...args] = command.argv;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ChildOutcome) => {
      if (!settled) resolve(outcome);
      settled = true;
    };
    const child = spawn(program!, [...args, ...extra], {
      cwd,
      env: command.env,
      stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    });
    child.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "EACCES") settle({ kind: "not-found", command: program! });
      else settle({ kind: "failed", code: null, signal: error.code ?? null });
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGINT") settle({ kind: "interrupted" });
      else if (code === 0) settle({ kind: "ok" });
      else settle({ kind: "failed", code, signal });
    });
    if (input !== undefined && child.stdin) {
      // A pager quit before reading everything closes the pipe; that is no failure.
      child.stdin.on("error", () => undefined);
      child.stdin.end(input);
    }
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
