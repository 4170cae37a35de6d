import { statusReport } from "../../status/get-status.js";
import { terminalWidth } from "../context.js";
import { clearProgress, parseLangs, statusOptions, type CliCommand } from "./common.js";

/** `transtrack status`: which translations need attention, per language. */
export const statusCommand: CliCommand = {
  name: "status",
  configure(command, t) {
    command
      .argument("[path...]", t("cli.args.paths"))
      .option("--lang <langs>", t("cli.options.lang"), parseLangs)
      .option("--json", t("cli.options.json"))
      .option("--all", t("cli.options.all"))
      .option("--missing", t("cli.options.missing"))
      .option("--worktree", t("cli.options.worktree"));
  },
  async run(args, options, ctx) {
    const result = await statusReport(statusOptions(ctx, args, options)).finally(() => clearProgress(ctx));
    // Nothing found is no error for status (check fails on it); it is said on stderr, where the text
    // report doesn't already say it, so that --json stays the report alone.
    const found = result.report.translations.some((e) => e.status !== "missing");
    if (!found && (options.json || result.report.languages.length > 0)) ctx.stderr.write(`${ctx.t("status.noTranslations")}\n`);
    if (options.json) {
      const { renderJsonParts } = await import("../../render/json.js");
      for (const part of renderJsonParts(result.report)) ctx.stdout.write(part);
    }
    else {
      const { renderStatus } = await import("../../render/status-text.js");
      ctx.stdout.write(
        renderStatus(result.report, { all: options.all === true, missing: options.missing === true || options.all === true, quiet: ctx.quiet, t: ctx.t, color: ctx.color, width: terminalWidth(ctx.stdout, ctx.env) }),
      );
    }
    return 0;
  },
};
