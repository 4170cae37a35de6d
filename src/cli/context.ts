import type { Colors, Translate } from "../render/words.js";
import type { SignalSource } from "../update/interrupts.js";
import type { RepoProbe } from "../git/probe.js";

/** A stream the CLI writes to. */
export interface Output {
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}


/** Everything a command needs from the outside world, handed in by the entry point. */
export interface CliContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Output;
  stderr: Output;
  /** Where SIGINT arrives, for the interactive session; none in-process. */
  signals?: SignalSource;
  platform?: NodeJS.Platform;
  t: Translate;
  /** Colours for stdout. */
  color: Colors;
  /** Colours for stderr. */
  errColor: Colors;
  configFile?: string;
  quiet: boolean;
  verbose: boolean;
  /** Use the history index cached under .git/. */
  cache: boolean;
  locale: string;
  /** Git's answers asked for at start-up, for the repository in `cwd`. */
  probe?: RepoProbe;
}

/** Whether a stream gets colour: a terminal, NO_COLOR unset, `--no-color` not given (FORCE_COLOR forces it). */
export function useColor(stream: Output, env: NodeJS.ProcessEnv, noColor: boolean): boolean {
  if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/**
 * Columns to lay human text out in: the terminal's width; without a terminal, `COLUMNS` when set (as shells
 * and `less` do), else no limit, so that piped output keeps one entry to a line.
 */
export function terminalWidth(stream: Output, env: NodeJS.ProcessEnv): number {
  if (stream.isTTY === true && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : Infinity;
}
