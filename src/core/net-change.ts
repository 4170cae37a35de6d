/** One change to an original: the commit, and the digests of its translatable content before and after. */
export interface ContentStep {
  commit: number;
  before: string;
  after: string;
}

/**
 * The changes that make up the net difference, from the oldest on: a run of changes that brings the content
 * back to what it was before them (an edit and its revert, or a detour of several) cancels out and is
 * dropped: of an edit, its revert and another edit, only the last is left. `steps` are in
 * the order they were made; what is returned keeps that order.
 */
export function netSteps<T extends ContentStep>(steps: readonly T[]): T[] {
  const states: string[] = [];
  const kept: T[] = [];
  for (const step of steps) {
    if (states.length === 0) states.push(step.before);
    const back = states.indexOf(step.after);
    if (back >= 0) {
      // Back to an earlier state: every change since then cancels out, this one included.
      states.length = back + 1;
      kept.length = back;
      continue;
    }
    states.push(step.after);
    kept.push(step);
  }
  return kept;
}
