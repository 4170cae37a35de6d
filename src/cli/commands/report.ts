import { VERSION } from "../../version.js";
import { resolve } from "node:path";
import { availableLocales, pickLocale } from "../i18n.js";
import { clearProgress, parseLangs, statusOptions, type CliCommand } from "./common.js";


/** `transtrack report --html DIR`: a self-contained HTML dashboard of every translation, written to DIR/index.html. */
export const reportCommand: CliCommand = {
  name: "report",
  configure(command, t) {
    command
      .argument("[path...]", t("cli.args.paths"))
      .requiredOption("--html <dir>", t("cli.options.html"))
      .option("--lang <langs>", t("cli.options.lang"), parseLangs);
  },
  async run(args, options, ctx) {
    // Loaded here, not at start-up: other commands don't pay for the report's renderer.
    const [{ renderHtmlReport }, { collectReport }, { checkReportDir, writeReport }] = await Promise.all([
      import("../../render/html-report.js"),
      import("../../report/collect-diffs.js"),
      import("../../report/write-report.js"),
    ]);
    // Relative to where transtrack runs (after -C), like the PATH arguments.
    const dir = resolve(ctx.cwd, String(options.html));
    await checkReportDir(dir);
    const data = await collectReport(statusOptions(ctx, args, options)).finally(() => clearProgress(ctx));
    const page = renderHtmlReport({
      ...data,
      t: ctx.t,
      locale: pickLocale(ctx.locale, availableLocales()),
      generatedAt: new Date(),
      version: VERSION,
    });
    ctx.stdout.write(`${await writeReport(dir, page)}\n`);
    return 0;
  },
};
