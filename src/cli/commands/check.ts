import { parseStatuses } from "../../core/policy.js";
import { STATUSES, type Status } from "../../core/types.js";
import { appendStepSummary, githubEnvironment, workspacePrefix } from "../../ci/step-summary.js";
import { TranstrackError, UsageError } from "../../errors.js";
import { CHECK_FORMATS } from "../../render/check-formats.js";
import type { CheckResult } from "../../render/check-result.js";
import { errorAnnotation } from "../../render/check-github.js";
import { renderCheckMarkdown } from "../../render/check-markdown.js";
import { runCheck, type CheckOutcome } from "../../status/run-check.js";
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
    let outcome: CheckOutcome;
    try {
      outcome = await runCheck({
        ...statusOptions(ctx, args, options),
        since: ref,
        deepen: options.deepen === true,
        maxDays: (options.maxDays as number | undefined) ?? null,
        ...(options.failOn ? { failOn: options.failOn as Status[] } : {}),
        onDeepen: () => {
          clearProgress(ctx);
          if (!ctx.quiet) ctx.stderr.write(`${ctx.t("checkFormats.deepening")}\n`);
        },
      });
    } catch (error) {
      // An error is an annotation too, so a broken set-up (a shallow clone) shows on the pull request.
      if (format === "github" && error instanceof TranstrackError) ctx.stdout.write(errorAnnotation(error, ctx.t));
      throw error;
    } finally {
      clearProgress(ctx);
    }
    const { analysis, verdict, since } = outcome;
    const result: CheckResult = {
      report: analysis.report,
      ...verdict,
      since,
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

function parseFailOn(value: string): Status[] {
  const statuses = parseStatuses(value);
  if (statuses === null) throw new UsageError("BAD_FAIL_ON", { value, statuses: STATUSES.join(", ") });
  return statuses;
}

function parseFormat(value: string): string {
  if (!Object.hasOwn(CHECK_FORMATS, value)) throw new UsageError("BAD_FORMAT", { format: value, formats: Object.keys(CHECK_FORMATS).join(", ") });
  return value;
}
