import { InvalidArgumentError } from "commander";
import { UsageError } from "../../errors.js";
import { parseLangs, type CliCommand } from "./common.js";

/** Options that only mean something to `update --exec`. */
const EXEC_ONLY = { missing: "--missing", jobs: "--jobs", timeout: "--timeout", dryRun: "--dry-run", keepGoing: "--keep-going" } as const;

/** `transtrack update`: walk through the stale translations one by one (see the change, edit, mark), or run a translator for each (`--exec`). */
export const updateCommand: CliCommand = {
  name: "update",
  configure(command, t) {
    command
      .argument("[path...]", t("cli.args.paths"))
      .option("--lang <langs>", t("cli.options.lang"), parseLangs)
      .option("--commit [batch]", t("cli.options.commitEach"))
      .option("--exec <command>", t("cli.options.exec"))
      .option("--missing", t("cli.options.execMissing"))
      .option("--jobs <n>", t("cli.options.jobs"), parseJobs)
      .option("--timeout <seconds>", t("cli.options.timeout"), parseSeconds)
      .option("--dry-run", t("cli.options.execDryRun"))
      .option("--keep-going", t("cli.options.keepGoing"));
  },
  async run(args, options, ctx) {
    // `--commit` takes an optional value; a word after it that is not `batch` is a path, as if `--commit` stood alone.
    const paths = [...args];
    let commit: "none" | "each" | "batch" = "none";
    if (options.commit === true) commit = "each";
    else if (options.commit === "batch") commit = "batch";
    else if (typeof options.commit === "string") {
      commit = "each";
      paths.unshift(options.commit);
    }
    if (options.exec === undefined) {
      const stray = Object.entries(EXEC_ONLY).find(([key]) => options[key] !== undefined);
      if (stray) throw new UsageError("EXEC_ONLY", { option: stray[1] });
      if (commit === "batch") throw new UsageError("EXEC_ONLY", { option: "--commit=batch" });
      // The session, inquirer and the editor plumbing are loaded only when the command runs.
      const { runUpdate } = await import("./update-run.js");
      return runUpdate(paths, { ...options, commit: commit === "each" }, ctx);
    }
    const { runUpdateExec } = await import("./update-exec.js");
    return runUpdateExec(paths, { ...options, commit }, ctx);
  },
};

/** `--jobs N`: a whole number from 1. */
function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(value);
  return Number(value);
}

/** Node's timers hold at most 2^31-1 ms (24.8 days); a longer one would fire at once. */
const MAX_TIMEOUT_SECONDS = 2_147_483;

/** `--timeout SECONDS`: a positive number, fractions allowed. */
function parseSeconds(value: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value) || !(Number(value) > 0) || Number(value) > MAX_TIMEOUT_SECONDS) throw new InvalidArgumentError(value);
  return Number(value);
}
