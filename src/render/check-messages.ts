import type { Translate } from "./words.js";
import type { Deferral, Violation } from "../core/policy.js";
import type { Entry, Report } from "../core/types.js";

/** Finds the report entry a violation or deferral stands for. */
export function entryFinder(report: Report): (v: Pick<Violation, "lang" | "translation" | "source">) => Entry | undefined {
  const byKey = new Map(report.translations.map((e) => [key(e), e]));
  return (v) => byKey.get(key(v));
}

function key(v: Pick<Violation, "lang" | "translation" | "source">): string {
  return `${v.lang}\0${v.translation ?? ""}\0${v.source ?? ""}`;
}

/** The file a finding belongs on: the translation, or the original when the translation is missing. */
export function violationFile(v: Pick<Violation, "translation" | "source">): string {
  return v.translation ?? v.source ?? "";
}

/** The language tag to show for an entry; `und` (undetermined) when the post has none. */
export function langLabel(lang: string): string {
  return lang || "und";
}

/** A short title for a violation, e.g. "Stale translation (de)". */
export function violationTitle(v: Violation, t: Translate): string {
  return t(`checkFormats.title.${v.code}`, { lang: langLabel(v.lang) });
}

/** What is wrong, what to do, and the entry's problems, as separate lines of text. */
export function violationLines(v: Violation, entry: Entry | undefined, t: Translate): string[] {
  const args = {
    lang: langLabel(v.lang),
    translation: v.translation ?? "",
    source: v.source ?? "?",
    count: entry?.commitsBehind ?? 0,
    added: entry?.linesAdded ?? 0,
    removed: entry?.linesRemoved ?? 0,
    date: entry?.staleSince?.slice(0, 10) ?? "?",
    days: v.days ?? 0,
  };
  const lines = [t(`checkFormats.message.${v.code}`, args)];
  if (v.code === "stale" && v.days !== null && v.days > 0) lines[0] += ` ${t("checkFormats.staleDays", { count: v.days })}`;
  const fix = t(`checkFormats.fix.${v.code}`, { ...args, defaultValue: "" });
  if (fix) lines.push(fix);
  for (const p of entry?.problems ?? []) lines.push(problemText(p, t));
  return lines;
}

/** One problem of an entry as text, with its line when known. */
export function problemText(p: Entry["problems"][number], t: Translate): string {
  const text = t(`problems.${p.code}`, { ...p.args, file: p.file });
  return p.line !== undefined ? `${p.file}:${p.line}: ${text}` : `${p.file}: ${text}`;
}

/** How many deferrals of each reason there are. */
export function countDeferred(deferred: readonly Deferral[]): { grace: number; since: number } {
  return {
    grace: deferred.filter((d) => d.reason === "grace").length,
    since: deferred.filter((d) => d.reason === "since").length,
  };
}

/** The notes that explain why entries with failing statuses passed: grace period, `--since`. */
export function deferredNotes(deferred: readonly Deferral[], since: { ref: string } | null, t: Translate): string[] {
  const counts = countDeferred(deferred);
  const notes: string[] = [];
  if (counts.grace > 0) notes.push(t("checkFormats.deferredGrace", { count: counts.grace }));
  if (counts.since > 0) notes.push(t("checkFormats.deferredSince", { count: counts.since, ref: since?.ref ?? "" }));
  return notes;
}
