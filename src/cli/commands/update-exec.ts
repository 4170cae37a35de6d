import { availableParallelism } from "node:os";
import { join } from "node:path";
import pc from "picocolors";
import { TranstrackError, UsageError } from "../../errors.js";
import { GitRepo } from "../../git/repo.js";
import { renderLineDiff } from "../../render/diff-text.js";
import { renderDryRun, renderExecSummary } from "../../render/exec-text.js";
import { analyzeRepo, type StatusOptions } from "../../status/get-status.js";
import { execArgv, execWords, shellLine } from "../../update/exec-command.js";
import type { ExecSummary } from "../../update/exec-events.js";
import { jobVersions, selectJobs, type ExecJob } from "../../update/exec-jobs.js";
import { jobValues, runPipeline } from "../../update/exec-pipeline.js";
import { openWorkspace } from "../../update/exec-workspace.js";
import { batchMessage, syncLine } from "../../update/store.js";
import type { CliContext } from "../context.js";
import { clearProgress, statusOptions } from "./common.js";
import { createExecView } from "./update-exec-view.js";

/** Exit codes of `update --exec`: every translation recorded (and committed, if asked); one failed; Ctrl-C. */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_INTERRUPTED = 130;

/** The parsed options of `update --exec`. */
export interface ExecOptions {
  exec: string;
  missing?: boolean;
  jobs?: number;
  timeout?: number;
  dryRun?: boolean;
  keepGoing?: boolean;
  commit: "none" | "each" | "batch";
  lang?: string[];
}

