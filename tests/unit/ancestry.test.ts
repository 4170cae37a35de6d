import { describe, expect, it } from "vitest";
import { Ancestry, type Commit } from "../../src/core/history.js";

/** A random history in topological order (0 is HEAD), with merges, back-merges and unrelated roots. */
function randomHistory(seed: number, size: number): Commit[] {
  let state = seed;
  const rand = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  // Built oldest first, then renumbered so that parents come after children.
  const parents: number[][] = [];
  const tips: number[] = [];
  for (let i = 0; i < size; i++) {
    if (i === 0 || rand() < 0.02) {
      parents.push([]); // a root: the first commit, or an unrelated history merged in later
      tips.push(i);
      continue;
    }
    const t = Math.floor(rand() * tips.length);
    const own = tips[t]!;
    const roll = rand();
    if (roll < 0.15 && tips.length > 1) {
      const other = tips[(t + 1 + Math.floor(rand() * (tips.length - 1))) % tips.length]!;
      parents.push(rand() < 0.5 ? [own, other] : [other, own]);
      tips.splice(tips.indexOf(other), 1);
    } else if (roll < 0.2) {
      parents.push([own]);
      tips.push(i); // a new branch forks; the old tip stays open too
      continue;
    } else parents.push([own]);
    tips[tips.indexOf(own)] = i;
  }
  // Merge every open branch into the last commit so that everything is reachable from HEAD.
  while (tips.length > 1) {
    const i = parents.length;
    parents.push([tips[0]!, tips[1]!]);
    tips.splice(0, 2, i);
  }
  const n = parents.length;
  return parents
    .map((ps, i) => ({ sha: String(n - 1 - i), parents: ps.map((p) => n - 1 - p), time: i, ignored: false }))
    .reverse();
}

function bruteAncestors(commits: readonly Commit[], b: number): Set<number> {
  const seen = new Set<number>();
  const stack = [b];
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c)) continue;
    seen.add(c);
    stack.push(...commits[c]!.parents);
  }
  return seen;
}

describe("Ancestry", () => {
  it("agrees with a brute-force walk on random histories", () => {
    for (let seed = 1; seed <= 25; seed++) {
      const commits = randomHistory(seed, 40 + seed * 4);
      const ancestry = new Ancestry(commits);
      for (let b = 0; b < commits.length; b++) {
        const truth = bruteAncestors(commits, b);
        for (let a = 0; a < commits.length; a++) expect(ancestry.isAncestorOrSelf(a, b), `seed ${seed}: ${a} ⊑ ${b}`).toBe(truth.has(a));
      }
    }
  });

  it("answers on a linear history and on a lone commit", () => {
    const linear: Commit[] = [0, 1, 2, 3].map((i) => ({ sha: `${i}`, parents: i < 3 ? [i + 1] : [], time: 0, ignored: false }));
    const ancestry = new Ancestry(linear);
    expect(ancestry.isAncestorOrSelf(3, 0)).toBe(true);
    expect(ancestry.isAncestorOrSelf(0, 3)).toBe(false);
    expect(new Ancestry([{ sha: "a", parents: [], time: 0, ignored: false }]).isAncestorOrSelf(0, 0)).toBe(true);
  });

  it("tells a topic branch from the mainline it forked from", () => {
    //   0 ─ 1 ─ 4      0 merges the topic branch 2 ─ 3, which forked at 4
    //    \     /
    //     2 ─ 3
    const c = (parents: number[]): Commit => ({ sha: "x", parents, time: 0, ignored: false });
    const commits = [c([1, 2]), c([4]), c([3]), c([4]), c([])];
    const ancestry = new Ancestry(commits);
    expect(ancestry.isAncestorOrSelf(1, 2)).toBe(false); // the mainline moved on after the fork
    expect(ancestry.isAncestorOrSelf(4, 2)).toBe(true);
    expect(ancestry.isAncestorOrSelf(3, 1)).toBe(false);
    expect(ancestry.isAncestorOrSelf(3, 0)).toBe(true);
    expect(ancestry.seenBy(1, [2, 3])).toBe(false);
    expect(ancestry.seenBy(4, [2, 1])).toBe(true);
  });
});
