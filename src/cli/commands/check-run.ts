import type { Status } from "../../core/types.js";
import { appendStepSummary, githubEnvironment, workspacePrefix } from "../../ci/step-summary.js";
import { TranstrackError } from "../../errors.js";
import { CHECK_FORMATS } from "../../render/check-formats.js";
import type { CheckFormatName } from "../../render/check-format-names.js";
import type { CheckResult } from "../../render/check-result.js";
import { errorAnnotation } from "../../render/check-github.js";
import { renderCheckMarkdown } from "../../render/check-markdown.js";
import { runCheck, type CheckOutcome } from "../../status/run-check.js";
import { terminalWidth, type CliContext } from "../context.js";
import { clearProgress, statusOptions } from "./common.js";

/** What `transtrack check` does once its options are parsed, loaded only when the command runs. */
export async function runCheckCommand(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
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
    width: terminalWidth(ctx.stdout, ctx.env),
  };
  ctx.stdout.write(CHECK_FORMATS[format as CheckFormatName](result));
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
}
