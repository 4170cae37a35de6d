import type { Translate } from "./words.js";
import { createHash } from "node:crypto";
import { STATUSES, type Entry, type Problem, type Report, type Status } from "../core/types.js";
import type { ChangeDiff, DiffLine } from "../report/line-diff.js";
import { reportPageScript } from "../report/page-script.js";
import { REPORT_PAGE_STYLE } from "../report/page-style.js";

/** What the HTML report is made of: the status report and, per stale translation, its original's change. */
export interface HtmlReportInput {
  report: Report;
  /** Per stale translation path: the original's change; an entry without one shows no diff. */
  diffs: ReadonlyMap<string, ChangeDiff>;
  /** Per post path: its title. */
  titles?: ReadonlyMap<string, string>;
  t: Translate;
  /** The BCP 47 tag of the page's words (the `<html lang>`, and number and date formats). */
  locale: string;
  generatedAt: Date;
  /** Time zone of the generation time; the runtime's own when absent. */
  timeZone?: string;
  /** transtrack's version, for the footer and the generator tag. */
  version?: string;
}

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
class Html {
  constructor(readonly value: string) {}
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function fragment(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(fragment).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** Builds markup; every interpolated value is escaped unless it is itself `html`. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => (out += fragment(value) + strings[i + 1]!));
  return new Html(out);
}

/** A repository path that may wrap after each `/`. */
function path(text: string): Html {
  return new Html(text.split("/").map(escapeHtml).join("/<wbr>"));
}

/** A translated message whose `code spans` become `<code>`; the text is escaped first. */
function rich(text: string): Html {
  return new Html(escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>"));
}

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const RANK: readonly Status[] = ["stale", "orphaned", "invalid", "unknown", "missing", "up-to-date"];

/** Formats numbers, dates and language names in the page's locale. */
interface Formats {
  t: Translate;
  number(n: number): string;
  day(iso: string): string;
  language(tag: string): string;
  titles: ReadonlyMap<string, string>;
}

function formats(input: HtmlReportInput): Formats {
  const locale = safeLocale(input.locale);
  const numbers = new Intl.NumberFormat(locale);
  const days = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  } catch {
    names = null;
  }
  return {
    t: input.t,
    number: (n) => numbers.format(n),
    day: (iso) => (Number.isNaN(Date.parse(iso)) ? iso : days.format(new Date(iso))),
    language: (tag) => {
      try {
        return names?.of(tag.replace(/_/g, "-")) ?? tag;
      } catch {
        return tag;
      }
    },
    titles: input.titles ?? new Map(),
  };
}

function safeLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? "en";
  } catch {
    return "en";
  }
}

