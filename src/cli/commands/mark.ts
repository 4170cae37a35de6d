import { UsageError } from "../../errors.js";
import type { CliCommand } from "./common.js";

/** `transtrack mark`: record translations as reflecting their original's last change (or `--commit`). */
export const markCommand: CliCommand = {
  name: "mark",
  configure(command, t) {
    command.argument("<translation...>", t("cli.args.translations")).option("--commit <sha>", t("cli.options.commit"));
  },
  async run(args, options, ctx) {
    if (options.commit !== undefined && !/^[0-9a-fA-F]{4,40}$/.test(String(options.commit))) {
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
        ctx.stdout.write(`${ctx.t(r.changed ? "mark.marked" : "mark.already", { path: r.translation, key: r.key, commit: r.commit.slice(0, 7) })}\n`);
      }
    }
    return 0;
  },
};
