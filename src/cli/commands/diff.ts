import { renderJson } from "../../render/json.js";
import { printable } from "../../render/width.js";
import type { CliCommand } from "./common.js";

/** `transtrack diff`: what changed in the original since the translation's baseline. */
export const diffCommand: CliCommand = {
  name: "diff",
  configure(command, t) {
    command
      .argument("<translation>", t("cli.args.translation"))
      .option("--word", t("cli.options.word"))
      .option("--json", t("cli.options.json"))
      .option("--worktree", t("cli.options.worktree"));
  },
  async run(args, options, ctx) {
    const [{ originalChange }, { diffData, originalUnchanged, renderLineDiff, renderWordDiff }] = await Promise.all([import("../../status/diff.js"), import("../../render/diff-text.js")]);
    const change = await originalChange({
      cwd: ctx.cwd,
      env: ctx.env,
      ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
      translation: args[0]!,
      worktree: options.worktree === true,
    });
    const word = options.word === true;
    if (options.json) ctx.stdout.write(renderJson(diffData(change, word)));
    else if (word) ctx.stdout.write(renderWordDiff(change, ctx.color, ctx.stdout.isTTY !== true || ctx.color.green("x") === "x", ctx.t));
    else ctx.stdout.write(renderLineDiff(change, ctx.color, ctx.t));
    // Front-matter changes outside translatableKeys show in the diff; say they never count.
    const uncounted = change.uncountedKeys ?? [];
    if (!options.json && uncounted.length > 0) {
      ctx.stdout.write(`${ctx.color.dim(ctx.t("diff.uncounted", { keys: uncounted.map(printable).join(", ") }))}\n`);
    }
    // A diff of changes that don't count ends by saying the translation is up to date all the same.
    if (!options.json && !originalUnchanged(change) && change.entry.status === "up-to-date") {
      ctx.stdout.write(`${ctx.color.green(ctx.t("diff.nothingCounts", { translation: printable(change.entry.translation ?? "") }))}\n`);
    }
    // An empty diff says nothing by itself: say that the original is as the translator saw it.
    if (!options.json && originalUnchanged(change)) {
      ctx.stdout.write(`${ctx.color.dim(ctx.t("diff.unchanged", { translation: printable(change.entry.translation ?? ""), baseline: change.entry.baseline?.slice(0, 12) ?? "" }))}\n`);
    }
    return 0;
  },
};