/** The whole report as one self-contained HTML page: inline style and script allowed by hash, nothing fetched. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const f = formats(input);
  const { t, report } = input;
  const lang = safeLocale(input.locale);
  // `</` can never end the script element early, whatever the compiled source holds.
  const script = `(${reportPageScript.toString()})();`.replace(/<\//g, "<\\/");
  const style = REPORT_PAGE_STYLE + barWidths(report);
  const csp = [
    "default-src 'none'",
    `style-src ${hash(style)}`,
    `script-src ${hash(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const generated = new Intl.DateTimeFormat(lang, {
    dateStyle: "long",
    timeStyle: "long",
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  }).format(input.generatedAt);
  const listed = report.translations.filter((e) => e.status !== "missing");
  const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="transtrack${input.version ? ` ${input.version}` : ""}">
<title>${t("report.title")} · ${report.head.slice(0, 12)}</title>
<style>${new Html(style)}</style>
</head>
<body>
<a class="skip" href="#translations">${t("report.skipToTable")}</a>
<div class="page">
<header class="top">
<h1>${t("report.title")}</h1>
<dl class="meta">
<div><dt>${t("report.head")}</dt><dd><code data-head="${report.head}">${report.head}</code></dd></div>
<div><dt>${t("report.generated")}</dt><dd><time datetime="${input.generatedAt.toISOString()}">${generated}</time></dd></div>
</dl>
</header>
<main>
${renderSummary(report, f)}
${renderTable(listed, report, input.diffs, f)}
${renderMissing(report, f)}
${renderProblems(report.problems, f)}
</main>
<footer>${rich(t("report.footer", { version: input.version ?? "" }))}</footer>
</div>
<script>${new Html(script)}</script>
</body>
</html>
`;
  return page.value;
}

function renderSummary(report: Report, f: Formats): Html {
  const { t } = f;
  if (report.languages.length === 0) return html`<section id="summary"><h2>${t("report.summary")}</h2><p class="panel note">${rich(t("status.noTranslations"))}</p></section>`;
  const cards = report.languages.map((lang) => {
    const counts = report.summary[lang]!;
    const total = STATUSES.reduce((n, s) => n + counts[s], 0);
    const percent = total === 0 ? 100 : Math.floor((counts["up-to-date"] / total) * 100);
    const label = STATUSES.filter((s) => counts[s] > 0).map((s) => t(`statusCount.${s}`, { count: counts[s] })).join(", ");
    const segments = STATUSES.filter((s) => counts[s] > 0).map(
      (s) => html`<span class="fill-${s} g-${counts[s]}" title="${t(`statusCount.${s}`, { count: counts[s] })}"></span>`,
    );
    const legend = STATUSES.map(
      (s) => html`<li class="${counts[s] === 0 ? "zero" : ""}" data-status="${s}" data-count="${counts[s]}"><span class="swatch fill-${s}" aria-hidden="true"></span>${t(`statusCount.${s}`, { count: counts[s] })}</li>`,
    );
    return html`<article class="card panel" data-lang="${lang}">
<div class="card-head"><h3>${f.language(lang)}<span class="lang-code">${lang}</span></h3>
<span class="percent">${f.number(percent)}%<small>${t("statusName.up-to-date")}</small></span></div>
<div class="bar" role="img" aria-label="${label || t("status.empty")}">${segments}</div>
<ul class="legend">${legend}</ul>
</article>`;
  });
  return html`<section id="summary" aria-labelledby="summary-title"><h2 id="summary-title">${t("report.summary")}</h2>
<div class="cards">${cards}</div></section>`;
}

/** Progress-bar segment widths as classes, so the strict CSP needs no inline style attribute. */
function barWidths(report: Report): string {
  const counts = new Set(Object.values(report.summary).flatMap((c) => STATUSES.map((s) => c[s]).filter((n) => n > 0)));
  return [...counts].sort((a, b) => a - b).map((n) => `.bar > .g-${n} { flex-grow: ${n}; }\n`).join("");
}

function renderTable(entries: readonly Entry[], report: Report, diffs: ReadonlyMap<string, ChangeDiff>, f: Formats): Html {
  const { t } = f;
  const statuses = STATUSES.filter((s) => s !== "missing" && entries.some((e) => e.status === s));
  const filters = html`<form class="filters panel" id="tt-filters" role="search" hidden>
<div><label class="field-label" for="tt-search">${t("report.search")}</label><input type="search" id="tt-search" autocomplete="off" spellcheck="false"></div>
<div><label class="field-label" for="tt-lang">${t("report.language")}</label><select id="tt-lang"><option value="">${t("report.allLanguages")}</option>${report.languages.map((l) => html`<option value="${l}">${f.language(l)} (${l})</option>`)}</select></div>
<fieldset><legend>${t("report.status")}</legend><div class="checks">${statuses.map((s) => html`<label><input type="checkbox" name="status" value="${s}" checked><span class="badge st-${s}">${t(`statusName.${s}`)}</span></label>`)}</div></fieldset>
<p class="count" id="tt-count" aria-live="polite" data-template="${t("report.shown", { shown: "{shown}", total: "{total}" })}"></p>
</form>`;
  const head = html`<thead><tr>
<th scope="col" data-sort="lang">${t("report.columns.lang")}</th>
<th scope="col" data-sort="translation">${t("report.columns.translation")}</th>
<th scope="col" data-sort="source">${t("report.columns.source")}</th>
<th scope="col" data-sort="rank" data-type="number">${t("report.columns.status")}</th>
<th scope="col" class="num" data-sort="behind" data-type="number">${t("report.columns.behind")}</th>
<th scope="col" class="num" data-sort="lines" data-type="number">${t("report.columns.lines")}</th>
<th scope="col" data-sort="since">${t("report.columns.since")}</th>
</tr></thead>`;
  const body = entries.map((entry, index) => renderRow(entry, index, diffs.get(entry.translation ?? ""), f));
  const table =
    entries.length === 0
      ? html`<p class="empty">${t("report.noEntries")}</p>`
      : html`<div class="table-wrap"><table id="tt-table" aria-labelledby="translations-title">${head}${body}</table></div>
<p class="empty" id="tt-empty" hidden>${t("report.noMatch")}</p>`;
  return html`<section id="translations" aria-labelledby="translations-title"><h2 id="translations-title">${t("report.translations")}</h2>
${entries.length > 0 ? filters : ""}<div class="panel">${table}</div></section>`;
}

