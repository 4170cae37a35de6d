import { cmp, type Link } from "./links.js";
import { expectedTranslation, type Original } from "./originals.js";
import { newEntry, STATUSES, type Entry, type Problem, type Report, type Summary } from "./types.js";

/** What the report step needs: the judged entries and the originals that may lack translations. */
export interface ReportInput {
  head: string;
  entries: readonly Entry[];
  originals: readonly Original[];
  /** Every link, in scope or not, so a translation filtered out is not reported missing. */
  links: readonly Link[];
  /** Configured target languages; null means the languages found. */
  languages: readonly string[] | null;
  /** Languages of originals in order of preference (`sourcePriority`). */
  sourcePriority: readonly string[];
  wanted(lang: string): boolean;
  lastChange(path: string): string | null;
  problems: readonly Problem[];
}

/** Adds `missing` entries, counts every status per language and orders everything stably. */
export function buildReport(input: ReportInput): Report {
  const found = new Set(input.links.map((l) => l.lang).filter(Boolean));
  const languages = (input.languages ? [...input.languages] : [...found].sort(cmp)).filter(input.wanted);
  // An ambiguous translation stands for each of its candidates: none of them lacks it.
  const translated = new Set(input.links.flatMap((l) => [...(l.source ? [l.source] : []), ...l.candidates].map((s) => `${l.lang}\0${s}`)));
  const byPath = new Map(input.originals.map((o) => [o.path, o] as const));
  const entries = [...input.entries];
  for (const original of input.originals) {
    for (const lang of languages) {
      // A translation that exists is asked about first: it is the common case, and a set lookup.
      if (original.siblings.some((s) => translated.has(`${lang}\0${s}`))) continue;
      const expected = expectedTranslation(original, lang, byPath, input.sourcePriority);
      if (expected === null) continue;
      const entry = newEntry({ lang, source: original.path, translation: null, status: "missing", sourceCommit: input.lastChange(original.path), expectedPath: expected.path });
      if (expected.copy) entry.copy = true;
      if (expected.ambiguous) {
        const candidates = expected.ambiguous.map((o) => o.path).join(", ");
        entry.problems.push({ code: "AMBIGUOUS_SOURCE", file: expected.path ?? original.path, args: { candidates } });
      }
      entries.push(entry);
    }
  }
  entries.sort((a, b) => cmp(a.lang, b.lang) || cmp(a.source ?? "", b.source ?? "") || cmp(a.translation ?? "", b.translation ?? ""));

  const allLanguages = [...new Set([...languages, ...entries.map((e) => e.lang).filter(Boolean)])].sort(cmp);
  const summary = summarize(allLanguages, entries);

  const problems: Problem[] = [...input.problems];
  const seen = new Set(problems.map((p) => JSON.stringify(p)));
  for (const entry of entries) {
    for (const problem of entry.problems) {
      const key = JSON.stringify(problem);
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(problem);
      }
    }
  }
  return { schemaVersion: 1, head: input.head, languages: allLanguages, summary, translations: entries, problems };
}

/** Counts of each status per language, every language listed even when it has no entries. */
export function summarize(languages: readonly string[], entries: readonly Entry[]): Record<string, Summary> {
  const summary: Record<string, Summary> = {};
  for (const lang of languages) summary[lang] = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Summary;
  for (const entry of entries) if (summary[entry.lang]) summary[entry.lang]![entry.status] += 1;
  return summary;
}
