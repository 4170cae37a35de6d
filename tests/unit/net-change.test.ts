import { describe, expect, it } from "vitest";
import { netSteps } from "../../src/core/net-change.js";

const steps = (...states: string[]) => states.slice(1).map((after, i) => ({ commit: i, before: states[i]!, after }));
const commits = (...states: string[]) => netSteps(steps(...states)).map((s) => s.commit);

describe("the changes that make up the net difference", () => {
  it("drops an edit and its revert", () => {
    expect(commits("a", "b", "a", "c")).toEqual([2]);
    expect(commits("a", "b", "a")).toEqual([]);
  });

  it("drops a detour of several changes back to an earlier state, and keeps what came before it", () => {
    expect(commits("a", "b", "c", "d", "b", "e")).toEqual([0, 4]);
  });

  it("keeps every change when none comes back", () => {
    expect(commits("a", "b", "c")).toEqual([0, 1]);
  });
});
