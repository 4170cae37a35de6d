import { parseStatuses } from "../../core/policy.js";
import { STATUSES, type Status } from "../../core/types.js";
import { UsageError } from "../../errors.js";
import { CHECK_FORMAT_NAMES } from "../../render/check-format-names.js";
import { parseCount, parseLangs, type CliCommand } from "./common.js";

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
    // The check itself and its renderers are loaded only when the command runs.
    const { runCheckCommand } = await import("./check-run.js");
    return runCheckCommand(args, options, ctx);
  },
};

function parseFailOn(value: string): Status[] {
  const statuses = parseStatuses(value);
  if (statuses === null) throw new UsageError("BAD_FAIL_ON", { value, statuses: STATUSES.join(", ") });
  return statuses;
}

function parseFormat(value: string): string {
  if (!(CHECK_FORMAT_NAMES as readonly string[]).includes(value)) throw new UsageError("BAD_FORMAT", { format: value, formats: CHECK_FORMAT_NAMES.join(", ") });
  return value;
}
