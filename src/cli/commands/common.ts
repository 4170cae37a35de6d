import { InvalidArgumentError } from "commander";
import { isLangTag } from "../../lang-tag.js";
import { printable } from "../../render/width.js";
import type { StatusOptions } from "../../status/get-status.js";
import type { CliContext } from "../context.js";

/** One command of the CLI: how it is declared, and what it does with parsed options. */
export interface CliCommand {
  name: string;
  configure(command: import("commander").Command, t: CliContext["t"], option: typeof import("commander").Option): void;
  run(args: string[], options: Record<string, unknown>, ctx: CliContext): Promise<number>;
}

/** Parses `--lang de,zh` (repeatable) into a list. */
export function parseLangs(value: string, previous: string[] = []): string[] {
  const langs = value.split(",").map((l) => l.trim()).filter(Boolean);
  if (langs.length === 0 || langs.some((l) => !isLangTag(l))) {
    // A reason code, not words: the CLI says it in the user's language (see cli/commander-errors.ts).
    throw new InvalidArgumentError("LANGS");
  }
  return [...previous, ...langs];
}

/** Parses a non-negative whole number option. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("NUMBER");
  return Number(value);
}

/** The status options every reading command shares. */
export function statusOptions(ctx: CliContext, paths: string[], options: Record<string, unknown>): StatusOptions {
  const progress = ctx.stderr.isTTY === true && !ctx.quiet;
  let lastDraw = 0;
  const started = Date.now();
  return {
    cwd: ctx.cwd,
    env: ctx.env,
    ...(ctx.configFile ? { configFile: ctx.configFile } : {}),
    paths,
    ...(Array.isArray(options.lang) ? { languages: options.lang as string[] } : {}),
    worktree: options.worktree === true,
    cache: ctx.cache,
    ...(ctx.probe && ctx.probe.dir === ctx.cwd ? { probe: ctx.probe } : {}),
    ...(ctx.verbose
      ? {
          onCacheRebuilt: (cache: string, reason: string) => void ctx.stderr.write(`${ctx.t("verbose.cacheRebuilt", { cache, reason })}\n`),
          onUnmatched: (paths: readonly string[]) =>
            void ctx.stderr.write(`${[ctx.t("verbose.unmatched", { count: paths.length }), ...paths.map((p) => `  ${printable(p)}`)].join("\n")}\n`),
        }
      : {}),
    ...(progress
      ? {
          onProgress: (stage: string, count: number) => {
            const now = Date.now();
            // Only runs longer than about a second get a progress line, and it is redrawn at most 10 times a second.
            if (now - started < 1000 || now - lastDraw < 100) return;
            lastDraw = now;
            ctx.stderr.write(`\r\x1b[2K${ctx.t(`progress.${stage}`, { count })}`);
          },
        }
      : {}),
  };
}

/** Clears a progress line drawn by `statusOptions`. */
export function clearProgress(ctx: CliContext): void {
  if (ctx.stderr.isTTY === true && !ctx.quiet) ctx.stderr.write("\r\x1b[2K");
}
