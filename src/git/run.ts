import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { RepoError } from "../errors.js";

/** How to run git: where, with which environment. */
export interface GitEnv {
  cwd: string;
  env: NodeJS.ProcessEnv;
  binary?: string;
}

/**
 * Settings transtrack never takes from the repository: the repository's own `core.fsmonitor` would run
 * its hook (a program the repository names) on every command that reads the index, and transtrack never
 * needs it.
 */
export const SAFE_CONFIG = ["-c", "core.fsmonitor=false"];

// Stable, parseable output whatever the user's git configuration says.
const FIXED_CONFIG = [...SAFE_CONFIG, "-c", "core.quotePath=false", "-c", "color.ui=false", "-c", "log.showSignature=false", "-c", "diff.renames=true"];

/** The environment git runs with: the caller's, made locale-neutral and lock-free for readers. */
export function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, LC_ALL: "C", LANGUAGE: "C", GIT_OPTIONAL_LOCKS: "0", GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat", PAGER: "cat" };
}

/** Runs git and streams its stdout as text to `onText`; resolves when git exits 0. */
export function streamGit(git: GitEnv, args: readonly string[], onText: (text: string) => void): Promise<void> {
  const decoder = new StringDecoder("utf8");
  return streamGitBytes(git, args, (chunk) => onText(decoder.write(chunk))).then(() => {
    const rest = decoder.end();
    if (rest) onText(rest);
  });
}

/**
 * Runs git and streams its stdout, as git wrote it, to `onChunk`; resolves when git exits 0, or once
 * `stop` is aborted (git is then killed and the rest of its output ignored).
 */
export function streamGitBytes(git: GitEnv, args: readonly string[], onChunk: (chunk: Buffer) => void, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stop?.aborted) return resolve();
    const child = spawn(git.binary ?? "git", [...FIXED_CONFIG, ...args], {
      cwd: git.cwd,
      env: gitEnvironment(git.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let failure: unknown = null;
    let stopped = false;
    stop?.addEventListener("abort", () => {
      stopped = true;
      child.kill();
    }, { once: true });
    child.stdout.on("data", (chunk: Buffer) => {
      if (failure || stopped) return;
      try {
        onChunk(chunk);
      } catch (error) {
        failure = error;
        child.kill();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => reject(new RepoError("GIT_FAILED", { command: args[0] ?? "", reason: error.message }, { cause: error })));
    child.on("close", (code) => {
      if (failure) return reject(failure);
      if (stopped) return resolve();
      if (code !== 0) return reject(new RepoError("GIT_FAILED", { command: args[0] ?? "", reason: stderr.trim().split("\n")[0] ?? `exit ${code}` }));
      resolve();
    });
  });
}

/** Runs git and returns its whole stdout; for commands whose output is small. */
export async function runGit(git: GitEnv, args: readonly string[]): Promise<string> {
  let out = "";
  await streamGit(git, args, (text) => {
    out += text;
  });
  return out;
}
