import type { Colors, Translate } from "./words.js";
import { displayWidth, padColumns, printable } from "./width.js";
import { STATUSES, type Entry, type Report, type Status } from "../core/types.js";

/** What the human status view shows. */
export interface StatusView {
  all: boolean;
  missing: boolean;
  quiet: boolean;
  t: Translate;
  color: Colors;
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
    return `${color.bold(lang.padEnd(width))}  ${bar} ${String(percent).padStart(3)}%  ${parts.join(" · ") || t("status.empty")}`;
  });
}

/** The entries worth listing: those needing attention, plus all or missing when asked; most commits behind first. */
function listedEntries(report: Report, view: Pick<StatusView, "all" | "missing">): Entry[] {
  return report.translations
    .filter((e) => view.all || ATTENTION.includes(e.status) || (view.missing && e.status === "missing"))
    .filter((e) => e.status !== "missing" || view.missing)
    .sort((a, b) => b.commitsBehind - a.commitsBehind || rank(a.status) - rank(b.status));
}

function rank(status: Status): number {
  return [...ATTENTION, "missing", "up-to-date"].indexOf(status);
}

/** The translation's path; for a missing one, the path it would have, else a placeholder. */
function entryPath(entry: Entry, t: Translate): string {
  const path = entry.translation ?? entry.expectedPath ?? null;
  return path !== null ? printable(path) : t("status.noTranslation", { lang: entry.lang });
}

/** One entry as a table row. */
function renderEntry(entry: Entry, view: StatusView, widths: { status: number; path: number }): string {
  const { t, color } = view;
  const label = paintStatus(entry.status, color)(padColumns(t(`statusName.${entry.status}`), widths.status));
  const path = padColumns(entryPath(entry, t), widths.path);
  const source = entry.source ? color.dim(`← ${printable(entry.source)}`) : "";
  const details: string[] = [];
  if (entry.copy) details.push(t("status.copy"));
  if (entry.status === "stale") {
    details.push(t("status.behind", { count: entry.commitsBehind }));
    details.push(`${color.green(`+${entry.linesAdded}`)} ${color.red(`−${entry.linesRemoved}`)}`);
    if (entry.staleSince) details.push(t("status.since", { date: entry.staleSince.slice(0, 10) }));
  }
  for (const p of entry.problems) details.push(color.dim(printable(t(`problems.${p.code}`, { ...p.args, file: p.file }))));
  return `  ${label}  ${path}  ${source}${details.length ? `  ${details.join(" · ")}` : ""}`.trimEnd();
}

/** The whole `status` view: summary lines, then the entries that need attention. */
export function renderStatus(report: Report, view: StatusView): string {
  const lines: string[] = [];
  if (report.languages.length === 0) return `${view.t("status.noTranslations")}\n`;
  if (!view.quiet) lines.push(...renderSummary(report, view));
  const entries = listedEntries(report, view);
  if (entries.length > 0) {
    if (!view.quiet) lines.push("");
    const widths = {
      status: Math.max(...entries.map((e) => displayWidth(view.t(`statusName.${e.status}`)))),
      path: Math.max(...entries.map((e) => displayWidth(entryPath(e, view.t)))),
    };
    for (const entry of entries) lines.push(renderEntry(entry, view, widths));
  } else if (!view.quiet) {
    lines.push("", view.color.green(view.t("status.allGood")));
  }
  const hidden = report.translations.filter((e) => e.status === "missing").length;
  if (!view.missing && !view.quiet && hidden > 0) lines.push("", view.color.dim(view.t("status.missingHidden", { count: hidden })));
  return `${lines.join("\n")}\n`;
}
