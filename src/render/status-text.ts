import type { Colors, Translate } from "./words.js";
import { displayWidth, layOut, padColumns, printable, wrapText } from "./width.js";
import { STATUSES, hasMoved, type Entry, type Report, type Status } from "../core/types.js";
import { byAttention } from "../core/attention.js";

/** What the human status view shows. */
export interface StatusView {
  all: boolean;
  missing: boolean;
  quiet: boolean;
  t: Translate;
  color: Colors;
  /** Terminal columns to lay lines out in; `Infinity` (the default) keeps each entry on one line. */
  width?: number;
}

const ATTENTION: readonly Status[] = ["stale", "orphaned", "invalid", "unknown"];
const BAR = 20;

/** Colour of each status. */
export function paintStatus(status: Status, color: Colors): (s: string) => string {
  switch (status) {
    case "up-to-date":
      return color.green;
    case "stale":
      return color.yellow;
    case "missing":
      return color.cyan;
    default:
      return color.red;
  }
}

/** The per-language summary lines with a progress bar. */
export function renderSummary(report: Report, view: StatusView): string[] {
  const { t, color } = view;
  const width = Math.max(...report.languages.map((l) => l.length), 2);
  return report.languages.map((lang) => {
    const counts = report.summary[lang]!;
    const total = STATUSES.reduce((n, s) => n + counts[s], 0);
    const done = counts["up-to-date"];
    const filled = total === 0 ? 0 : Math.round((done / total) * BAR);
    const bar = color.green("█".repeat(filled)) + color.dim("░".repeat(BAR - filled));
    const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
    const parts = STATUSES.filter((s) => counts[s] > 0).map((s) => paintStatus(s, color)(t(`statusCount.${s}`, { count: counts[s] })));
    const head = `${color.bold(lang.padEnd(width))}  ${bar} ${String(percent).padStart(3)}%`;
    const counted = parts.length > 0 ? parts : [t("status.empty")];
    // On a narrow terminal the counts continue under the bar, never cut inside a word.
    return layOut([head, ...counted], ["", "  ", ...counted.slice(1).map(() => " · ")], { width: view.width ?? Infinity, indent: width + 2 }).join("\n");
  });
}

/** The entries worth listing: those needing attention, plus all or missing when asked; most commits behind first. */
function listedEntries(report: Report, view: Pick<StatusView, "all" | "missing">): Entry[] {
  return report.translations
    // An up-to-date translation whose original moved is listed too: its link or its name must follow.
    .filter((e) => view.all || ATTENTION.includes(e.status) || hasMoved(e) || (view.missing && e.status === "missing"))
    .filter((e) => e.status !== "missing" || view.missing)
    .sort(byAttention);
}

/** The translation's path; for a missing one, the path it would have, else a placeholder. */
function entryPath(entry: Entry, t: Translate): string {
  const path = entry.translation ?? entry.expectedPath ?? null;
  return path !== null ? printable(path) : t("status.noTranslation", { lang: entry.lang });
}

/** The facts of an entry after its paths: copy, commits behind, lines, since when, and its problems. */
export function entryDetails(entry: Entry, t: Translate, color: Colors): string[] {
  const details: string[] = [];
  if (entry.copy) details.push(t("status.copy"));
  if (entry.status === "stale") {
    details.push(t("status.behind", { count: entry.commitsBehind }));
    details.push(`${color.green(`+${entry.linesAdded}`)} ${color.red(`−${entry.linesRemoved}`)}`);
    if (entry.staleSince) details.push(t("status.since", { date: entry.staleSince.slice(0, 10) }));
  }
  for (const p of entry.problems) details.push(color.dim(printable(t(`problems.${p.code}`, { ...p.args, file: p.file }))));
  return details;
}

/** Column widths of a table of entries: the status names and the paths. */
export interface RowWidths {
  status: number;
  path: number;
}

/** The column widths that align `entries` in a table. */
export function rowWidths(entries: readonly Entry[], t: Translate): RowWidths {
  return {
    status: Math.max(...entries.map((e) => displayWidth(t(`statusName.${e.status}`)))),
    path: Math.max(...entries.map((e) => displayWidth(entryPath(e, t)))),
  };
}

/**
 * One entry as a table row, laid out in `width` columns: what does not fit continues on indented lines.
 * `extra` details follow the entry's own.
 */
export function renderEntry(entry: Entry, view: StatusView, widths: RowWidths, extra: readonly string[] = []): string {
  const { t, color } = view;
  const label = paintStatus(entry.status, color)(padColumns(t(`statusName.${entry.status}`), widths.status));
  const path = padColumns(entryPath(entry, t), widths.path);
  const source = entry.source ? color.dim(`← ${printable(entry.source)}`) : "";
  const details = [...entryDetails(entry, t, color), ...extra];
  // Separators by position; an empty source is left out with its own.
  const separators = ["", "  ", "  ", "  ", ...details.slice(1).map(() => " · ")];
  return layOut([`  ${label}`, path, source, ...details], separators, { width: view.width ?? Infinity, indent: widths.status + 4 }).join("\n");
}

/** The whole `status` view: summary lines, then the entries that need attention. */
export function renderStatus(report: Report, view: StatusView): string {
  const lines: string[] = [];
  if (report.languages.length === 0) return `${prose(view.t("status.noTranslations"), (s) => s, view).join("\n")}\n`;
  if (!view.quiet) lines.push(...renderSummary(report, view));
  const entries = listedEntries(report, view);
  if (entries.length > 0) {
    if (!view.quiet) lines.push("");
    const widths = rowWidths(entries, view.t);
    for (const entry of entries) lines.push(renderEntry(entry, view, widths));
  } else if (!view.quiet) {
    lines.push("", ...prose(view.t("status.allGood"), view.color.green, view));
  }
  const hidden = report.translations.filter((e) => e.status === "missing").length;
  if (!view.missing && !view.quiet && hidden > 0) lines.push("", ...prose(view.t("status.missingHidden", { count: hidden }), view.color.dim, view));
  return `${lines.join("\n")}\n`;
}

/** A sentence wrapped to the view's width at spaces, each line painted on its own. */
export function prose(text: string, paint: (s: string) => string, view: { width?: number }): string[] {
  return wrapText(text, view.width ?? Infinity).map(paint);
}
