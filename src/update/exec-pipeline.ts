import { join } from "node:path";
import type { Config } from "../config/schema.js";
import { TranstrackError } from "../errors.js";
import { markPost } from "../posts/mark-post.js";
import { parsePost } from "../posts/read-post.js";
import { runExecChild, type ExecChildOptions, type ExecChildResult, type ExecOutcome } from "./exec-child.js";
import { execArgv, execEnv, safePath, type ExecValues } from "./exec-command.js";
import type { ExecCounts, ExecEvent, ExecFailureCode, ExecResult } from "./exec-events.js";
import { readTranslationFile, restoreSnapshot, takeSnapshot, type Snapshot } from "./exec-files.js";
import type { ExecJob } from "./exec-jobs.js";

/** Everything a run needs from outside, injected so tests can replace the child or the commits. */
export interface ExecDeps {
  root: string;
  /** CMD as words, placeholders not yet replaced. */
  words: readonly string[];
  env: NodeJS.ProcessEnv;
  keys: Config["keys"];
  /** Runs at the same time, at most. */
  jobs: number;
  timeoutMs?: number;
  /** Go on launching after a failure. */
  keepGoing: boolean;
  /** Aborted by Ctrl-C: no new launches, running children ended and their translations restored. */
  stop: AbortSignal;
  /** Writes the job's `{diff}` file; resolves to its absolute path. */
  diffFile(job: ExecJob, index: number): Promise<string>;
  /** Commits one recorded translation (`--commit`); resolves to the commit's sha. */
  commit?(job: ExecJob): Promise<string>;
  show(event: ExecEvent): void;
  run?(options: ExecChildOptions): Promise<ExecChildResult>;
}

/** What a run did, per job in order: its result, or null when it was never started. */
export interface ExecRun {
  results: (ExecResult | null)[];
  committed: number;
  /** Recorded translations whose `--commit` failed (a hook refused, the index was locked). */
  uncommitted: string[];
  ending: "done" | "stopped" | "interrupted";
}

/** The values a job's command is given. */
export function jobValues(job: ExecJob, diff: string): ExecValues {
  return {
    source: safePath(job.source),
    translation: safePath(job.translation),
    lang: job.lang,
    sourceLang: job.sourceLang,
    baseline: job.baseline ?? "",
    head: job.commit,
    diff,
  };
}

/**
 * Runs the translator for each job, at most `jobs` at a time, and records `source_commit` in each translation
 * it wrote well. Every translation ends either recorded or exactly as it was before its run.
 */
export async function runPipeline(jobs: readonly ExecJob[], deps: ExecDeps): Promise<ExecRun> {
  const results: (ExecResult | null)[] = jobs.map(() => null);
  const counts: ExecCounts = { total: jobs.length, done: 0, failed: 0, running: 0 };
  const running = new Set<Promise<void>>();
  let stopped = false;
  let committed = 0;
  const uncommitted: string[] = [];
  // Commits go one at a time, in the order translations are recorded: git has one index.
  let commits: Promise<void> = Promise.resolve();
  const onStop = () => deps.show({ type: "interrupting", running: counts.running });
  deps.stop.addEventListener("abort", onStop, { once: true });

  deps.show({ type: "start", counts: { ...counts }, jobs: deps.jobs });
  const launch = (index: number) => {
    const job = jobs[index]!;
    counts.running++;
    deps.show({ type: "launch", job, counts: { ...counts } });
    const task = runJob(job, index, deps).then((result) => {
      results[index] = result;
      counts.running--;
      if (result.ok) counts.done++;
      else counts.failed++;
      if (!result.ok && !deps.keepGoing) stopped = true;
      deps.show({ type: "finish", job, result, counts: { ...counts } });
      if (result.ok && deps.commit) {
        const commit = deps.commit;
        commits = commits.then(async () => {
          try {
            const sha = await commit(job);
            committed++;
            deps.show({ type: "committed", paths: [job.translation], commit: sha });
          } catch (error) {
            if (!(error instanceof TranstrackError)) throw error;
            uncommitted.push(job.translation);
            deps.show({ type: "commit-failed", paths: [job.translation], code: error.code, args: error.args });
          }
        });
      }
    });
    running.add(task);
    void task.finally(() => running.delete(task));
  };

  try {
    for (let next = 0; next < jobs.length; next++) {
      while (running.size >= deps.jobs) await Promise.race(running);
      if (stopped || deps.stop.aborted) break;
      launch(next);
    }
    await Promise.all(running);
    await commits;
  } finally {
    deps.stop.removeEventListener("abort", onStop);
  }
  const ending = deps.stop.aborted ? "interrupted" : stopped ? "stopped" : "done";
  return { results, committed, uncommitted, ending };
}

