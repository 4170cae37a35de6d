import { printable } from "./width.js";
import type { Colors, Translate } from "./words.js";
import { formatPatch, type StructuredPatch } from "diff";
import { weighChange } from "../core/weigh-change.js";
import { linePatch, wordParts } from "../core/line-patch.js";
import type { OriginalChange } from "../status/diff.js";

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/** Whether the original reads the same at the baseline and now, line endings aside: its diff is empty. */
export function originalUnchanged(change: OriginalChange): boolean {
  return lf(change.before) === lf(change.after);
}

/** Whether each hunk of a line diff counts for the translation (see `core/weigh-change.ts`); all do without the rule. */
function hunkWeights(change: OriginalChange, hunks: readonly StructuredPatch["hunks"][number][]): boolean[] {
  return change.normalize ? weighChange(lf(change.before), hunks, change.normalize) : hunks.map(() => true);
}

/**
 * The original's change as a coloured unified diff. A hunk that doesn't count for the translation (only
 * whitespace, or a front-matter key that isn't translated) is dimmed and, given `t`, its header says so,
 * and a last line says how many such hunks there are.
 */
export function renderLineDiff(change: OriginalChange, color: Colors, t?: Translate): string {
  const { entry } = change;
  const oldName = `a/${printable(entry.source ?? "")}`;
  const newName = `b/${printable(entry.source ?? "")}`;
  const result = linePatch(oldName, newName, change.before, change.after, { context: 3, oldHeader: entry.baseline?.slice(0, 12) ?? "", newHeader: change.afterLabel });
  // git's words for it, part of the diff format as `---` and `+++` are.
  if (result.binary) return `${color.bold(`Binary files ${oldName} and ${newName} differ`)}\n`;
  const counts = hunkWeights(change, result.patch.hunks);
  let hunk = -1;
  const text = formatPatch(result.patch)
    .split("\n")
    .filter((line, i) => !(i === 0 && /^=+$/.test(line)))
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return color.bold(line);
      if (line.startsWith("@@")) {
        hunk++;
        if (counts[hunk] !== false) return color.cyan(line);
        return color.dim(t ? `${line} ${t("diff.uncountedHunk")}` : line);
      }
      if (counts[hunk] === false) return color.dim(line);
      if (line.startsWith("+")) return color.green(line);
      if (line.startsWith("-")) return color.red(line);
      if (line.startsWith("\\")) return color.dim(line);
      return line;
    })
    .join("\n")
    .replace(/\n*$/, "\n");
  return text + uncountedNote(counts, color, t);
}

/** The line under a diff that says how many of its changes don't count; "" when all count, or without `t`. */
function uncountedNote(counts: readonly boolean[], color: Colors, t?: Translate): string {
  const uncounted = counts.filter((c) => !c).length;
  return t && uncounted > 0 ? `${color.dim(t("diff.uncountedHunks", { count: uncounted }))}\n` : "";
}

/** The original's change word by word; only the lines (paragraphs) that changed, with their line numbers. */
export function renderWordDiff(change: OriginalChange, color: Colors, useMarkers: boolean, t?: Translate): string {
  const parts = wordParts(change.before, change.after);
  // Binary, or too far apart to diff word by word: the line diff says it.
  if (parts === null) return renderLineDiff(change, color, t);
  // The lines (new side) of the line diff's hunks that don't count: shown, dimmed and marked.
  const patch = linePatch("", "", change.before, change.after, { context: 3 });
  const hunks = patch.binary ? [] : patch.patch.hunks;
  const counts = hunkWeights(change, hunks);
  const uncounted = (line: number) => hunks.some((h, i) => !counts[i] && line >= h.newStart && line < h.newStart + Math.max(1, h.newLines));
  const lines: { text: string; changed: boolean; number: number }[] = [{ text: "", changed: false, number: 1 }];
  for (const part of parts) {
    const pieces = part.value.split("\n");
    pieces.forEach((piece, i) => {
      if (i > 0) lines.push({ text: "", changed: false, number: lines[lines.length - 1]!.number + (part.removed ? 0 : 1) });
      if (piece === "") return;
      const current = lines[lines.length - 1]!;
      if (part.added) {
        current.text += useMarkers ? `{+${piece}+}` : color.green(color.underline(piece));
        current.changed = true;
      } else if (part.removed) {
        current.text += useMarkers ? `[-${piece}-]` : color.red(color.strikethrough(piece));
        current.changed = true;
      } else current.text += piece;
    });
    if (part.added || part.removed) lines[lines.length - 1]!.changed = true;
  }
  // A line whose only change is a line break added or removed around it has nothing to show.
  const changed = lines.filter((l) => l.changed && l.text.trim() !== "");
  const header = color.bold(`${printable(change.entry.source ?? "")} (${change.entry.baseline?.slice(0, 12) ?? "?"} → ${change.afterLabel})`);
  if (changed.length === 0) return `${header}\n`;
  const row = (l: (typeof changed)[number]) => {
    const number = color.dim(String(l.number).padStart(4));
    if (!uncounted(l.number)) return `${number}  ${l.text}`;
    return `${number}  ${color.dim(l.text)}${t ? color.dim(` ${t("diff.uncountedHunk")}`) : ""}`;
  };
  return `${header}\n${changed.map(row).join("\n")}\n${uncountedNote(counts, color, t)}`;
}

/** The change as data for `diff --json`: the hunks of a line diff, or the parts of a word diff. */
export function diffData(change: OriginalChange, word: boolean): Record<string, unknown> {
  const { entry } = change;
  const base = { translation: entry.translation, source: entry.source, status: entry.status, baseline: entry.baseline, head: change.afterLabel, uncountedKeys: change.uncountedKeys ?? [] };
  const parts = word ? wordParts(change.before, change.after) : null;
  const result = linePatch(entry.source ?? "", entry.source ?? "", change.before, change.after, { context: 3 });
  const hunks = result.binary ? [] : result.patch.hunks;
  const counts = hunkWeights(change, hunks);
  // Which parts of the change count for the translation: each line hunk carries `counts` (an added field).
  if (parts !== null) {
    const changes = hunks.map((h, i) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, counts: counts[i]! }));
    return { ...base, mode: "word", parts: parts.map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true })), changes };
  }
  if (result.binary) return { ...base, mode: "line", binary: true, hunks: [] };
  // Past the edit cap the hunks are a correct diff but not a shortest one.
  return { ...base, mode: "line", ...(result.exact ? {} : { shortest: false }), hunks: hunks.map((h, i) => ({ ...h, counts: counts[i]! })) };
}
