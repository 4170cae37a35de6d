import { renderJson } from "../../render/json.js";
import type { CliCommand } from "./common.js";

/** `transtrack init`: detect the layout and languages, write transtrack.config.json. */
export const initCommand: CliCommand = {
  name: "init",
  configure(command, t) {
    command
      .option("--force", t("cli.options.force"))
      .option("--dry-run", t("cli.options.dryRun"))
      .option("--source-language <lang>", t("cli.options.sourceLanguage"));
  },
  async run(_args, options, ctx) {
    const { initConfig } = await import("../../status/init.js");
    const result = await initConfig({
      cwd: ctx.cwd,
      env: ctx.env,
      force: options.force === true,
      dryRun: options.dryRun === true,
      ...(typeof options.sourceLanguage === "string" ? { sourceLanguage: options.sourceLanguage } : {}),
    });
    const { detection } = result;
    const out: string[] = [];
    if (detection.kind === "none") out.push(ctx.t("init.none"));
    else {
      const layout = detection.config.layouts?.[0]?.translation ?? "";
      out.push(ctx.t(`init.found.${detection.kind}`, { pattern: layout }));
      for (const [lang, count] of Object.entries(detection.counts)) {
        const role = lang === detection.config.sourceLanguage ? ctx.t("init.source") : "";
        out.push(`  ${ctx.color.bold(lang)}  ${ctx.t("init.posts", { count })} ${role}`.trimEnd());
      }
    }
    if (result.written) out.push("", ctx.t("init.written", { file: result.file }), "", ctx.t("init.next"));
    else out.push("", renderJson(detection.config).trimEnd());
    ctx.stdout.write(`${out.join("\n")}\n`);
    return 0;
  },
};
