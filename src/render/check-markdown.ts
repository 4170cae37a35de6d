import { STATUSES } from "../core/types.js";
import type { CheckResult } from "./check-result.js";
import { deferredNotes, entryFinder, langLabel, problemText, violationFile } from "./check-messages.js";
import { printable } from "./width.js";

/** Most violations a table lists: a pull-request comment holds 65,536 characters at most. */
export const MARKDOWN_ROWS = 100;

/** A hidden marker, so a bot can find and update its earlier comment instead of adding another. */
export const MARKDOWN_MARKER = "<!-- transtrack-check -->";

/** Escapes text for Markdown (table cells included): HTML entities and every inline marker. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "&#124;")
    .replace(/([\\`*_[\]~])/g, "\\$1")
    .replace(/\r?\n|\r/g, " ")
    .replace(CONTROLS, (c) => printable(c));
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** A path as inline code that nothing in the path can break out of. */
export function codeSpan(text: string): string {
  const safe = printable(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "&#124;").replace(/\r?\n|\r/g, " "));
  return `<code>${safe}</code>`;
}

/** `check --format markdown` (and the GitHub step summary): a table per language, then the violations; for a pull-request comment. */
export function renderCheckMarkdown({ report, violations, deferred, since, t }: CheckResult): string {
  const out: string[] = [MARKDOWN_MARKER, `## ${escapeMarkdown(t("checkFormats.markdown.heading"))}`, ""];
  const verdict = violations.length === 0 ? `✅ ${t("check.passed")}` : `❌ ${t("check.failed", { count: violations.length })}`;
  out.push(`**${escapeMarkdown(verdict)}**`, "");
  if (since) out.push(escapeMarkdown(t("checkFormats.markdown.since", { ref: since.ref, sha: since.sha.slice(0, 12) })), "");

  if (report.languages.length > 0) {
    const header = [t("checkFormats.markdown.language"), t("checkFormats.markdown.progress"), ...STATUSES.map((s) => t(`statusName.${s}`))];
    out.push(row(header.map(escapeMarkdown)), row(header.map((_, i) => (i === 0 ? "---" : "---:"))));
    for (const lang of report.languages) {
      const counts = report.summary[lang]!;
      const total = STATUSES.reduce((n, s) => n + counts[s], 0);
      const percent = total === 0 ? 100 : Math.floor((counts["up-to-date"] / total) * 100);
      out.push(row([codeSpan(lang), `${percent}%`, ...STATUSES.map((s) => String(counts[s]))]));
    }
    out.push("");
  }

  if (violations.length > 0) {
    const find = entryFinder(report);
    const header = [t("checkFormats.markdown.status"), t("checkFormats.markdown.translation"), t("checkFormats.markdown.original"), t("checkFormats.markdown.details")];
    out.push(`### ${escapeMarkdown(t("checkFormats.markdown.violations"))}`, "", row(header.map(escapeMarkdown)), row(header.map(() => "---")));
    for (const v of violations.slice(0, MARKDOWN_ROWS)) {
      const entry = find(v);
      const details: string[] = [];
      if (v.code === "stale" && entry) {
        details.push(t("status.behind", { count: entry.commitsBehind }), `+${entry.linesAdded} −${entry.linesRemoved}`);
        if (entry.staleSince) details.push(t("status.since", { date: entry.staleSince.slice(0, 10) }));
      } else {
        details.push(t(`violation.${v.code}`, { source: v.source ?? "?", count: v.days ?? 0 }));
      }
      for (const p of entry?.problems ?? []) details.push(problemText(p, t));
      const translation = v.translation ? codeSpan(v.translation) : escapeMarkdown(t("status.noTranslation", { lang: langLabel(v.lang) }));
      out.push(row([escapeMarkdown(t(`statusName.${v.code}`)), translation, v.source ? codeSpan(v.source) : "", details.map(escapeMarkdown).join(" · ")]));
    }
    if (violations.length > MARKDOWN_ROWS) out.push("", escapeMarkdown(t("checkFormats.markdown.more", { count: violations.length - MARKDOWN_ROWS })));
    out.push("");
    const first = violations.find((v) => v.code === "stale" && v.translation);
    if (first) out.push(escapeMarkdown(t("checkFormats.markdown.howToFix")), "", "```sh", `transtrack diff ${shellWord(violationFile(first))}`, `transtrack update`, "```", "");
  }
  for (const note of deferredNotes(deferred, since, t)) out.push(`_${escapeMarkdown(note)}_`, "");
  return `${out.join("\n").trimEnd()}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.join(" | ")} |`;
}

/** A path as one shell word, for a copy-paste command; fenced code shows it verbatim. */
function shellWord(path: string): string {
  // A control character (a line break, ESC) can't be shown; `?` still matches it in the shell.
  const flat = path.replace(CONTROLS, "?").replace(/`/g, "?");
  return /^[\w./@+-]+$/.test(flat) ? flat : `'${flat.replace(/'/g, `'\\''`)}'`;
}
