import type { Translate } from "./words.js";
import { createHash } from "node:crypto";
import type { TranstrackError } from "../errors.js";
import type { CheckResult } from "./check-result.js";
import { entryFinder, problemText, violationFile, violationLines, violationTitle } from "./check-messages.js";
import { renderCheckText } from "./check-text.js";
import { printable } from "./width.js";
import { MOVED_CODES } from "../core/types.js";

/** Escapes a workflow command's message: `%`, CR and LF as the runner reads them, other controls (ESC, BEL) as `\xNN`. */
export function escapeData(text: string): string {
  return printable(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** Escapes a workflow command's property value: as the message, plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One GitHub Actions workflow command, e.g. `::error file=a.md,line=1,title=T::message`. */
export function workflowCommand(command: "error" | "warning" | "notice", properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/**
 * `check --format github`: an `::error` annotation per violation, on the translation (or, for a
 * missing one, the original) so it shows on the pull request's files; `::warning` for originals
 * that moved; then the text report for the log, with workflow commands switched off around it.
 */
export function renderCheckGithub(result: CheckResult): string {
  const { report, violations, t, pathPrefix } = result;
  const find = entryFinder(report);
  const lines: string[] = [];
  for (const v of violations) {
    const file = violationFile(v);
    const properties = { file: pathPrefix + file, line: v.line ?? 1, title: violationTitle(v, t) };
    lines.push(workflowCommand("error", properties, violationLines(v, find(v), t).join("\n")));
  }
  for (const entry of report.translations) {
    for (const p of entry.problems) {
      if (!MOVED_CODES.includes(p.code)) continue;
      const properties = { file: pathPrefix + p.file, line: p.line ?? 1, title: t("checkFormats.title.moved") };
      lines.push(workflowCommand("warning", properties, problemText(p, t)));
    }
  }
  // The log text carries file names from the pull request; a name with a newline must not be able
  // to start a workflow command, so command processing is off around it. The token is a digest of
  // the text itself, which the text therefore can't contain.
  const text = renderCheckText(result);
  const token = createHash("sha256").update(text).digest("hex").slice(0, 32);
  return `${lines.map((l) => `${l}\n`).join("")}::stop-commands::${token}\n${text}::${token}::\n`;
}

/** A transtrack error (shallow clone, bad ref) as an `::error` annotation, with its hint. */
export function errorAnnotation(error: TranstrackError, t: Translate): string {
  const hint = t(`hints.${error.code}`, { ...error.args, defaultValue: "" });
  const message = t(`errors.${error.code}`, error.args);
  return `${workflowCommand("error", { title: t("checkFormats.title.error") }, hint ? `${message}\n${hint}` : message)}\n`;
}
