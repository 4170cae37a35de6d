import { EventEmitter } from "node:events";
import { join } from "node:path";
import { UsageError } from "../../errors.js";
import { GitRepo } from "../../git/repo.js";
import { renderAttention, renderDiff, renderUpdateEvent } from "../../render/update-text.js";
import { analyzeRepo } from "../../status/get-status.js";
import { editorCommand, pagerCommand, runEditor, runPager } from "../../update/editor.js";
import { watchInterrupts } from "../../update/interrupts.js";
import { loadItems } from "../../update/load-items.js";
import { runSession } from "../../update/session.js";
import { createStore } from "../../update/store.js";
import type { CliContext } from "../context.js";
import { clearProgress, statusOptions } from "./common.js";

/** Exit code of a session ended by Ctrl-C, as a shell reports a process ended by SIGINT. */
const EXIT_INTERRUPTED = 130;

/** The interactive session of `transtrack update`, loaded only when the command runs. */
export async function runUpdate(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number> {
  // Prompts need a person at a terminal; scripts have status, diff and mark.
  if (ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true) throw new UsageError("NOT_A_TERMINAL");
  // inquirer is loaded only by the one command that prompts.
  const { createInquirerPrompter } = await import("../prompts.js");
  const status = statusOptions(ctx, args, options);
  const repo = await GitRepo.open(ctx.cwd, ctx.env);
  try {
    const analysis = await analyzeRepo(repo, status).finally(() => clearProgress(ctx));
    const items = await loadItems(repo, analysis);
    const write = (text: string) => void ctx.stdout.write(text);
    const screen = () => ({ t: ctx.t, color: ctx.color, rows: ctx.stdout.rows ?? 24, columns: ctx.stdout.columns ?? 80 });
    // SIGINT between prompts, and the platform's default editor, come from the entry point.
    const interrupts = watchInterrupts(ctx.signals ?? new EventEmitter());
    try {
      const result = await runSession(items, {
        t: ctx.t,
        prompter: createInquirerPrompter({
          input: ctx.stdin,
          output: ctx.stdout as NodeJS.WritableStream,
          color: ctx.color,
          signal: interrupts.signal,
          labels: {
            yes: ctx.t("update.prompt.yes"),
            no: ctx.t("update.prompt.no"),
            yesNoInvalid: ctx.t("update.prompt.yesNoInvalid"),
            keyInvalid: ctx.t("update.prompt.keyInvalid"),
          },
        }),
        show: (event) => write(renderUpdateEvent(event, screen())),
        edit: (item) => interrupts.whileChildRuns(() => runEditor(editorCommand(ctx.env, ctx.platform ?? "linux"), join(analysis.root, item.entry.translation), ctx.cwd)),
        page: (item, mode) => interrupts.whileChildRuns(() => runPager(pagerCommand(ctx.env), renderDiff(item, mode, ctx.color, ctx.t), ctx.cwd)),
        store: createStore(repo, analysis, status),
        sourceCommitKey: analysis.config.keys.sourceCommit,
        commit: options.commit === true,
      });
      if (items.length === 0) {
        const attention = analysis.report.translations.filter((e) => e.status === "orphaned" || e.status === "invalid" || e.status === "unknown").length;
        write(renderAttention(attention, ctx.t, ctx.color));
      }
      return result.summary.ending === "interrupted" ? EXIT_INTERRUPTED : 0;
    } finally {
      interrupts.dispose();
    }
  } finally {
    await repo.close();
  }
}
