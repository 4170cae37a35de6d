import type { Colors, Translate } from "./words.js";
import { displayWidth, layOut, printable, wrapText } from "./width.js";
import type { UpdateItem } from "../update/items.js";
import { ACTION_KEYS, actionLabel } from "../core/update-actions.js";
import type { DiffMode, Outcome, SessionEvent, SessionSummary } from "../update/events.js";
import { renderLineDiff, renderWordDiff } from "./diff-text.js";
import { joinList, labelled } from "./punctuation.js";

/** What the session's screen knows about the terminal. */
export interface UpdateScreen {
  t: Translate;
  color: Colors;
  /** Terminal height and width; a diff taller than what is left is cut and summarised. */
  rows: number;
  columns: number;
}

const MAX_COMMITS = 10;
// Lines below the diff: the prompt, the line it leaves when answered, and one spare.
const PROMPT_ROWS = 3;
const MIN_DIFF_ROWS = 5;

/** One session event as terminal text. */
export function renderUpdateEvent(event: SessionEvent, screen: UpdateScreen): string {
  const { t, color } = screen;
  switch (event.type) {
    case "nothing-stale":
      return lines(t("update.nothingStale"), color.green, screen);
    case "overview":
      return lines(t("update.overview", { count: event.count, languages: joinList(event.languages, t) }), color.bold, screen) + lines(t("update.overviewHint"), color.dim, screen);
    case "item": {
      const head = `\n${renderHeader(event.item, event.index, event.total, screen)}\n${renderCommits(event.item, screen)}\n\n`;
      const used = rowsOf(head, screen.columns);
      return `${head}${fitDiff(event.item, event.mode, screen, screen.rows - used - PROMPT_ROWS)}`;
    }
    case "diff":
      if (event.full) return renderDiff(event.item, event.mode, color, t);
      return fitDiff(event.item, event.mode, screen, screen.rows - PROMPT_ROWS);
    case "help":
      return `${ACTION_KEYS.map((key) => layOut([`  ${color.bold(key)}`, t(`update.help.${actionLabel(key, event.mode)}`)], "  ", { width: screen.columns, indent: 5 }).join("\n")).join("\n")}\n`;
    case "notice":
      return lines(t(`update.notice.${event.code}`, event.args), noticeColor(event.code, color), screen);
    case "error":
      return lines(labelled(t("errors.prefix"), t(`errors.${event.code}`, event.args)), color.red, screen);
    case "summary":
      return renderSummary(event.summary, screen);
  }
}

/** The whole diff of an item, coloured, as the pager shows it. */
export function renderDiff(item: UpdateItem, mode: DiffMode, color: Colors, t?: Translate): string {
  if (mode === "line") return renderLineDiff(item.change, color, t);
  // Without colour, word changes need visible markers.
  return renderWordDiff(item.change, color, color.green("x") === "x", t);
}

/** A note, when nothing is stale, that other translations need attention `update` can't give. */
export function renderAttention(count: number, t: Translate, color: Colors): string {
  return count > 0 ? `${color.dim(t("update.attention", { count }))}\n` : "";
}

/** `[2/5] posts/de/a.md ← posts/en/a.md · 2 commits behind · stale since 2026-05-01`, laid out in the terminal's width. */
function renderHeader(item: UpdateItem, index: number, total: number, { t, color, columns }: UpdateScreen): string {
  const { entry } = item;
  const dot = color.dim(" · ");
  const counter = `[${index + 1}/${total}]`;
  const parts = [
    `${color.cyan(color.bold(counter))} ${color.bold(printable(entry.translation))}`,
    `${color.dim("←")} ${printable(entry.source)}`,
    // The commits listed below make up the net change; an edit and its revert are left out of both.
    color.yellow(t("update.behind", { count: item.commits.length || entry.commitsBehind })),
    ...(entry.staleSince ? [t("update.staleSince", { date: entry.staleSince.slice(0, 10) })] : []),
  ];
  return layOut(parts, ["", " ", dot, dot], { width: columns, indent: counter.length + 1 }).join("\n");
}

