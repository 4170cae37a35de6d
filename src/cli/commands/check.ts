import { InvalidArgumentError } from "commander";
import { checkPolicy, findViolations } from "../../core/policy.js";
import { CHECK_FORMATS } from "../../render/check-formats.js";
import { analyze } from "../../status/get-status.js";
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
      .option("--format <format>", t("cli.options.format"), (value: string) => {
        if (!(value in CHECK_FORMATS)) throw new InvalidArgumentError(Object.keys(CHECK_FORMATS).join(", "));
        return value;
      })
      .option("--worktree", t("cli.options.worktree"));
  },
  async run(args, options, ctx) {
    const analysis = await analyze(statusOptions(ctx, args, options)).finally(() => clearProgress(ctx));
    const policy = checkPolicy(analysis.config, { maxDays: (options.maxDays as number | undefined) ?? null });
    const violations = findViolations(analysis.report, policy, new Date());
    const render = CHECK_FORMATS[(options.format as string | undefined) ?? "text"]!;
    ctx.stdout.write(render({ report: analysis.report, violations, t: ctx.t, color: ctx.color, quiet: ctx.quiet }));
    return violations.length > 0 ? 1 : 0;
  },
};
