import { printable } from "./width.js";
import type { CheckResult } from "./check-result.js";
import { deferredNotes, entryFinder } from "./check-messages.js";
import { paintStatus, renderSummary } from "./status-text.js";

/** `check --format text`: each violation on a line, then the verdict. */
export function renderCheckText({ report, violations, deferred, since, t, color, quiet }: CheckResult): string {
  const lines: string[] = [];
  if (!quiet && report.languages.length > 0) lines.push(...renderSummary(report, { all: false, missing: false, quiet, t, color }), "");
  const entryOf = entryFinder(report);
  for (const v of violations) {
    const entry = entryOf(v);
    // A missing translation is named by the path it would have, when the layout gives one.
    const path = v.translation ?? entry?.expectedPath ?? null;
    const where = path !== null ? printable(path) : t("status.noTranslation", { lang: v.lang });
    const detail = printable(t(`violation.${v.code}`, { source: v.source ?? "?", days: v.days ?? 0, count: v.days ?? 0 }));
    const copy = entry?.copy ? `  ${t("status.copy")}` : "";
    lines.push(`${paintStatus(v.code, color)(t(`statusName.${v.code}`))}  ${where}${copy}  ${color.dim(detail)}`);
  }
  if (violations.length > 0) lines.push("");
  if (!quiet) for (const note of deferredNotes(deferred, since, t)) lines.push(color.dim(note));
  if (violations.length === 0) lines.push(color.green(t("check.passed")));
  else lines.push(color.red(t("check.failed", { count: violations.length })));
  return `${lines.join("\n")}\n`;
}
