import type { Colors, Translate } from "./words.js";
import { TranstrackError } from "../errors.js";
import { labelled } from "./punctuation.js";
import { printable } from "./width.js";

/** An error as the user reads it on stderr: the message, a hint, and the stack only with `--verbose`. */
export function renderError(error: unknown, t: Translate, color: Colors, verbose: boolean): string {
  const lines: string[] = [];
  if (error instanceof TranstrackError) {
    // A path or a reason may come from a hostile file name: its escape sequences never reach the terminal.
    const args = Object.fromEntries(Object.entries(error.args).map(([k, v]) => [k, typeof v === "string" ? printable(v) : v]));
    lines.push(labelled(t("errors.prefix"), t(`errors.${error.code}`, args), color.red));
    const hint = t(`hints.${error.code}`, { ...args, defaultValue: "" });
    if (hint) lines.push(labelled(t("errors.hint"), hint, color.dim));
  } else {
    const message = printable(error instanceof Error ? error.message : String(error));
    lines.push(labelled(t("errors.prefix"), t("errors.INTERNAL", { message }), color.red));
    lines.push(labelled(t("errors.hint"), t(verbose ? "hints.INTERNAL_VERBOSE" : "hints.INTERNAL"), color.dim));
  }
  if (verbose && error instanceof Error) {
    let current: unknown = error;
    while (current instanceof Error) {
      lines.push(color.dim(current.stack ?? current.message));
      current = current.cause;
    }
  }
  return `${lines.join("\n")}\n`;
}
