import { statusReport } from "../../status/refresh-status.js";
import { renderJson } from "../../render/json.js";
import { renderStatus } from "../../render/status-text.js";
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
    const report = await statusReport(statusOptions(ctx, args, options)).finally(() => clearProgress(ctx));
    if (options.json) ctx.stdout.write(renderJson(report));
    else {
      ctx.stdout.write(
        renderStatus(report, { all: options.all === true, missing: options.missing === true || options.all === true, quiet: ctx.quiet, t: ctx.t, color: ctx.color }),
      );
    }
    return 0;
  },
};