function renderRow(entry: Entry, index: number, diff: ChangeDiff | undefined, f: Formats): Html {
  const { t } = f;
  const stale = entry.status === "stale";
  // Only stale and up-to-date entries have a baseline to count commits from.
  const counted = stale || entry.status === "up-to-date";
  const translation = entry.translation ?? "";
  const source = entry.source ?? "";
  const title = f.titles.get(translation) ?? "";
  const search = [translation, source, title, f.titles.get(source) ?? ""].join("\n").toLowerCase();
  const rank = RANK.indexOf(entry.status);
  const none = html`<span class="none">—</span>`;
  const problems = entry.problems.length
    ? html`<ul class="entry-problems">${entry.problems.map((p) => html`<li data-code="${p.code}">${problemMessage(p, f)}</li>`)}</ul>`
    : "";
  const lines = entry.linesAdded + entry.linesRemoved;
  return html`<tbody class="entry" data-index="${index}" data-lang="${entry.lang}" data-status="${entry.status}" data-rank="${rank}" data-translation="${translation}" data-source="${source}" data-behind="${counted ? entry.commitsBehind : ""}" data-lines="${stale ? lines : ""}" data-since="${entry.staleSince ?? ""}" data-search="${search}">
<tr>
<td><span class="mono">${entry.lang}</span></td>
<th scope="row"><span class="path">${path(translation)}</span>${entry.copy ? html` <span class="badge copy" data-copy="true">${t("status.copy")}</span>` : ""}${title ? html`<span class="title" lang="${entry.lang}">${title}</span>` : ""}${problems}</th>
<td>${source ? html`<span class="path">${path(source)}</span>` : none}</td>
<td><span class="badge st-${entry.status}">${t(`statusName.${entry.status}`)}</span></td>
<td class="num">${counted ? f.number(entry.commitsBehind) : none}</td>
<td class="num">${stale ? html`<span class="add">+${f.number(entry.linesAdded)}</span> <span class="del">−${f.number(entry.linesRemoved)}</span>` : none}</td>
<td>${entry.staleSince ? html`<time datetime="${entry.staleSince}">${f.day(entry.staleSince)}</time>` : none}</td>
</tr>${stale && diff ? html`
<tr class="change"><td></td><td colspan="6">${renderDiff(entry, diff, f)}</td></tr>` : ""}
</tbody>`;
}

function renderDiff(entry: Entry, diff: ChangeDiff, f: Formats): Html {
  const { t } = f;
  const translation = entry.translation ?? "";
  const lines = diff.lines.map(renderDiffLine(f));
  const cut = diff.lines.length < diff.totalLines;
  const note =
    diff.lines.length === 0 && diff.totalLines > 0
      ? html`<p class="diff-note">${rich(t("report.diffOmitted", { path: translation }))}</p>`
      : cut
        ? html`<p class="diff-note">${rich(t("report.diffTruncated", { shown: diff.lines.length, total: diff.totalLines, path: translation }))}</p>`
        : diff.totalLines === 0
          ? html`<p class="diff-note">${t("report.diffEmpty")}</p>`
          : "";
  return html`<details class="change"><summary>${t("report.showChange")}</summary>
<div class="diff"><div class="diff-head"><span class="path">${path(entry.source ?? "")}</span><span class="range mono">${diff.from} → ${diff.to}</span></div>${lines.length ? html`<pre>${lines}</pre>` : ""}${note}</div>
</details>`;
}