/**
 * A diff's long lines (a Markdown paragraph is one line) broken at spaces to the screen's width, continuing
 * one column in so the `+`/`-` column stays clear; the pager gets the diff as it is.
 */
function softWrap(diff: string, columns: number): string {
  return diff
    .split("\n")
    .map((line) => (displayWidth(line) <= columns ? line : layOut([line], " ", { width: columns, indent: 1 }).join("\n")))
    .join("\n");
}

/** A message wrapped to the screen's width at spaces, each line painted, ending with a line break. */
function lines(text: string, paint: (s: string) => string, screen: UpdateScreen): string {
  return `${wrapText(text, screen.columns).map(paint).join("\n")}\n`;
}

/** A commit subject cut to `columns` at a space, with "…", as `git log --oneline` output is cut by a pager. */
function fitSubject(subject: string, columns: number): string {
  if (displayWidth(subject) <= columns) return subject;
  let cut = "";
  for (const word of subject.split(" ")) {
    const next = cut ? `${cut} ${word}` : word;
    if (displayWidth(next) > columns - 1) break;
    cut = next;
  }
  // One word longer than the room: its start.
  return `${cut || [...subject].slice(0, Math.max(1, columns - 1)).join("")}…`;
}

function renderCommits(item: UpdateItem, { t, color, columns }: UpdateScreen): string {
  // "  1234567  2026-05-01  ": the subject has what is left of the line.
  const room = Math.max(10, columns - 25);
  const lines = item.commits.slice(0, MAX_COMMITS).map((c) => `  ${color.yellow(c.short)}  ${color.dim(c.date)}  ${printable(fitSubject(c.subject, room))}`);
  if (item.commits.length > MAX_COMMITS) lines.push(`  ${color.dim(t("update.moreCommits", { count: item.commits.length - MAX_COMMITS }))}`);
  return lines.join("\n");
}

/** The diff whole when it fits in `rows` terminal rows, else its beginning and a line saying what was left out. */
function fitDiff(item: UpdateItem, mode: DiffMode, screen: UpdateScreen, rows: number): string {
  const text = softWrap(renderDiff(item, mode, screen.color, screen.t), screen.columns);
  const lines = text.replace(/\n$/, "").split("\n");
  const budget = Math.max(MIN_DIFF_ROWS, rows);
  if (rowsOf(text, screen.columns) <= budget) return text;
  const shown: string[] = [];
  let used = 1; // the summary line
  for (const line of lines) {
    const height = rowsOf(line, screen.columns);
    if (used + height > budget) break;
    shown.push(line);
    used += height;
  }
  const more = screen.t("update.diffMore", { count: lines.length - shown.length, added: item.entry.linesAdded, removed: item.entry.linesRemoved });
  return `${shown.join("\n")}\n${screen.color.dim(more)}\n`;
}

function renderSummary(summary: SessionSummary, { t, color }: UpdateScreen): string {
  const order: Outcome[] = ["edited", "marked", "skipped", "resolved", "left"];
  const counts = order.filter((o) => o !== "resolved" || summary.counts.resolved > 0).map((o) => t(`update.summary.${o}`, { count: summary.counts[o] }));
  const lines = [`\n${labelled(t(`update.summary.${summary.ending}`), joinList(counts, t), color.bold)}`];
  if (summary.committed > 0) lines.push(t("update.summary.committed", { count: summary.committed }));
  for (const path of summary.unmarkedEdits) lines.push(color.yellow(t("update.summary.unmarked", { path })));
  if (summary.counts.left > 0) lines.push(color.dim(t("update.summary.again")));
  return `${lines.join("\n")}\n`;
}

function noticeColor(code: string, color: Colors): (text: string) => string {
  if (code === "MARKED" || code === "COMMITTED" || code === "NO_LONGER_STALE") return color.green;
  if (code === "NOT_MARKED") return color.dim;
  return color.yellow;
}

/** Terminal rows a text takes at `columns`, counting wrapped lines and wide (CJK) characters. */
export function rowsOf(text: string, columns: number): number {
  const width = Math.max(1, columns);
  return text
    .replace(/\n$/, "")
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
}
