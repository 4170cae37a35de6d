import { diffWordsWithSpace, structuredPatch, type Change, type StructuredPatch } from "diff";

/**
 * How far jsdiff may search for a shortest diff, in lines (or words) added plus removed. Its search costs
 * O(D²) steps beyond the texts' length: a 10k-line rewrite took 10–18 s without a bound, this takes well
 * under a second. Past it, a change is shown as its whole middle removed and added again.
 */
export const MAX_EDIT_LENGTH = 2000;

/** Whether a text is binary as git decides it: a NUL among its first 8000 characters. */
export function isBinary(text: string): boolean {
  const nul = text.indexOf("\0");
  return nul >= 0 && nul < 8000;
}

/** A unified line diff of two texts (line endings ignored), shortest up to `MAX_EDIT_LENGTH`; `exact` false past it. */
export type LinePatch = { binary: true } | { binary: false; exact: boolean; patch: StructuredPatch };

const lf = (text: string) => text.replace(/\r\n?/g, "\n");

/** The unified diff (`context` lines around each change) of two texts, bounded in time; binary texts get none. */
export function linePatch(oldName: string, newName: string, before: string, after: string, options: { context: number; oldHeader?: string; newHeader?: string }): LinePatch {
  if (isBinary(before) || isBinary(after)) return { binary: true };
  const a = lf(before);
  const b = lf(after);
  const patch = structuredPatch(oldName, newName, a, b, options.oldHeader ?? "", options.newHeader ?? "", { context: options.context, maxEditLength: MAX_EDIT_LENGTH });
  if (patch !== undefined) return { binary: false, exact: true, patch };
  return { binary: false, exact: false, patch: replacedMiddle(oldName, newName, a, b, options) };
}

/** Words and spaces added and removed between two texts, or null when binary or past `MAX_EDIT_LENGTH`. */
export function wordParts(before: string, after: string): Change[] | null {
  if (isBinary(before) || isBinary(after)) return null;
  return diffWordsWithSpace(lf(before), lf(after), { maxEditLength: MAX_EDIT_LENGTH }) ?? null;
}

/** Lines of a text, each with its line break; the last one may lack it. */
function splitLines(text: string): string[] {
  const lines = text.split("\n").map((line) => `${line}\n`);
  const last = lines.pop()!;
  if (last !== "\n") lines.push(last.slice(0, -1));
  return lines;
}

/** One hunk (or none) that removes the lines between the common head and tail and adds the new ones: linear time. */
function replacedMiddle(oldName: string, newName: string, a: string, b: string, options: { context: number; oldHeader?: string; newHeader?: string }): StructuredPatch {
  const old = splitLines(a);
  const now = splitLines(b);
  let head = 0;
  while (head < old.length && head < now.length && old[head] === now[head]) head++;
  let tail = 0;
  while (tail < old.length - head && tail < now.length - head && old[old.length - 1 - tail] === now[now.length - 1 - tail]) tail++;
  const hunks: StructuredPatch["hunks"] = [];
  if (head + tail < old.length || head + tail < now.length) {
    const from = Math.max(0, head - options.context);
    const lines: string[] = [];
    const push = (marker: string, line: string) => {
      lines.push(`${marker}${line.endsWith("\n") ? line.slice(0, -1) : line}`);
      if (!line.endsWith("\n")) lines.push("\\ No newline at end of file");
    };
    for (let i = from; i < head; i++) push(" ", old[i]!);
    for (let i = head; i < old.length - tail; i++) push("-", old[i]!);
    for (let i = head; i < now.length - tail; i++) push("+", now[i]!);
    const after = Math.min(tail, options.context);
    for (let i = old.length - tail; i < old.length - tail + after; i++) push(" ", old[i]!);
    const oldLines = head - from + (old.length - tail - head) + after;
    const newLines = head - from + (now.length - tail - head) + after;
    hunks.push({ oldStart: from + 1, oldLines, newStart: from + 1, newLines, lines });
  }
  return { oldFileName: oldName, newFileName: newName, oldHeader: options.oldHeader ?? "", newHeader: options.newHeader ?? "", hunks };
}
