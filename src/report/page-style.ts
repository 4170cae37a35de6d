import { STATUSES } from "../core/types.js";

/** The HTML report's stylesheet: system fonts only, light and dark, nothing fetched. */
export const REPORT_PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f6f8fa; --surface: #ffffff; --border: #d0d7de; --border-soft: #e4e8ec;
  --text: #1f2328; --muted: #59636e; --accent: #0969da; --row-hover: #f6f8fa;
  --up-to-date: #1a7f37; --up-to-date-bg: #dafbe1;
  --stale: #9a6700; --stale-bg: #fff8c5;
  --missing: #0969da; --missing-bg: #ddf4ff;
  --orphaned: #8250df; --orphaned-bg: #fbefff;
  --invalid: #cf222e; --invalid-bg: #ffebe9;
  --unknown: #59636e; --unknown-bg: #eaeef2;
  --add-bg: #e6ffec; --add-marker: #1a7f37; --del-bg: #ffebe9; --del-marker: #cf222e; --hunk-bg: #ddf4ff;
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --surface: #151b23; --border: #3d444d; --border-soft: #2a313a;
    --text: #e6edf3; --muted: #9198a1; --accent: #4493f8; --row-hover: #1c232c;
    --up-to-date: #3fb950; --up-to-date-bg: #12361f;
    --stale: #d29922; --stale-bg: #3a2e0b;
    --missing: #4493f8; --missing-bg: #0f2a4a;
    --orphaned: #ab7df8; --orphaned-bg: #2e1f4d;
    --invalid: #f85149; --invalid-bg: #42161a;
    --unknown: #9198a1; --unknown-bg: #262c36;
    --add-bg: #12361f; --add-marker: #3fb950; --del-bg: #42161a; --del-marker: #f85149; --hunk-bg: #0f2a4a;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Yu Gothic UI", "Noto Sans CJK SC", sans-serif;
}
.page { max-width: 1280px; margin: 0 auto; padding: 32px 24px 48px; }
header.top { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 8px 24px; margin-bottom: 24px; }
h1 { font-size: 24px; line-height: 1.25; margin: 0; font-weight: 600; }
h2 { font-size: 18px; margin: 0 0 12px; font-weight: 600; }
h3 { font-size: 15px; margin: 0; font-weight: 600; }
.meta { margin: 0; color: var(--muted); display: flex; flex-wrap: wrap; gap: 4px 16px; }
.meta dt { display: inline; } .meta dd { display: inline; margin: 0 0 0 4px; color: var(--text); }
code, .mono { font-family: var(--mono); font-size: 12.5px; }
section { margin-top: 32px; }
.panel { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 16px; top: 8px; background: var(--surface); padding: 4px 8px; border-radius: 4px; }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; }
.card { padding: 16px; }
.card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
.card .lang-code { color: var(--muted); font-family: var(--mono); font-size: 12px; margin-left: 6px; font-weight: 400; }
.percent { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.percent small { font-size: 12px; color: var(--muted); font-weight: 400; margin-left: 4px; }
.bar { display: flex; height: 10px; margin: 12px 0; border-radius: 5px; overflow: hidden; background: var(--border-soft); gap: 2px; }
.bar > span { flex: 0 1 0; min-width: 3px; }
.legend { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; font-size: 13px; }
.legend li { display: flex; align-items: center; gap: 6px; font-variant-numeric: tabular-nums; }
.legend li.zero { color: var(--muted); opacity: .7; }
.swatch { width: 10px; height: 10px; border-radius: 2px; flex: none; }
${STATUSES.map((s) => `.fill-${s} { background: var(--${s}); }`).join("\n")}
${STATUSES.map((s) => `.badge.st-${s} { color: var(--${s}); background: var(--${s}-bg); border-color: color-mix(in srgb, var(--${s}) 35%, transparent); }`).join("\n")}
.badge { display: inline-block; padding: 1px 8px; border: 1px solid; border-radius: 999px; font-size: 12px; font-weight: 500; white-space: nowrap; }

.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 20px; padding: 12px 16px; margin-bottom: 12px; }
.filters label.field-label, .filters legend { display: block; font-size: 12px; font-weight: 600; color: var(--muted); margin-bottom: 4px; padding: 0; }
.filters fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.filters input[type=search], .filters select {
  font: inherit; color: var(--text); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 5px 10px; min-height: 32px;
}
.filters input[type=search] { width: 280px; max-width: 100%; }
.filters input:focus-visible, .filters select:focus-visible, button:focus-visible, summary:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.checks { display: flex; flex-wrap: wrap; gap: 6px; }
.checks label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.checks input { margin: 0; accent-color: var(--accent); }
.count { margin: 0 0 0 auto; color: var(--muted); font-variant-numeric: tabular-nums; align-self: center; }

