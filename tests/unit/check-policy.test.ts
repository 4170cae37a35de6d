import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type Config } from "../../src/config/schema.js";
import { Ancestry, type Commit } from "../../src/core/history.js";
import { checkPolicy, isNewSince, judgeCheck, parseStatuses, type SinceFacts } from "../../src/core/policy.js";
import { newEntry, type Entry, type Report, type Status } from "../../src/core/types.js";

const NOW = new Date("2026-06-30T12:00:00Z");

function entry(fields: Partial<Entry> & { status: Status }): Entry {
  return newEntry({ lang: "de", source: "posts/en/a.md", translation: "posts/de/a.md", ...fields });
}

function report(entries: Entry[]): Report {
  return { schemaVersion: 1, head: "0".repeat(40), languages: ["de"], summary: {}, translations: entries, problems: [] };
}

function withCheck(check: Partial<Config["check"]>): Config {
  return { ...DEFAULT_CONFIG, check: { ...DEFAULT_CONFIG.check, ...check } };
}

describe("parseStatuses", () => {
  it("reads a comma-separated list of statuses, without repeats", () => {
    expect(parseStatuses("stale, missing,stale")).toEqual(["stale", "missing"]);
    expect(parseStatuses("up-to-date")).toEqual(["up-to-date"]);
  });
  it("refuses anything that is not a status", () => {
    for (const bad of ["", ",", "stale,old", "Stale", "stale;missing"]) expect(parseStatuses(bad), bad).toBeNull();
  });
});

describe("checkPolicy", () => {
  it("defaults to stale, orphaned, invalid, unknown with no grace", () => {
    expect(checkPolicy(DEFAULT_CONFIG, {})).toEqual({ failOn: ["stale", "orphaned", "invalid", "unknown"], maxDays: null, languages: {} });
  });
  it("lets a flag replace that one setting for every language and keeps the other overrides", () => {
    const config = withCheck({ failOn: ["stale"], maxDays: 30, languages: { zh: { failOn: ["orphaned"], maxDays: 5 }, ja: { maxDays: 2 } } });
    expect(checkPolicy(config, {})).toEqual({ failOn: ["stale"], maxDays: 30, languages: { zh: { failOn: ["orphaned"], maxDays: 5 }, ja: { maxDays: 2 } } });
    expect(checkPolicy(config, { maxDays: 7 })).toEqual({ failOn: ["stale"], maxDays: 7, languages: { zh: { failOn: ["orphaned"] } } });
    expect(checkPolicy(config, { failOn: ["missing"] })).toEqual({ failOn: ["missing"], maxDays: 30, languages: { zh: { maxDays: 5 }, ja: { maxDays: 2 } } });
    expect(checkPolicy(config, { failOn: ["missing"], maxDays: 1 }).languages).toEqual({});
  });
});

describe("judgeCheck", () => {
  const stale = (days: number, lang = "de") =>
    entry({ status: "stale", lang, translation: `posts/${lang}/${days}.md`, staleSince: new Date(NOW.getTime() - days * 86_400_000).toISOString(), commitsBehind: 1 });

  it("fails a stale entry only when staleSince is more than maxDays ago", () => {
    const policy = { failOn: ["stale"] as Status[], maxDays: 10, languages: {} };
    const exactly = stale(10);
    const past = entry({ ...stale(10), translation: "posts/de/past.md", staleSince: new Date(NOW.getTime() - 10 * 86_400_000 - 1000).toISOString() });
    const verdict = judgeCheck(report([stale(3), exactly, past, stale(40)]), policy, NOW);
    expect(verdict.violations.map((v) => [v.translation, v.days])).toEqual([["posts/de/past.md", 10], ["posts/de/40.md", 40]]);
    expect(verdict.deferred.map((d) => [d.translation, d.reason])).toEqual([["posts/de/3.md", "grace"], ["posts/de/10.md", "grace"]]);
  });

  it("treats maxDays 0 as no grace, and never delays orphaned, invalid or unknown", () => {
    const entries = [stale(0), entry({ status: "orphaned", translation: "o.md" }), entry({ status: "invalid", translation: "i.md" }), entry({ status: "unknown", translation: "u.md" })];
    expect(judgeCheck(report(entries), { failOn: ["stale", "orphaned", "invalid", "unknown"], maxDays: 0, languages: {} }, NOW).violations).toHaveLength(4);
    expect(judgeCheck(report(entries), { failOn: ["stale", "orphaned", "invalid", "unknown"], maxDays: 99, languages: {} }, NOW).violations.map((v) => v.code)).toEqual(["orphaned", "invalid", "unknown"]);
  });

  it("applies a language's override, also to its regional variants", () => {
    const policy = { failOn: ["stale"] as Status[], maxDays: null, languages: { zh: { maxDays: 30 }, de: { failOn: ["missing"] as Status[] } } };
    const verdict = judgeCheck(report([stale(5, "zh"), stale(5, "zh-TW"), stale(5, "de"), stale(5, "fr")]), policy, NOW);
    expect(verdict.violations.map((v) => v.lang)).toEqual(["fr"]);
    expect(verdict.deferred.map((d) => d.lang)).toEqual(["zh", "zh-TW"]);
  });

  it("defers what `include` leaves out, with reason since, and takes the line of the first located problem", () => {
    const bad = entry({ status: "invalid", translation: "posts/de/bad.md", problems: [{ code: "LANG_UNKNOWN", file: "x" }, { code: "INVALID_FRONT_MATTER", file: "x", line: 3 }] });
    const verdict = judgeCheck(report([bad, stale(5)]), { failOn: ["stale", "invalid"], maxDays: null, languages: {} }, NOW, (e) => e.status === "invalid");
    expect(verdict.violations).toEqual([{ code: "invalid", lang: "de", translation: "posts/de/bad.md", source: "posts/en/a.md", days: null, line: 3 }]);
    expect(verdict.deferred).toEqual([{ code: "stale", lang: "de", translation: "posts/de/5.md", source: "posts/en/a.md", reason: "since" }]);
  });
});

