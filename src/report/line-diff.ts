import { linePatch } from "../core/line-patch.js";
import { weighChange } from "../core/weigh-change.js";

/** One line of a unified diff, with its numbers in the old and the new file. */
export interface DiffLine {
  /** `noNewline` marks the line before it as lacking a final newline; its words come from the renderer. */
  kind: "hunk" | "context" | "added" | "removed" | "noNewline";
  text: string;
  /** Line number in the old file (context and removed lines). */
  oldLine?: number;
  /** Line number in the new file (context and added lines). */
  newLine?: number;
  /** Present, and true, on the lines of a hunk that doesn't count for the translation (whitespace, untranslated keys). */
  uncounted?: true;
}

/** An original's change as the report shows it: the first lines of a unified diff, and how many it has in all. */
export interface ChangeDiff {
  /** Short label of the old side (the baseline commit). */
  from: string;
  /** Label of the new side (HEAD). */
  to: string;
  lines: DiffLine[];
  /** Lines the whole diff has; more than `lines.length` when it was cut. */
  totalLines: number;
}

/** How much of a change the report keeps. */
export interface DiffLimits {
  /** Lines kept of one diff. */
  maxLines: number;
  /** Characters kept of one line; a minified line must not bloat the page. */
  maxLineLength: number;
}

/** Default limits: a few hundred lines a diff. */
export const DEFAULT_DIFF_LIMITS: DiffLimits = { maxLines: 300, maxLineLength: 1000 };

/** The unified line diff (3 lines of context) of two texts, cut at `limits.maxLines`. */
export function lineDiff(
  before: string,
  after: string,
  labels: { from: string; to: string },
  limits: DiffLimits = DEFAULT_DIFF_LIMITS,
  normalize?: (text: string) => string,
): ChangeDiff {
  const result = linePatch("a", "b", before, after, { context: 3 });
  const hunks = result.binary ? [] : result.patch.hunks;
  // Which hunks count for the translation, by the rule staleness uses (see core/weigh-change.ts).
  const counts = normalize ? weighChange(before.replace(/\r\n?/g, "\n"), hunks, normalize) : hunks.map(() => true);
  const lines: DiffLine[] = [];
  let totalLines = 0;
  const pushLine = (line: DiffLine) => {
    totalLines += 1;
    if (lines.length < limits.maxLines) {
      const text = line.text.length > limits.maxLineLength ? `${line.text.slice(0, limits.maxLineLength)}…` : line.text;
      lines.push({ ...line, text });
    }
  };
  // git's words for it, part of the diff format as `@@` is.
  if (result.binary) pushLine({ kind: "hunk", text: "Binary files differ" });
  hunks.forEach((hunk, h) => {
    const mark = counts[h] ? {} : { uncounted: true as const };
    const push = (line: DiffLine) => pushLine({ ...line, ...mark });
    push({ kind: "hunk", text: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@` });
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    for (const raw of hunk.lines) {
      const marker = raw[0];
      const text = raw.slice(1);
      if (marker === "+") push({ kind: "added", text, newLine: newLine++ });
      else if (marker === "-") push({ kind: "removed", text, oldLine: oldLine++ });
      else if (marker === "\\") push({ kind: "noNewline", text: "" });
      else push({ kind: "context", text, oldLine: oldLine++, newLine: newLine++ });
    }
  });
  return { ...labels, lines, totalLines };
}
