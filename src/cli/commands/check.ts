import { isNewSince, judgeCheck, parseStatuses, checkPolicy, type SinceFacts } from "../../core/policy.js";
import { STATUSES, type Entry, type Status } from "../../core/types.js";
import { appendStepSummary, githubEnvironment, workspacePrefix } from "../../ci/step-summary.js";
import { resolveSinceRef, sinceFacts, type SinceBase } from "../../ci/since.js";
import { RepoError, TranstrackError, UsageError } from "../../errors.js";
import { GitRepo } from "../../git/repo.js";
import { CHECK_FORMATS } from "../../render/check-formats.js";
import type { CheckResult } from "../../render/check-result.js";
import { errorAnnotation } from "../../render/check-github.js";
import { renderCheckMarkdown } from "../../render/check-markdown.js";
import { analyzeRepo, type Analysis, type StatusOptions } from "../../status/get-status.js";
import type { CliContext } from "../context.js";
import { clearProgress, parseCount, parseLangs, statusOptions, type CliCommand } from "./common.js";

/** `transtrack check`: exit 1 when translations fail the policy. */
export const checkCommand: CliCommand = {
  name: "check",
  configure(command, t) {
    command
      .argument("[path...]", t("cli.args.paths"))
      .option("--lang <langs>", t("cli.options.lang"), parseLangs)
      .option("--since <ref>", t("cli.options.since"))
      .option("--max-days <n>", t("cli.options.maxDays"), parseCount)
      .option("--fail-on <statuses>", t("cli.options.failOn"), parseFailOn)
      .option("--format <format>", t("cli.options.format"), parseFormat)
      .option("--worktree", t("cli.options.worktree"))
      .option("--deepen", t("cli.options.deepen"));
  },
  async run(args, options, ctx) {
    const github = githubEnvironment(ctx.env);
    // Under GitHub Actions the default is annotations plus the text report; an explicit --format wins.
    const format = (options.format as string | undefined) ?? (github.actions ? "github" : "text");
    const ref = typeof options.since === "string" ? options.since : null;
    let analysis: Analysis;
    let since: { base: SinceBase; facts: SinceFacts } | null;
    try {
      ({ analysis, since } = await analyzeForCheck(ctx, statusOptions(ctx, args, options), ref, options.deepen === true));
    } catch (error) {
      // An error is an annotation too, so a broken set-up (a shallow clone) shows on the pull request.
      if (format === "github" && error instanceof TranstrackError) ctx.stdout.write(errorAnnotation(error, ctx.t));
      throw error;
    } finally {
      clearProgress(ctx);
    }

    const policy = checkPolicy(analysis.config, {
      maxDays: (options.maxDays as number | undefined) ?? null,
      ...(options.failOn ? { failOn: options.failOn as Status[] } : {}),
    });
    const include = since ? (entry: Entry) => isNewSince(entry, since.facts) : undefined;
    const verdict = judgeCheck(analysis.report, policy, new Date(), include);
    const result: CheckResult = {
      report: analysis.report,
      ...verdict,
      since: since ? { ref: since.base.ref, sha: since.base.sha } : null,
      pathPrefix: github.actions ? await workspacePrefix(analysis.root, github.workspace) : "",
      t: ctx.t,
      color: ctx.color,
      quiet: ctx.quiet,
    };
    ctx.stdout.write(CHECK_FORMATS[format]!(result));
    if (github.actions && github.stepSummary) {
      try {
        await appendStepSummary(github.stepSummary, renderCheckMarkdown(result));
      } catch (error) {
        // The verdict stands without the summary; say why it is missing.
        const reason = error instanceof Error ? error.message : String(error);
        ctx.stderr.write(`${ctx.t("checkFormats.summaryFailed", { file: github.stepSummary, reason })}\n`);
      }
    }
    return verdict.violations.length > 0 ? 1 : 0;
  },
};

/**
 * Analyses the repository and places `--since REF` in its history. In a shallow clone that lacks
 * the needed history, `--deepen` fetches it (blobless) once and starts over; without it the
 * RepoError that names the fix goes up.
 */
async function analyzeForCheck(
  ctx: CliContext,
  status: StatusOptions,
  ref: string | null,
  deepen: boolean,
): Promise<{ analysis: Analysis; since: { base: SinceBase; facts: SinceFacts } | null }> {
  for (let deepened = false; ; deepened = true) {
    const repo = await GitRepo.open(ctx.cwd, ctx.env);
    try {
      // REF first: a typo should fail before any history is read.
      const sha = ref === null ? null : await resolveSinceRef(repo, ref);
      const analysis = await analyzeRepo(repo, status);
      return { analysis, since: ref !== null && sha !== null ? await sinceFacts(repo, analysis, ref, sha) : null };
    } catch (error) {
      if (!deepen || deepened || !(await lacksHistory(error, repo))) throw error;
      clearProgress(ctx);
      if (!ctx.quiet) ctx.stderr.write(`${ctx.t("checkFormats.deepening")}\n`);
      try {
        await repo.deepen();
      } catch (cause) {
        const reason = (cause instanceof Error ? cause.message : String(cause)).trim().split("\n")[0] ?? "";
        throw new RepoError("DEEPEN_FAILED", { reason }, { cause });
      }
    } finally {
      await repo.close();
    }
  }
}

/** Whether an error means "a shallow clone cut off history we need" (a REF not found counts in a shallow clone). */
async function lacksHistory(error: unknown, repo: GitRepo): Promise<boolean> {
  if (error instanceof RepoError) return error.code === "SHALLOW_CLONE" || error.code === "SHALLOW_SINCE";
  if (error instanceof UsageError && error.code === "BAD_REF") return (await repo.shallowCommits()).length > 0;
  return false;
}

function parseFailOn(value: string): Status[] {
  const statuses = parseStatuses(value);
  if (statuses === null) throw new UsageError("BAD_FAIL_ON", { value, statuses: STATUSES.join(", ") });
  return statuses;
}

function parseFormat(value: string): string {
  if (!Object.hasOwn(CHECK_FORMATS, value)) throw new UsageError("BAD_FORMAT", { format: value, formats: Object.keys(CHECK_FORMATS).join(", ") });
  return value;
}
