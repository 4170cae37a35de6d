/** A hunk of a line diff, as jsdiff gives it: where it starts in the old text (1-based), how many old lines, its lines. */
export interface HunkLike {
  oldStart: number;
  oldLines: number;
  lines: readonly string[];
}

/**
 * Which hunks of an original's change count for its translations: a hunk counts when applying it alone
 * to `before` changes the text's translatable content, as `normalize` reduces a text to it (the one rule
 * of `core/normalize.ts`, given with the site's `translatableKeys`). A re-wrapped paragraph, trailing
 * spaces, blank lines or a front-matter key such as `image` change nothing it keeps, so those hunks
 * don't count. `before` has LF line endings, as the hunks were made from it.
 */
export function weighChange(before: string, hunks: readonly HunkLike[], normalize: (text: string) => string): boolean[] {
  const lines = before.split("\n");
  const base = normalize(before);
  return hunks.map((hunk) => {
    const applied = applyHunk(lines, hunk);
    // A hunk that doesn't fit `before` is not judged: it is shown as counting.
    return applied === null || normalize(applied) !== base;
  });
}

/** `before` (as lines) with one hunk applied; null when the hunk's old lines are not where it says. */
function applyHunk(lines: readonly string[], hunk: HunkLike): string | null {
  const at = Math.max(0, hunk.oldStart - 1);
  const old: string[] = [];
  const now: string[] = [];
  for (const line of hunk.lines) {
    const mark = line[0];
    if (mark === "\\") continue;
    if (mark === " " || mark === "-") old.push(line.slice(1));
    if (mark === " " || mark === "+") now.push(line.slice(1));
  }
  if (old.some((l, i) => lines[at + i] !== l)) return null;
  return [...lines.slice(0, at), ...now, ...lines.slice(at + old.length)].join("\n");
}