/** One job: set up, run, judge; recorded, or put back as it was. */
async function runJob(job: ExecJob, index: number, deps: ExecDeps): Promise<ExecResult> {
  let snapshot: Snapshot;
  let diff: string;
  try {
    snapshot = await takeSnapshot(deps.root, job.translation);
    diff = await deps.diffFile(job, index);
  } catch (error) {
    return { ok: false, code: "SETUP_FAILED", args: reasonOf(error), stderr: [], restored: true };
  }
  const values = jobValues(job, diff);
  const child = await (deps.run ?? runExecChild)({
    argv: execArgv(deps.words, values),
    cwd: deps.root,
    env: execEnv(deps.env, values),
    ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
    stop: deps.stop,
  });
  const verdict = await judge(job, snapshot, child.outcome, deps);
  if (verdict === null) return { ok: true };
  let restored = true;
  try {
    await restoreSnapshot(snapshot);
  } catch {
    restored = false;
  }
  return { ok: false, ...verdict, stderr: child.stderr, restored };
}

/** Null when the run succeeded and `source_commit` is written; else why not. */
async function judge(job: ExecJob, snapshot: Snapshot, outcome: ExecOutcome, deps: ExecDeps): Promise<{ code: ExecFailureCode; args: Record<string, string | number> } | null> {
  const failed = outcomeFailure(outcome);
  if (failed) return failed;
  const bytes = readTranslationFile(snapshot.path);
  if (bytes === null) return { code: "NO_FILE", args: {} };
  if (snapshot.bytes !== null && bytes.equals(snapshot.bytes)) return { code: "UNCHANGED", args: {} };
  const text = bytes.toString("utf8");
  const post = parsePost(job.translation, text, deps.keys);
  if (post.invalid) {
    const problem = post.problems[0];
    return { code: "INVALID", args: { problem: problem?.code ?? "", line: problem?.line ?? "" } };
  }
  // A file that now says it is in another language is no longer this original's translation for job.lang:
  // recording it would report a translation the status then lists as missing.
  if (post.lang !== null && post.lang !== job.lang) return { code: "WRONG_LANG", args: { lang: post.lang, expected: job.lang, key: deps.keys.lang } };
  try {
    await markPost(deps.root, job.translation, deps.keys.sourceCommit, job.commit, text);
    // Read back from disk what the status will read.
    const written = readTranslationFile(join(deps.root, job.translation));
    if (written === null || parsePost(job.translation, written.toString("utf8"), deps.keys).sourceCommit !== job.commit.toLowerCase()) {
      return { code: "RECORD_FAILED", args: { error: "FILE_CHANGED", path: job.translation, key: deps.keys.sourceCommit } };
    }
  } catch (error) {
    return { code: "RECORD_FAILED", args: { ...reasonOf(error), key: deps.keys.sourceCommit } };
  }
  return null;
}

function outcomeFailure(outcome: ExecOutcome): { code: ExecFailureCode; args: Record<string, string | number> } | null {
  switch (outcome.kind) {
    case "timeout":
      return { code: "TIMEOUT", args: {} };
    case "interrupted":
      return { code: "INTERRUPTED", args: {} };
    case "not-found":
      return { code: "NOT_FOUND", args: { command: outcome.command } };
    case "exit":
      if (outcome.code === 0) return null;
      if (outcome.code === null) return { code: "KILLED", args: { signal: outcome.signal ?? "?" } };
      return { code: "EXIT_STATUS", args: { status: outcome.code } };
  }
}

function reasonOf(error: unknown): Record<string, string | number> {
  if (error instanceof TranstrackError) return { error: error.code, ...error.args };
  return { error: "INTERNAL", message: (error as Error).message ?? String(error) };
}
