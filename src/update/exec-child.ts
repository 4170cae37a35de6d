import { spawn } from "node:child_process";

/** How one run of the translator ended. */
export type ExecOutcome =
  | { kind: "exit"; code: number | null; signal: string | null }
  | { kind: "timeout" }
  /** Ended because the whole run was stopped (Ctrl-C). */
  | { kind: "interrupted" }
  | { kind: "not-found"; command: string };

/** A finished run: how it ended and the last lines it wrote to stderr. */
export interface ExecChildResult {
  outcome: ExecOutcome;
  stderr: string[];
}

/** What to run, where, and for how long. */
export interface ExecChildOptions {
  argv: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Milliseconds before the run is ended as timed out; none when undefined. */
  timeoutMs?: number;
  /** Aborted when the whole run stops: the child is ended, its outcome `interrupted`. */
  stop: AbortSignal;
}

/** Lines of a failed run's stderr kept to show; the rest is dropped as it arrives. */
export const STDERR_LINES = 10;
const STDERR_BYTES = 16 * 1024;
/** How long an ended child's group gets between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * Runs one translator in a process group of its own (no shell), so that a timeout or Ctrl-C ends it and
 * everything it started. Once it exits, what is left of its group is ended too: nothing of this run may go
 * on writing after its result is judged.
 */
export function runExecChild(options: ExecChildOptions): Promise<ExecChildResult> {
  const [program, ...args] = options.argv;
  return new Promise((resolve) => {
    let tail = Buffer.alloc(0);
    let ending: "timeout" | "interrupted" | null = null;
    let exited: { code: number | null; signal: string | null } | null = null;
    let failed: ExecOutcome | null = null;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(program!, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "ignore", "pipe"], detached: true });
    const signalGroup = (signal: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    const end = (why: "timeout" | "interrupted") => {
      if (ending !== null || exited !== null) return;
      ending = why;
      signalGroup("SIGTERM");
      const kill = setTimeout(() => signalGroup("SIGKILL"), KILL_GRACE_MS);
      kill.unref();
      timers.push(kill);
    };
    const onStop = () => end("interrupted");
    if (options.stop.aborted) queueMicrotask(onStop);
    else options.stop.addEventListener("abort", onStop, { once: true });
    if (options.timeoutMs !== undefined) timers.push(setTimeout(() => end("timeout"), options.timeoutMs));

    child.stderr.on("data", (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > STDERR_BYTES) tail = tail.subarray(tail.length - STDERR_BYTES);
    });
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.stop.removeEventListener("abort", onStop);
      const outcome: ExecOutcome = failed ?? (ending !== null ? { kind: ending } : { kind: "exit", code: exited?.code ?? null, signal: exited?.signal ?? null });
      resolve({ outcome, stderr: lastLines(tail.toString("utf8")) });
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      failed = error.code === "ENOENT" || error.code === "EACCES" ? { kind: "not-found", command: program! } : { kind: "exit", code: null, signal: error.code ?? null };
      // A program that never started has no streams to wait for.
      if (child.pid === undefined) settle();
    });
    child.on("exit", (code, signal) => {
      exited = { code, signal };
      // Whatever the translator left running in its group would write after the judging.
      signalGroup("SIGKILL");
    });
    child.on("close", settle);
  });
}

/** The last lines of a text, trailing blank ones dropped. */
function lastLines(text: string): string[] {
  const lines = text.replace(/\s+$/, "").split(/\r?\n/);
  return lines.length === 1 && lines[0] === "" ? [] : lines.slice(-STDERR_LINES);
}
