import { checkCommand } from "./check.js";
import type { CliCommand } from "./common.js";
import { diffCommand } from "./diff.js";
import { initCommand } from "./init.js";
import { markCommand } from "./mark.js";
import { reportCommand } from "./report.js";
import { statusCommand } from "./status.js";
import { updateCommand } from "./update.js";

/** Every command of the CLI, in help order. */
export const COMMANDS: readonly CliCommand[] = [statusCommand, checkCommand, diffCommand, markCommand, updateCommand, initCommand, reportCommand];
