// Only the line diff: the package index loads every kind of diff and patch.
import { diffLines } from "diff/lib/diff/line.js";

/** Lines added and removed between two versions of a file, line endings ignored. */
export function lineStats(before: string, after: string): { linesAdded: number; linesRemoved: number } {
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const part of diffLines(before.replace(/\r\n?/g, "\n"), after.replace(/\r\n?/g, "\n"))) {
    if (part.added) linesAdded += part.count ?? 0;
    else if (part.removed) linesRemoved += part.count ?? 0;
  }
  return { linesAdded, linesRemoved };
}
