import type { Colors, Translate } from "./words.js";
import { TranstrackError } from "../errors.js";
import { labelled } from "./punctuation.js";

/** An error as the user reads it on stderr: the message, a hint, and the stack only with `--verbose`. */
export function renderError(error: unknown, t: Translate, color: Colors, verbose: boolean): string {
  const lines: string[] = [];
  if (error instanceof TranstrackError) {
    lines.push(labelled(t("errors.prefix"), t(`errors.${error.code}`, error.args), color.red));
    const hint = t(`hints.${error.code}`, { ...error.args, defaultValue: "" });
    if (hint) lines.push(labelled(t("errors.hint"), hint, color.dim));
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(labelled(t("errors.prefix"), t("errors.INTERNAL", { message }), color.red));
    if (!verbose) lines.push(labelled(t("errors.hint"), t("hints.INTERNAL"), color.dim));
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
