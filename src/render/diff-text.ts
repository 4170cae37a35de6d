import { printable } from "./width.js";
import type { Colors } from "./words.js";
import { createTwoFilesPatch, diffWordsWithSpace, structuredPatch } from "diff";
import type { OriginalChange } from "../status/diff.js";

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/** Whether the original reads the same at the baseline and now, line endings aside: its diff is empty. */
export function originalUnchanged(change: OriginalChange): boolean {
  return lf(change.before) === lf(change.after);
}

/** The original's change as a coloured unified diff. */
export function renderLineDiff(change: OriginalChange, color: Colors): string {
  const { entry } = change;
  const patch = createTwoFilesPatch(
    `a/${printable(entry.source ?? "")}`,
    `b/${printable(entry.source ?? "")}`,
    lf(change.before),
    lf(change.after),
    entry.baseline?.slice(0, 12) ?? "",
    change.afterLabel,
    { context: 3 },
  );
  return patch
    .split("\n")
    .slice(1) // the "Index:" / "===" header of jsdiff
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
  const parts = diffWordsWithSpace(lf(change.before), lf(change.after));
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
  if (word) {
    return { ...base, mode: "word", parts: diffWordsWithSpace(lf(change.before), lf(change.after)).map((p) => ({ value: p.value, added: p.added === true, removed: p.removed === true })) };
  }
  const patch = structuredPatch(entry.source ?? "", entry.source ?? "", lf(change.before), lf(change.after), "", "", { context: 3 });
  return { ...base, mode: "line", hunks: patch.hunks };
}
