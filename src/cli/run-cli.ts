import { VERSION } from "../version.js";
import { Command, CommanderError, Option } from "commander";
import pc from "picocolors";
import { EXIT_ERROR, EXIT_INTERNAL, TranstrackError, UsageError } from "../errors.js";
import { COMMANDS } from "./commands/index.js";
import { useColor, type CliContext, type Output } from "./context.js";
import { createTranslator, detectLocale } from "./i18n.js";
import { resolveDir } from "./prefetch.js";
import { renderError } from "../render/error.js";
import type { SignalSource } from "../update/interrupts.js";
import type { Translate } from "../render/words.js";
import type { RepoProbe } from "../git/probe.js";

/** The process's side of the world, passed in so tests can run the CLI in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Output;
  stderr: Output;
  /** Where SIGINT arrives, for the interactive session; none in-process. */
  signals?: SignalSource;
  platform?: NodeJS.Platform;
  /** Git's answers asked for at start-up (see `prefetch.ts`). */
  probe?: RepoProbe;
}


/** Parses argv, runs one command and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const early = scanGlobals(argv);
  const t = createTranslator(detectLocale(early.locale, io.env));
  const verbose = argv.includes("--verbose");
  const errColor = pc.createColors(useColor(io.stderr, io.env, early.noColor));
  let exitCode = 0;
  // Descriptions show only in help; other runs leave them blank rather than load every message for them.
  const describe: Translate = showsHelp(argv) ? t : () => "";
  const program = new Command("transtrack")
    .description(describe("cli.description"))
    .version(VERSION, "--version", describe("cli.options.version"))
    .helpOption("-h, --help", describe("cli.options.help"))
    .addHelpCommand(false)
    .option("-C <dir>", describe("cli.options.dir"))
    .option("--config <file>", describe("cli.options.config"))
    .option("--locale <locale>", describe("cli.options.locale"))
    .option("--no-color", describe("cli.options.noColor"))
    .option("--quiet", describe("cli.options.quiet"))
    .option("--verbose", describe("cli.options.verbose"))
    .option("--no-cache", describe("cli.options.noCache"))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Commander's own errors are re-rendered below as UsageError, in the user's language.
      writeErr: () => undefined,
    });

  for (const command of COMMANDS) {
    const sub = program.command(command.name).description(describe(`cli.commands.${command.name}`));
    command.configure(sub, describe, Option);
    sub.action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.optsWithGlobals() as Record<string, unknown>;
      const locale = detectLocale(opts.locale as string | undefined, io.env);
      const cwd = typeof opts.C === "string" ? resolveDir(io.cwd, opts.C) : io.cwd;
      const ctx: CliContext = {
        ...io,
        cwd,
        t: createTranslator(locale),
        locale,
        color: pc.createColors(useColor(io.stdout, io.env, opts.color === false)),
        errColor: pc.createColors(useColor(io.stderr, io.env, opts.color === false)),
        ...(typeof opts.config === "string" ? { configFile: opts.config } : {}),
        quiet: opts.quiet === true,
        cache: opts.cache !== false,
        verbose: opts.verbose === true,
      };
      exitCode = await command.run(cmd.args, opts, ctx);
    });
  }

  try {
    await program.parseAsync([...argv], { from: "user" });
    if (argv.length === 0) {
      io.stdout.write(program.helpInformation());
      return 0;
    }
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      const detail = error.message.replace(/^error:\s*/, "");
      return fail(new UsageError("USAGE", { detail }), io, t, errColor, verbose);
    }
    return fail(error, io, t, errColor, verbose);
  }
}

function fail(error: unknown, io: CliIo, t: CliContext["t"], color: CliContext["errColor"], verbose: boolean): number {
  io.stderr.write(renderError(error, t, color, verbose));
  // A known error is the user's to fix (2); anything else is a bug of ours, which a script must not take for one.
  return error instanceof TranstrackError ? EXIT_ERROR : EXIT_INTERNAL;
}

/** Whether the run may print help: no arguments, or `-h`/`--help` before any `--`. */
function showsHelp(argv: readonly string[]): boolean {
  if (argv.length === 0) return true;
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "-h" || arg === "--help") return true;
  }
  return false;
}

/** Reads `--locale` and `--no-color` before parsing, so even parse errors speak the right language. */
function scanGlobals(argv: readonly string[]): { locale?: string; noColor: boolean } {
  let locale: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--locale") locale = argv[i + 1];
    else if (arg.startsWith("--locale=")) locale = arg.slice(9);
  }
  return { ...(locale ? { locale } : {}), noColor: argv.includes("--no-color") };
}