describe("isNewSince", () => {
  // 0 (HEAD) merges 2 (main) and 1 (feature), which both fork from 3; 4 is the root.
  const commits: Commit[] = [
    { sha: "m", parents: [2, 1], time: 5, ignored: false },
    { sha: "f", parents: [3], time: 4, ignored: false },
    { sha: "b", parents: [3], time: 3, ignored: false },
    { sha: "fork", parents: [4], time: 2, ignored: false },
    { sha: "root", parents: [], time: 1, ignored: false },
  ];
  const ancestry = new Ancestry(commits);
  const facts = (base: number | null, changes: Record<string, number[] | "uncommitted"> = {}, counted: Record<string, number[]> = {}): SinceFacts => ({
    base,
    ancestry,
    counted: new Map(Object.entries(counted)),
    changesOf: (path) => changes[path] ?? [],
  });
  const stale = entry({ status: "stale", commitsBehind: 1 });

  it("a stale entry is new when a commit that made it stale is not ancestor-or-self of the base", () => {
    expect(isNewSince(stale, facts(2, {}, { "posts/de/a.md": [1] }))).toBe(true); // feature commit, base = main tip
    expect(isNewSince(stale, facts(1, {}, { "posts/de/a.md": [1] }))).toBe(false); // base = feature tip itself
    expect(isNewSince(stale, facts(0, {}, { "posts/de/a.md": [1] }))).toBe(false); // --since HEAD
    expect(isNewSince(stale, facts(3, {}, { "posts/de/a.md": [3] }))).toBe(false);
    expect(isNewSince(stale, facts(null, {}, { "posts/de/a.md": [4] }))).toBe(true); // no common history: all is new
  });

  it("an uncommitted edit of the original (commitsBehind beyond the counted commits) is new", () => {
    expect(isNewSince(entry({ status: "stale", commitsBehind: 2 }), facts(0, {}, { "posts/de/a.md": [3] }))).toBe(true);
  });

  it("any entry whose translation changed after the base, or is uncommitted, is new", () => {
    for (const status of ["stale", "invalid", "unknown", "orphaned"] as const) {
      expect(isNewSince(entry({ status }), facts(2, { "posts/de/a.md": [1] })), status).toBe(true);
      expect(isNewSince(entry({ status }), facts(2, { "posts/de/a.md": [3] })), status).toBe(false);
      expect(isNewSince(entry({ status }), facts(0, { "posts/de/a.md": "uncommitted" })), status).toBe(true);
    }
  });

  it("missing and orphaned entries are new when their original changed after the base; others are not", () => {
    const missing = entry({ status: "missing", translation: null });
    expect(isNewSince(missing, facts(2, { "posts/en/a.md": [1, 4] }))).toBe(true);
    expect(isNewSince(missing, facts(2, { "posts/en/a.md": [4] }))).toBe(false);
    expect(isNewSince(missing, facts(0, { "posts/en/a.md": "uncommitted" }))).toBe(true);
    expect(isNewSince(entry({ status: "orphaned" }), facts(2, { "posts/en/a.md": [1] }))).toBe(true);
    expect(isNewSince(entry({ status: "unknown" }), facts(2, { "posts/en/a.md": [1] }))).toBe(false);
    expect(isNewSince(entry({ status: "invalid", source: null }), facts(2, {}))).toBe(false);
  });
});
