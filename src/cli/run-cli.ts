import { VERSION } from "../version.js";
import { Command, CommanderError, Help, Option } from "commander";
import pc from "picocolors";
import { EXIT_ERROR, EXIT_INTERNAL, TranstrackError } from "../errors.js";
import { COMMANDS } from "./commands/index.js";
import { terminalWidth, useColor, type CliContext, type Output } from "./context.js";
import { availableLocales, createTranslator, detectLocale, pickLocale } from "./i18n.js";
import { usageErrorOf } from "./commander-errors.js";
import { displayWidth } from "../render/width.js";
import { formatHelpItem, wrapHelpText } from "../render/help-layout.js";
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


/** commander's own headings, and the keys of their words. */
const HEADINGS: Record<string, string> = {
  "Usage:": "cli.help.usage",
  "Arguments:": "cli.help.arguments",
  "Options:": "cli.help.options",
  "Global Options:": "cli.help.globalOptions",
  "Commands:": "cli.help.commands",
};

/** Parses argv, runs one command and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const early = scanGlobals(argv);
  const locale = detectLocale(early.locale, io.env);
  const t = createTranslator(locale);
  const verbose = argv.includes("--verbose");
  const errColor = pc.createColors(useColor(io.stderr, io.env, early.noColor));
  // A --locale transtrack doesn't speak is said once, on stderr, then English (or the nearest) is used.
  if (early.locale !== undefined && !speaks(early.locale)) io.stderr.write(`${errColor.yellow(t("cli.localeFallback", { locale: early.locale, locales: availableLocales().join(", ") }))}\n`);
  let exitCode = 0;
  let command: string | null = null;
  // Descriptions show only in help; other runs leave them blank rather than load every message for them.
  const describe: Translate = showsHelp(argv) ? t : () => "";
  const helpWidth = (stream: Output) => {
    const width = terminalWidth(stream, io.env);
    // Without a terminal, commander's 80 columns.
    return Number.isFinite(width) ? width : 80;
  };
  const program = new Command("transtrack")
    .description(describe("cli.description"))
    .version(VERSION, "--version", describe("cli.options.version"))
    .helpOption("-h, --help", describe("cli.options.help"))
    .helpCommand("help [command]", describe("cli.commands.help"))
    .option("-C <dir>", describe("cli.options.dir"))
    .option("--config <file>", describe("cli.options.config"))
    .option("--locale <locale>", describe("cli.options.locale"))
    .option("--no-color", describe("cli.options.noColor"))
    .option("--quiet", describe("cli.options.quiet"))
    .option("--verbose", describe("cli.options.verbose"))
    .option("--no-cache", describe("cli.options.noCache"))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      // Each command's help lists the options every command takes, too.
      showGlobalOptions: true,
      styleTitle: (title: string) => (HEADINGS[title] ? t(HEADINGS[title]) : title),
      // commander puts a space after "Usage:"; a full-width colon ("用法：") carries its own.
      formatHelp: (cmd: Command, helper: Help) => Help.prototype.formatHelp.call(helper, cmd, helper).replace(/^(\S*[\uff1a]) /, "$1"),
      // Measured and wrapped as the terminal draws it: wide characters take two columns, no word is split.
      displayWidth,
      formatItem: (term: string, termWidth: number, description: string, helper: Help) => formatHelpItem(term, termWidth, description, helper.helpWidth ?? 80),
      boxWrap: (text: string, width: number) => wrapHelpText(text, width),
    })
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Help asked for by mistake (no command) goes to stderr.
      writeErr: (s) => io.stderr.write(s),
      // commander's own error messages are English; they are re-rendered below as UsageError, in the user's language.
      outputError: () => undefined,
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
    })
    .hook("preSubcommand", (_program, sub) => {
      command = sub.name();
    });

  for (const spec of COMMANDS) {
    const sub = program.command(spec.name).description(describe(`cli.commands.${spec.name}`));
    spec.configure(sub, describe, Option);
    sub.action(async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.optsWithGlobals() as Record<string, unknown>;
      const cwd = typeof opts.C === "string" ? resolveDir(io.cwd, opts.C) : io.cwd;
      const ctx: CliContext = {
        ...io,
        cwd,
        t,
        locale,
        color: pc.createColors(useColor(io.stdout, io.env, opts.color === false)),
        errColor: pc.createColors(useColor(io.stderr, io.env, opts.color === false)),
        ...(typeof opts.config === "string" ? { configFile: opts.config } : {}),
        quiet: opts.quiet === true,
        cache: opts.cache !== false,
        verbose: opts.verbose === true,
      };
      exitCode = await spec.run(cmd.args, opts, ctx);
    });
  }

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.version" || error.code === "commander.helpDisplayed") return 0;
      // Help asked for (`help`, `help status`) exits 0; help shown because no command was given is a usage error.
      if (error.code === "commander.help") return error.exitCode === 0 ? 0 : EXIT_ERROR;
      return fail(usageErrorOf(error, command), io, t, errColor, verbose);
    }
    return fail(error, io, t, errColor, verbose);
  }
}

function fail(error: unknown, io: CliIo, t: CliContext["t"], color: CliContext["errColor"], verbose: boolean): number {
  io.stderr.write(renderError(error, t, color, verbose));
  // A known error is the user's to fix (2); anything else is a bug of ours, which a script must not take for one.
  return error instanceof TranstrackError ? EXIT_ERROR : EXIT_INTERNAL;
}

/** Whether the run may print help: no command, `help`, or `-h`/`--help` before any `--`. */
function showsHelp(argv: readonly string[]): boolean {
  const names = new Set(COMMANDS.map((c) => c.name));
  if (!argv.some((arg) => names.has(arg))) return true;
  for (const arg of argv) {
    if (arg === "--") return false;
    if (arg === "-h" || arg === "--help" || arg === "help") return true;
  }
  return false;
}

/** Whether transtrack has messages in the language a locale tag names. */
function speaks(tag: string): boolean {
  return pickLocale(tag, availableLocales()) !== "en" || tag.toLowerCase().split(/[-_]/)[0] === "en";
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
