import { printable, wrapText } from "./width.js";
import type { CheckResult } from "./check-result.js";
import { deferredNotes, entryFinder, langLabel } from "./check-messages.js";
import { hasMoved, newEntry, type Entry } from "../core/types.js";
import { byAttention } from "../core/attention.js";
import type { Violation } from "../core/policy.js";
import { prose, renderEntry, renderSummary, rowWidths } from "./status-text.js";

/** Columns a next step is indented by, under the row it belongs to. */
const STEP_INDENT = 4;

/**
 * `check --format text`: the summary, then each violation as `status` shows it (original, commits behind,
 * lines, since when, problems) and on the next line what to run; then the verdict. Lines fit in `width`.
 */
export function renderCheckText(result: CheckResult): string {
  const { report, violations, deferred, since, t, color, quiet } = result;
  const width = result.width ?? Infinity;
  const view = { all: false, missing: false, quiet, t, color, width };
  const lines: string[] = [];
  if (!quiet && report.languages.length > 0) lines.push(...renderSummary(report, view), "");
  const entryOf = entryFinder(report);
  // In the order status lists them.
  const rows = violations.map((v) => ({ v, entry: entryOf(v) ?? standIn(v) })).sort((a, b) => byAttention(a.entry, b.entry));
  // Entries that pass but whose original moved: a warning, as the github format gives one.
  const failing = new Set(rows.map((r) => r.entry));
  const warnings = report.translations.filter((e) => hasMoved(e) && !failing.has(e));
  const widths = rows.length + warnings.length > 0 ? rowWidths([...rows.map((r) => r.entry), ...warnings], t) : { status: 0, path: 0 };
  for (const { v, entry } of rows) {
    lines.push(renderEntry(entry, view, widths, violationDetail(v, entry, t).map((d) => color.dim(printable(d)))));
    const step = nextStep(v, entry, t);
    if (step) lines.push(...wrapText(`→ ${printable(step)}`, width - STEP_INDENT, 2).map((l) => color.dim(`${" ".repeat(STEP_INDENT)}${l}`)));
  }
  for (const entry of warnings) lines.push(renderEntry(entry, view, widths));
  if (violations.length + warnings.length > 0) lines.push("");
  if (!quiet) for (const note of deferredNotes(deferred, since, t)) lines.push(...prose(note, color.dim, view));
  if (violations.length === 0) lines.push(...prose(t("check.passed"), color.green, view));
  else lines.push(...prose(t("check.failed", { count: violations.length }), color.red, view));
  return `${lines.join("\n")}\n`;
}

/** Why the entry fails beyond what its row says: how long it has been stale; a missing one's row says it all. */
function violationDetail(v: Violation, entry: Entry, t: CheckResult["t"]): string[] {
  if (v.code === "stale") return v.days !== null && v.days > 0 ? [t("violation.stale", { count: v.days })] : [];
  if (v.code === "missing") return [];
  // Orphaned, invalid and unknown rows list their problems; the verdict's words cover an entry without any.
  return entry.problems.length > 0 ? [] : [t(`violation.${v.code}`, { source: v.source ?? "?" })];
}

/** What to run next for a violation, from the same words the CI formats use; "" when there is none. */
function nextStep(v: Violation, entry: Entry, t: CheckResult["t"]): string {
  const translation = v.translation ?? entry.expectedPath ?? "";
  return t(`checkFormats.fix.${v.code}`, { translation, source: v.source ?? "?", lang: langLabel(v.lang), defaultValue: "" });
}

/** An entry for a violation the report does not list (never expected; kept so a row is still shown). */
function standIn(v: Violation): Entry {
  return newEntry({ lang: v.lang, source: v.source, translation: v.translation, status: v.code });
}
