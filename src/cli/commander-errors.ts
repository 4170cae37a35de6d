import { CommanderError } from "commander";
import { UsageError } from "../errors.js";

/** commander's error codes and the codes transtrack gives them, whose words live in every locale. */
const CODES: Record<string, string> = {
  "commander.unknownOption": "UNKNOWN_OPTION",
  "commander.unknownCommand": "UNKNOWN_COMMAND",
  "commander.missingArgument": "MISSING_ARGUMENT",
  "commander.optionMissingArgument": "OPTION_MISSING_ARGUMENT",
  "commander.missingMandatoryOptionValue": "MISSING_OPTION",
  "commander.excessArguments": "EXCESS_ARGUMENTS",
  "commander.invalidArgument": "INVALID_VALUE",
};

/** Reasons the option parsers give InvalidArgumentError (`cli/commands/common.ts`); each is a code `INVALID_<reason>`. */
export const INVALID_REASONS = ["NUMBER", "LANGS"] as const;

/**
 * commander's English parse error as a coded UsageError: the names it quotes become arguments, its
 * "(Did you mean …?)" a suggestion, and `command` says whose help to read. A reason given to
 * InvalidArgumentError is a code under `usage.reason.` (see `cli/commands/common.ts`).
 */
export function usageErrorOf(error: CommanderError, command: string | null): UsageError {
  let code = CODES[error.code];
  const help = command ? `transtrack ${command} --help` : "transtrack --help";
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  const suggestion = /\(Did you mean (?:one of )?(.+)\?\)/.exec(error.message)?.[1] ?? "";
  if (code === undefined) return new UsageError("USAGE", { detail: error.message.replace(/^error:\s*/, ""), help }, { cause: error });
  // With a suggestion the hint says "did you mean …?" (i18next's context: the key `…_suggest`).
  const args: Record<string, string> = { help, ...(suggestion ? { suggestion, context: "suggest" } : {}) };
  switch (code) {
    case "UNKNOWN_OPTION":
    case "OPTION_MISSING_ARGUMENT":
    case "MISSING_OPTION":
      args.option = quoted[0] ?? "";
      break;
    case "UNKNOWN_COMMAND":
      args.command = quoted[0] ?? "";
      break;
    case "MISSING_ARGUMENT":
      args.argument = quoted[0] ?? "";
      break;
    case "EXCESS_ARGUMENTS":
      args.expected = /Expected (\d+)/.exec(error.message)?.[1] ?? "0";
      break;
    case "INVALID_VALUE":
      // "option '--max-days <n>' argument 'abc' is invalid. REASON"
      args.option = (quoted[0] ?? "").split(" ")[0]!;
      args.value = quoted[1] ?? "";
      const reason = /is invalid\. (\w+)$/.exec(error.message)?.[1] ?? "";
      if (!(INVALID_REASONS as readonly string[]).includes(reason)) return new UsageError("USAGE", { detail: error.message.replace(/^error:\s*/, ""), help }, { cause: error });
      code = `INVALID_${reason}`;
      break;
  }
  return new UsageError(code, args, { cause: error });
}