function renderDiffLine(f: Formats): (line: DiffLine) => Html {
  const marker: Record<DiffLine["kind"], string> = { hunk: "", context: " ", added: "+", removed: "−", noNewline: "" };
  return (line) => {
    const text = line.kind === "noNewline" ? f.t("report.noNewline") : line.kind === "hunk" && line.uncounted ? `${line.text} ${f.t("diff.uncountedHunk")}` : line.text;
    return html`<span class="ln ${line.kind}${line.uncounted ? " uncounted" : ""}" data-old="${line.oldLine ?? ""}" data-new="${line.newLine ?? ""}"><span class="tx">${marker[line.kind] ? html`<span class="mk">${marker[line.kind]}</span>` : ""}${text}</span></span>`;
  };
}

function renderMissing(report: Report, f: Formats): Html {
  const { t } = f;
  const groups = report.languages
    .map((lang) => ({ lang, entries: report.translations.filter((e) => e.lang === lang && e.status === "missing") }))
    .filter((g) => g.entries.length > 0);
  const body = groups.length
    ? groups.map(
        (g) => html`<details class="missing-group" data-lang="${g.lang}"${g.entries.length <= 20 ? new Html(" open") : ""}>
<summary><h3>${f.language(g.lang)} <span class="lang-code">${g.lang}</span></h3><span class="badge st-missing">${t("statusCount.missing", { count: g.entries.length })}</span></summary>
<ul>${g.entries.map((e) => html`<li data-source="${e.source ?? ""}" data-expected="${e.expectedPath ?? ""}"><span class="path">${path(e.source ?? "")}</span>${f.titles.get(e.source ?? "") ? html`<span class="title">${f.titles.get(e.source ?? "")}</span>` : ""}${e.expectedPath ? html`<span class="expected">${t(e.copy ? "report.expectedCopy" : "report.expectedPath")} <span class="path">${path(e.expectedPath)}</span></span>` : ""}</li>`)}</ul>
</details>`,
      )
    : html`<p class="note">${t("report.noMissing")}</p>`;
  return html`<section id="missing" aria-labelledby="missing-title"><h2 id="missing-title">${t("report.missing")}</h2><div class="panel">${body}</div></section>`;
}

function problemMessage(problem: Problem, f: Formats): string {
  return f.t(`problems.${problem.code}`, { ...problem.args, file: problem.file });
}

function renderProblems(problems: readonly Problem[], f: Formats): Html {
  const { t } = f;
  const sorted = [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const body = sorted.length
    ? html`<div class="table-wrap"><table class="problems" aria-labelledby="problems-title"><thead><tr>
<th scope="col">${t("report.problemColumns.file")}</th><th scope="col" class="num">${t("report.problemColumns.line")}</th>
<th scope="col">${t("report.problemColumns.code")}</th><th scope="col">${t("report.problemColumns.message")}</th></tr></thead>
<tbody>${sorted.map((p) => html`<tr class="problem" data-code="${p.code}" data-file="${p.file}"><th scope="row"><span class="path">${path(p.file)}</span></th><td class="num">${p.line ?? html`<span class="none">—</span>`}</td><td><code>${p.code}</code></td><td>${problemMessage(p, f)}</td></tr>`)}</tbody></table></div>`
    : html`<p class="note">${t("report.noProblems")}</p>`;
  return html`<section id="problems" aria-labelledby="problems-title"><h2 id="problems-title">${t("report.problems")}</h2><div class="panel">${body}</div></section>`;
}
