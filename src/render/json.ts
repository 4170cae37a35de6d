import type { Entry, Report } from "../core/types.js";

/** Any report as stable, indented JSON for stdout. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Between two entries of a report's `translations`, as `renderJson` writes them. */
export const ENTRY_SEPARATOR = ",\n    ";

/** The fields of an entry in the order every entry has them (`newEntry`'s). */
const ENTRY_KEYS = "baseline,sourceCommit,commitsBehind,linesAdded,linesRemoved,staleSince,problems,lang,source,translation,status";

/** One entry as `renderJson` writes it inside a report's `translations`. */
export function entryText(entry: Entry): string {
  // The common entry, without problems and with the usual fields, is written directly: a generic indented
  // stringify of 15k entries took ~40 ms. The result is the same text (a test holds the two together).
  if (entry.problems.length > 0 || Object.keys(entry).join(",") !== ENTRY_KEYS) return JSON.stringify(entry, null, 2).replace(/\n/g, "\n    ");
  const j = JSON.stringify;
  return `{
      "baseline": ${j(entry.baseline)},
      "sourceCommit": ${j(entry.sourceCommit)},
      "commitsBehind": ${j(entry.commitsBehind)},
      "linesAdded": ${j(entry.linesAdded)},
      "linesRemoved": ${j(entry.linesRemoved)},
      "staleSince": ${j(entry.staleSince)},
      "problems": [],
      "lang": ${j(entry.lang)},
      "source": ${j(entry.source)},
      "translation": ${j(entry.translation)},
      "status": ${j(entry.status)}
    }`;
}

/**
 * What `renderJson` writes around a report's entries: everything before the first (which depends on the
 * head and the summary) and everything after the last (the problems). The report's own entries don't matter.
 */
export function reportFrame(report: Report): { prefix: string; suffix: string } {
  const text = renderJson({ ...report, translations: [null] });
  const marker = '\n  "translations": [';
  const start = text.indexOf(marker) + marker.length;
  const end = text.indexOf('\n  ],\n  "problems":', start);
  if (start < marker.length || end < 0) throw new Error("unexpected report layout");
  return { prefix: `${text.slice(0, start)}\n    `, suffix: text.slice(end) };
}

/** `renderJson(report)` in pieces of a few thousand entries: the same text, never all of it in memory at once. */
export function* renderJsonParts(report: Report): Generator<string> {
  if (report.translations.length === 0) {
    yield renderJson(report);
    return;
  }
  const { prefix, suffix } = reportFrame(report);
  yield prefix;
  const entries = report.translations;
  for (let first = 0; first < entries.length; first += 2048) {
    const last = first + 2048 >= entries.length;
    yield entries.slice(first, first + 2048).map(entryText).join(ENTRY_SEPARATOR) + (last ? "" : ENTRY_SEPARATOR);
  }
  yield suffix;
}
