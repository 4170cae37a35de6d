import type { Entry, Status } from "./types.js";

/** The statuses that need a person's attention, most pressing first; then missing, then up to date. */
const RANK: readonly Status[] = ["stale", "orphaned", "invalid", "unknown", "missing", "up-to-date"];

/**
 * The one order in which `status` lists entries and `update` walks them: most commits behind first, then by
 * status, then by path and language (code-unit order, the same on every machine).
 */
export function byAttention(a: Entry, b: Entry): number {
  return (
    b.commitsBehind - a.commitsBehind ||
    RANK.indexOf(a.status) - RANK.indexOf(b.status) ||
    compare(a.translation ?? a.expectedPath ?? a.source ?? "", b.translation ?? b.expectedPath ?? b.source ?? "") ||
    compare(a.lang, b.lang)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