/** Runs as many translators at once as there are cores by default: a no-op translator is bound by starting processes, a real one mostly waits. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** `transtrack update --exec CMD`: runs the translator for each stale (and with `--missing`, each missing) translation and records what succeeded. */
export async function runUpdateExec(args: string[], raw: Record<string, unknown>, ctx: CliContext): Promise<number> {
  const options = raw as unknown as ExecOptions;
  const words = execWords(options.exec);
  if (words.length === 0) throw new UsageError("EXEC_NO_COMMAND");
  const repo = await GitRepo.open(ctx.cwd, ctx.env);
  try {
    // No post's text is kept: the translator reads the files itself, and every child is forked from this
    // process, which costs more the more memory it holds.
    const status = { ...statusOptions(ctx, args, raw), keepText: false };
    const { analysis, jobs, skipped, versions } = await plan(ctx, repo, status, options.missing === true, options.dryRun !== true);
    if (options.dryRun) {
      const dir = join(await repo.gitDir(), "transtrack", "exec-dry-run");
      const lines = jobs.map((job, i) => shellLine(execArgv(words, jobValues(job, join(dir, `${i + 1}.diff`)))));
      ctx.stdout.write(renderDryRun(lines));
      if (jobs.length === 0 && !ctx.quiet) ctx.stderr.write(`${ctx.t("exec.nothing")}\n`);
      if (skipped.length > 0 && !ctx.quiet) ctx.stderr.write(`${ctx.t("exec.summary.skipped", { count: skipped.length })}\n`);
      return EXIT_OK;
    }
    if (jobs.length === 0) {
      if (!ctx.quiet) ctx.stdout.write(`${ctx.t("exec.nothing")}\n`);
      if (skipped.length > 0 && !ctx.quiet) ctx.stdout.write(`${ctx.t("exec.summary.skipped", { count: skipped.length })}\n`);
      return EXIT_OK;
    }

    const startHead = analysis.head;
    const plain = pc.createColors(false);
    const diffText = (job: ExecJob) => {
      const v = versions.get(job.translation) ?? { before: "", after: "" };
      return renderLineDiff({ entry: job.entry, before: v.before, after: v.after, afterLabel: "HEAD" }, plain);
    };
    const workspace = await openWorkspace(await repo.gitDir());
    const ours = new Set<string>([startHead]);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    ctx.signals?.on("SIGINT", onSigint);
    const view = createExecView(ctx);
    try {
      const run = await runPipeline(jobs, {
        root: analysis.root,
        words,
        env: ctx.env,
        keys: analysis.keys,
        jobs: options.jobs ?? defaultJobs(),
        ...(options.timeout !== undefined ? { timeoutMs: Math.round(options.timeout * 1000) } : {}),
        keepGoing: options.keepGoing === true,
        stop: controller.signal,
        diffFile: (job, index) => workspace.writeDiff(index, diffText(job)),
        ...(options.commit === "each"
          ? {
              commit: async (job: ExecJob) => {
                const sha = await repo.commitFile(job.translation, syncLine(job.lang, job.source, job.commit));
                ours.add(sha);
                return sha;
              },
            }
          : {}),
        show: view.show,
      });
      const succeeded = jobs.filter((_, i) => run.results[i]?.ok === true);
      let committed = run.committed;
      const uncommitted = [...run.uncommitted];
      if (options.commit === "batch" && succeeded.length > 0) {
        const paths = succeeded.map((j) => j.translation);
        try {
          const sha = await repo.commitFiles(paths, batchMessage(succeeded.map((j) => ({ lang: j.lang, source: j.source, commit: j.commit }))));
          ours.add(sha);
          committed = 1;
          view.show({ type: "committed", paths, commit: sha });
        } catch (error) {
          if (!(error instanceof TranstrackError)) throw error;
          uncommitted.push(...paths);
          view.show({ type: "commit-failed", paths, code: error.code, args: error.args });
        }
      }
      view.close();
      const summary: ExecSummary = {
        total: jobs.length,
        succeeded: succeeded.map((j) => j.translation),
        failed: jobs.filter((_, i) => run.results[i]?.ok === false).map((j) => j.translation),
        notStarted: run.results.filter((r) => r === null).length,
        skipped: skipped.length,
        committed,
        uncommitted,
        stillStale: await stillStale(repo, status, ours, succeeded),
        ending: run.ending,
      };
      ctx.stdout.write(renderExecSummary(summary, ctx.t, ctx.color));
      if (run.ending === "interrupted") return EXIT_INTERRUPTED;
      // A commit asked for and not made fails the run too: a script must not push what it believes committed.
      return summary.failed.length > 0 || uncommitted.length > 0 ? EXIT_FAILED : EXIT_OK;
    } finally {
      view.close();
      ctx.signals?.off("SIGINT", onSigint);
      await workspace.dispose();
    }
  } finally {
    await repo.close();
  }
}

/** The runs to make, and the original's two versions for each `{diff}`; the analysis itself is let go. */
async function plan(ctx: CliContext, repo: GitRepo, status: StatusOptions, missing: boolean, withVersions: boolean) {
  const analysis = await analyzeRepo(repo, status).finally(() => clearProgress(ctx));
  const { jobs, skipped } = selectJobs(analysis.report, analysis.sourceLangs, analysis.config.sourceLanguage, { missing });
  const versions = withVersions ? await jobVersions(repo, analysis, jobs) : new Map<string, { before: string; after: string }>();
  return { analysis: { root: analysis.root, keys: analysis.config.keys, head: analysis.report.head }, jobs, skipped, versions };
}

/**
 * The recorded translations that are stale all the same: an original committed again while its translator ran.
 * Only when HEAD moved by a commit this run did not make is the status asked again.
 */
async function stillStale(repo: GitRepo, status: StatusOptions, ours: ReadonlySet<string>, succeeded: readonly ExecJob[]): Promise<string[]> {
  if (succeeded.length === 0 || ours.has(await repo.head())) return [];
  const fresh = await analyzeRepo(repo, { ...status, paths: [], onProgress: undefined });
  const recorded = new Set(succeeded.map((j) => j.translation));
  return fresh.report.translations.filter((e) => e.translation !== null && recorded.has(e.translation) && e.status !== "up-to-date").map((e) => e.translation!);
}
