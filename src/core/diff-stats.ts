/**
 * Lines added and removed between two versions of a file, line endings ignored: the counts of a shortest
 * line diff (as `diff`'s `diffLines` gives them, whose Myers diff is shortest too). Only the counts are
 * wanted, and a shortest diff's are fixed by its length D (added − removed = the change in line count,
 * added + removed = D), so this finds D alone: lines as numbers, the common head and tail set aside,
 * then Myers' greedy search over one array of furthest reaches, in linear space.
 *
 * Myers' search costs O((N + M)·D) time, quadratic for a rewritten file (100k lines took minutes). Past
 * `MAX_EDIT_STEPS` steps it gives up, and the counts are those of the lines' multisets instead: the lines
 * of one side that the other lacks, counted with repetition. They are exact when no common line moved
 * and never more than a shortest diff's.
 */
export function lineStats(before: string, after: string, maxSteps = MAX_EDIT_STEPS): { linesAdded: number; linesRemoved: number } {
  const ids = new Map<string, number>();
  const a = lineIds(before, ids);
  const b = lineIds(after, ids);
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a[start] === b[start]) start++;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const d = editLength(a, start, endA, b, start, endB, maxSteps) ?? multisetEditLength(a, start, endA, b, start, endB);
  const grown = endB - start - (endA - start);
  return { linesAdded: (d + grown) / 2, linesRemoved: (d - grown) / 2 };
}

/** The file's lines (each with its line break, the last one perhaps without), as numbers equal for equal lines. */
function lineIds(text: string, ids: Map<string, number>): Int32Array {
  const normal = text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
  const lines: number[] = [];
  for (let from = 0; from < normal.length; ) {
    const newline = normal.indexOf("\n", from);
    const to = newline < 0 ? normal.length : newline + 1;
    const line = normal.slice(from, to);
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    lines.push(id);
    from = to;
  }
  return Int32Array.from(lines);
}

/** Steps of Myers' search before it gives up: about a tenth of a second. */
export const MAX_EDIT_STEPS = 20_000_000;

/** The lines of a[fromA, toA) that b[fromB, toB) lacks plus those of b that a lacks, repetitions counted. */
function multisetEditLength(a: Int32Array, fromA: number, toA: number, b: Int32Array, fromB: number, toB: number): number {
  const counts = new Map<number, number>();
  for (let i = fromA; i < toA; i++) counts.set(a[i]!, (counts.get(a[i]!) ?? 0) + 1);
  let common = 0;
  for (let i = fromB; i < toB; i++) {
    const left = counts.get(b[i]!) ?? 0;
    if (left > 0) {
      counts.set(b[i]!, left - 1);
      common++;
    }
  }
  return toA - fromA + (toB - fromB) - 2 * common;
}

/**
 * The least number of lines to insert and delete to turn a[fromA, toA) into b[fromB, toB) (Myers 1986),
 * or null once the search has taken more than `maxSteps` steps.
 */
function editLength(a: Int32Array, fromA: number, toA: number, b: Int32Array, fromB: number, toB: number, maxSteps: number): number | null {
  const n = toA - fromA;
  const m = toB - fromB;
  if (n === 0 || m === 0) return n + m;
  const max = n + m;
  // reach[k + max]: the furthest x on diagonal k (y = x − k) with the edits made so far.
  const reach = new Int32Array(2 * max + 2);
  let steps = 0;
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && reach[k - 1 + max]! < reach[k + 1 + max]!) ? reach[k + 1 + max]! : reach[k - 1 + max]! + 1;
      let y = x - k;
      const x0 = x;
      while (x < n && y < m && a[fromA + x] === b[fromB + y]) {
        x++;
        y++;
      }
      steps += 1 + x - x0;
      if (steps > maxSteps) return null;
      reach[k + max] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max;
}
