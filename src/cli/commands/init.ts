import type { Detection } from "../../core/detect-layout.js";
import { renderJson } from "../../render/json.js";
import { printable } from "../../render/width.js";
import { PromptCancelledError } from "../../update/prompter.js";
import type { CliContext } from "../context.js";
import type { CliCommand } from "./common.js";

/** Exit code of a question ended by Ctrl-C, as a shell reports a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;
/** Unmatched files listed by name; the rest are counted. */
const UNMATCHED_SHOWN = 20;

/** `transtrack init`: detect the layout and languages, show them, write transtrack.config.json. */
export const initCommand: CliCommand = {
  name: "init",
  configure(command, t) {
    command
      .option("--yes", t("cli.options.yes"))
      .option("--force", t("cli.options.force"))
      .option("--dry-run", t("cli.options.dryRun"))
      .option("--source-language <lang>", t("cli.options.sourceLanguage"));
  },
  async run(_args, options, ctx) {
    const { initConfig } = await import("../../status/init.js");
    // A person at a terminal is asked before the file is written; a script (no terminal) or --yes is not.
    const ask = options.yes !== true && ctx.stdin.isTTY === true && ctx.stdout.isTTY === true;
    let cancelled = false;
    const result = await initConfig({
      cwd: ctx.cwd,
      env: ctx.env,
      force: options.force === true,
      dryRun: options.dryRun === true,
      ...(typeof options.sourceLanguage === "string" ? { sourceLanguage: options.sourceLanguage } : {}),
      confirm: async (detection) => {
        ctx.stdout.write(`${describeDetection(detection, ctx).join("\n")}\n\n`);
        if (!ask) return true;
        const { createInquirerPrompter } = await import("../prompts.js");
        const prompter = createInquirerPrompter({
          input: ctx.stdin,
          output: ctx.stdout as NodeJS.WritableStream,
          color: ctx.color,
          labels: { yes: ctx.t("update.prompt.yes"), no: ctx.t("update.prompt.no"), yesNoInvalid: ctx.t("update.prompt.yesNoInvalid"), keyInvalid: ctx.t("update.prompt.keyInvalid") },
        });
        try {
          return await prompter.confirm({ message: ctx.t("init.confirm", { file: "transtrack.config.json" }), default: true });
        } catch (error) {
          if (!(error instanceof PromptCancelledError)) throw error;
          cancelled = true;
          return false;
        }
      },
    });
    const out: string[] = [];
    if (options.dryRun === true) out.push(...describeDetection(result.detection, ctx), "", renderJson(result.detection.config).trimEnd());
    else if (result.written) out.push(ctx.t("init.written", { file: result.file }), "", ctx.t("init.next"));
    else out.push(ctx.t("init.notWritten", { file: result.file }));
    ctx.stdout.write(`${out.join("\n")}\n`);
    return cancelled ? EXIT_INTERRUPTED : 0;
  },
};

/** Site generators by name, as their projects spell them. */
const FRAMEWORK_NAMES: Record<NonNullable<Detection["framework"]>, string> = {
  starlight: "Starlight",
  vitepress: "VitePress",
  docusaurus: "Docusaurus",
  hugo: "Hugo",
  jekyll: "Jekyll",
};

/** What `init` found, as lines for the terminal. */
function describeDetection(detection: Detection, ctx: CliContext): string[] {
  const out = describeLayout(detection, ctx);
  if (detection.framework) {
    const keys = (detection.config.translatableKeys ?? []).join(", ");
    out.push("", ctx.t("init.framework", { framework: FRAMEWORK_NAMES[detection.framework], keys }));
  }
  const lunaria = detection.lunaria;
  if (lunaria) {
    const file = printable(lunaria.file);
    out.push("");
    if (lunaria.unread.includes("*")) out.push(ctx.t("init.lunariaNone", { file }));
    else {
      if (lunaria.read.length > 0) out.push(ctx.t("init.lunaria", { file, fields: lunaria.read.join(", ") }));
      if (lunaria.unread.length > 0) out.push(ctx.t("init.lunariaUnread", { file, fields: lunaria.unread.join(", ") }));
    }
  }
  return out;
}

/** The layout `init` found, as lines for the terminal. */
function describeLayout(detection: Detection, ctx: CliContext): string[] {
  const { t, color } = ctx;
  const out: string[] = [];
  if (detection.kind === "none") return [t("init.none")];
  const split = detection.split;
  if (detection.kind !== "split" || !split) {
    const layout = detection.config.layouts?.[0]?.translation ?? "";
    out.push(t(`init.found.${detection.kind}`, { pattern: layout }));
    for (const [lang, count] of Object.entries(detection.counts)) {
      const role = lang === detection.config.sourceLanguage ? t("init.source") : "";
      out.push(`  ${color.bold(lang)}  ${t("init.posts", { count })} ${role}`.trimEnd());
    }
    return out;
  }
  const width = Math.max(...Object.keys(split.translations).map((l) => l.length), 2);
  out.push(t("init.found.split", { pattern: split.translation }));
  out.push(`  ${t("init.sourceFolders", { folders: split.folders.join(", ") })}`);
  out.push("", t("init.originalsHeading"));
  for (const [lang, count] of Object.entries(split.originals)) out.push(`  ${color.bold(lang.padEnd(width))}  ${t("init.posts", { count })}`);
  out.push("", t("init.translationsHeading"));
  for (const [lang, count] of Object.entries(split.translations)) {
    const copies = split.copies[lang];
    out.push(`  ${color.bold(lang.padEnd(width))}  ${t("init.translations", { count })}${copies ? ` · ${t("init.copies", { count: copies })}` : ""}`);
  }
  out.push("");
  if (split.multilingual.length === 0) out.push(t("init.multilingualNone"));
  else {
    const order = (detection.config.sourcePriority ?? []).join(", ");
    out.push(t("init.multilingual", { count: split.multilingual.length, order }));
    for (const m of split.multilingual.slice(0, 3)) out.push(`  ${color.dim(m.originals.map(printable).join("  "))}`);
  }
  if (split.unmatched.length > 0) {
    out.push("", t("init.unmatched", { count: split.unmatched.length }));
    for (const path of split.unmatched.slice(0, UNMATCHED_SHOWN)) out.push(`  ${printable(path)}`);
    if (split.unmatched.length > UNMATCHED_SHOWN) out.push(`  ${t("init.more", { count: split.unmatched.length - UNMATCHED_SHOWN })}`);
  }
  return out;
}
