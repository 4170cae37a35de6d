import { parseLangs, type CliCommand } from "./common.js";

/** `transtrack update`: walk through the stale translations one by one: see the change, edit, mark. */
export const updateCommand: CliCommand = {
  name: "update",
  configure(command, t) {
    command
      .argument("[path...]", t("cli.args.paths"))
      .option("--lang <langs>", t("cli.options.lang"), parseLangs)
      .option("--commit", t("cli.options.commitEach"));
  },
  async run(args, options, ctx) {
    // The session, inquirer and the editor plumbing are loaded only when the command runs.
    const { runUpdate } = await import("./update-run.js");
    return runUpdate(args, options, ctx);
  },
};
