import { printable } from "./width.js";
import type { Colors } from "./words.js";
import { formatPatch } from "diff";
import { linePatch, wordParts } from "../core/line-patch.js";
import type { OriginalChange } from "../status/diff.js";

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/** Whether the original reads the same at the baseline and now, line endings aside: its diff is empty. */
export function originalUnchanged(change: OriginalChange): boolean {
  return lf(change.before) === lf(change.after);
}

/** The original's change as a coloured unified diff. */
export function renderLineDiff(change: OriginalChange, color: Colors): string {
  const { entry } = change;
  const oldName = `a/${printable(entry.source ?? "")}`;
  const newName = `b/${printable(entry.source ?? "")}`;
  const result = linePatch(oldName, newName, change.before, change.after, { context: 3, oldHeader: entry.baseline?.slice(0, 12) ?? "", newHeader: change.afterLabel });
  // git's words for it, part of the diff format as `---` and `+++` are.
  if (result.binary) return `${color.bold(`Binary files ${oldName} and ${newName} differ`)}\n`;
  return formatPatch(result.patch)
    .split("\n")
    .filter((line, i) => !(i === 0 && /^=+$/.test(line)))
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---")) return color.bold(line);
      if (line.startsWith("@@")) return color.cyan(line);
      if (line.startsWith("+")) return color.green(line);
      if (line.startsWith("-")) return color.red(line);
      if (line.startsWith("\\")) return color.dim(line);
      return line;
    })
    .join("\n")
    .replace(/\n*$/, "\n");
}

/** The original's change word by word; only the lines (paragraphs) that changed, with their line numbers. */
export function renderWordDiff(change: OriginalChange, color: Colors, useMarkers: boolean): string {
  const parts = wordParts(change.before, change.after);
  // Binary, or too far apart to diff word by word: the line diff says it.
  if (parts === null) return renderLineDiff(change, color);
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
  return `${header}\n${changed.map((l) => `${color.dim(String(l.number).padStart(4))}  ${l.text}`).join("\n")}\n`;
}

/** The change as data for `diff --json`: the hunks of a line diff, or the parts of a word diff. */
export function diffData(change: OriginalChange, word: boolean): Record<string, unknown> {
  const { entry } = change;
  const base = { translation: entry.translation, source: entry.source, status: entry.status, baseline: entry.baseline, head: change.afterLabel, uncountedKeys: change.uncountedKeys ?? [] };
  const parts = word ? wordParts(change.before, change.after) : null;
  if (parts !== null) return { ...base, mode: "word", parts: parts.map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true })) };
  const result = linePatch(entry.source ?? "", entry.source ?? "", change.before, change.after, { context: 3 });
  if (result.binary) return { ...base, mode: "line", binary: true, hunks: [] };
  // Past the edit cap the hunks are a correct diff but not a shortest one.
  return { ...base, mode: "line", ...(result.exact ? {} : { shortest: false }), hunks: result.patch.hunks };
}
