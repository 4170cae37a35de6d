import { printable } from "../../render/width.js";
import { UsageError } from "../../errors.js";
import type { CliCommand } from "./common.js";

/** `transtrack mark`: record translations as reflecting their original's last change (or `--commit`). */
export const markCommand: CliCommand = {
  name: "mark",
  configure(command, t) {
    command.argument("<translation...>", t("cli.args.translations")).option("--commit <rev>", t("cli.options.commit"));
  },
  async run(args, options, ctx) {
    // Any revision git knows (a sha, HEAD~1, a tag); never one that could be taken for an option, or that
    // would break the line-based question to git.
    if (options.commit !== undefined && !/^[^\s-][^\s]*$/.test(String(options.commit))) {
      throw new UsageError("BAD_COMMIT", { commit: String(options.commit) });
    }
    const { markTranslations } = await import("../../status/mark.js");
    const results = await markTranslations({
      cwd: ctx.cwd,
      env: ctx.env,
      ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
      translations: args,
      ...(typeof options.commit === "string" ? { commit: options.commit } : {}),
    });
    if (!ctx.quiet) {
      for (const r of results) {
        ctx.stdout.write(`${ctx.t(r.changed ? "mark.marked" : "mark.already", { path: printable(r.translation), key: r.key, commit: r.commit.slice(0, 7) })}\n`);
      }
    }
    return 0;
  },
};
