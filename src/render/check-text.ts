import { printable } from "./width.js";
import type { CheckResult } from "./check-result.js";
import { deferredNotes } from "./check-messages.js";
import { paintStatus, renderSummary } from "./status-text.js";

/** `check --format text`: each violation on a line, then the verdict. */
export function renderCheckText({ report, violations, deferred, since, t, color, quiet }: CheckResult): string {
  const lines: string[] = [];
  if (!quiet && report.languages.length > 0) lines.push(...renderSummary(report, { all: false, missing: false, quiet, t, color }), "");
  for (const v of violations) {
    const where = v.translation !== null ? printable(v.translation) : t("status.noTranslation", { lang: v.lang });
    const detail = printable(t(`violation.${v.code}`, { source: v.source ?? "?", days: v.days ?? 0, count: v.days ?? 0 }));
    lines.push(`${paintStatus(v.code, color)(t(`statusName.${v.code}`))}  ${where}  ${color.dim(detail)}`);
  }
  if (violations.length > 0) lines.push("");
  if (!quiet) for (const note of deferredNotes(deferred, since, t)) lines.push(color.dim(note));
  if (violations.length === 0) lines.push(color.green(t("check.passed")));
  else lines.push(color.red(t("check.failed", { count: violations.length })));
  return `${lines.join("\n")}\n`;
}