.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
thead th { position: sticky; top: 0; background: var(--surface); z-index: 1; }
th, td { text-align: left; vertical-align: top; padding: 8px 12px; }
thead th { font-size: 12px; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--border); white-space: nowrap; }
tbody.entry > tr:first-child > * { border-top: 1px solid var(--border-soft); }
tbody.entry:first-of-type > tr:first-child > * { border-top: 0; }
tbody.entry:hover > tr > * { background: var(--row-hover); }
tbody th { font-weight: 400; }
${STATUSES.filter((s) => s !== "up-to-date").map((s) => `tbody.entry[data-status=${s}] > tr:first-child > :first-child { box-shadow: inset 3px 0 var(--${s}); }`).join("\n")}
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.path { font-family: var(--mono); font-size: 12.5px; overflow-wrap: break-word; }
td time { white-space: nowrap; }
.title { display: block; color: var(--muted); font-size: 12.5px; margin-top: 2px; overflow-wrap: anywhere; }
.none { color: var(--muted); }
.add { color: var(--add-marker); } .del { color: var(--del-marker); }
.entry-problems { margin: 4px 0 0; padding: 0; list-style: none; font-size: 12.5px; color: var(--invalid); }
button.sort { all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 4px; border-radius: 4px; }
button.sort:hover { color: var(--text); }
button.sort::after { content: "↕"; opacity: .35; font-size: 11px; }
th[aria-sort=ascending] button.sort::after { content: "▲"; opacity: 1; }
th[aria-sort=descending] button.sort::after { content: "▼"; opacity: 1; }
th[aria-sort] { color: var(--text); }
tr.change > td { padding-top: 0; }
/* The diff must not widen the table: it takes the cell's width, and scrolls inside it. */
details.change { contain: inline-size; width: 100%; }
details.change > summary { cursor: pointer; color: var(--accent); font-size: 13px; width: max-content; max-width: 100%; }
details.change[open] > summary { margin-bottom: 8px; }
.empty { padding: 24px; text-align: center; color: var(--muted); margin: 0; }

.diff { border: 1px solid var(--border); border-radius: 6px; overflow: hidden; background: var(--surface); }
.diff-head { display: flex; flex-wrap: wrap; gap: 4px 12px; justify-content: space-between; padding: 6px 12px; background: var(--bg); border-bottom: 1px solid var(--border); font-size: 12.5px; }
.diff-head .range { color: var(--muted); }
.diff pre { margin: 0; overflow-x: auto; font-family: var(--mono); font-size: 12px; line-height: 1.55; }
.diff .ln { display: grid; grid-template-columns: 3.5em 3.5em 1fr; min-width: max-content; }
.diff .ln::before { content: attr(data-old); }
.diff .ln::after { content: attr(data-new); grid-column: 2; grid-row: 1; }
.diff .ln::before, .diff .ln::after { color: var(--muted); text-align: right; padding-right: 8px; user-select: none; opacity: .8; }
.diff .tx { grid-column: 3; white-space: pre; padding: 0 12px 0 4px; }
.diff .mk { display: inline-block; width: 1.2em; user-select: none; }
.diff .ln.added { background: var(--add-bg); } .diff .ln.added .mk { color: var(--add-marker); }
.diff .ln.removed { background: var(--del-bg); } .diff .ln.removed .mk { color: var(--del-marker); }
.diff .ln.hunk { background: var(--hunk-bg); color: var(--muted); }
.diff .ln.noNewline { color: var(--muted); font-style: italic; }
.diff .ln.uncounted { background: none; color: var(--muted); } .diff .ln.uncounted .mk { color: var(--muted); }
.diff-note { margin: 0; padding: 8px 12px; font-size: 12.5px; color: var(--muted); border-top: 1px solid var(--border); background: var(--bg); }

.missing-group { border-top: 1px solid var(--border-soft); }
.missing-group:first-child { border-top: 0; }
.missing-group > summary { cursor: pointer; padding: 10px 16px; display: flex; gap: 12px; align-items: center; list-style: none; }
.missing-group > summary::-webkit-details-marker { display: none; }
.missing-group > summary::before { content: "▸"; color: var(--muted); width: 1em; }
.missing-group[open] > summary::before { content: "▾"; }
.missing-group ul { margin: 0; padding: 0 16px 12px 40px; columns: 2 360px; column-gap: 32px; }
.missing-group li { break-inside: avoid; padding: 2px 0; }
.missing-group li .title { display: inline; margin-left: 8px; }
.missing-group li .expected { display: block; color: var(--muted); font-size: 12.5px; margin-top: 2px; overflow-wrap: anywhere; }
.problems td, .problems th { border-top: 1px solid var(--border-soft); }
.problems thead th { border-top: 0; }
.note { color: var(--muted); margin: 0; padding: 16px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12.5px; }
@media print {
  .filters, button.sort::after { display: none !important; }
  body { background: #fff; } .panel { border-color: #999; }
  thead th { position: static; }
}
`;
