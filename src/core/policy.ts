import type { Config } from "../config/schema.js";
import type { Ancestry } from "./history.js";
import { STATUSES, type Entry, type Report, type Status } from "./types.js";

/** Which statuses fail `check`, and the grace period for stale translations. */
export interface CheckPolicy {
  failOn: Status[];
  maxDays: number | null;
  /** Per-language overrides. */
  languages: Record<string, { failOn?: Status[]; maxDays?: number | null }>;
}

/** The statuses `check` fails on unless configured otherwise. */
const DEFAULT_FAIL_ON: readonly Status[] = ["stale", "orphaned", "invalid", "unknown"];

/** A translation that fails the check, as data. */
export interface Violation {
  code: Status;
  lang: string;
  translation: string | null;
  source: string | null;
  /** Days since the translation went stale, for stale entries. */
  days: number | null;
  line: number | null;
}

/** Why an entry whose status the policy fails on passes anyway. */
export type DeferralReason = "grace" | "since";

/** An entry with a failing status that the grace period or `--since` let through. */
export interface Deferral {
  code: Status;
  lang: string;
  translation: string | null;
  source: string | null;
  reason: DeferralReason;
}

/** The outcome of a check: what fails, and what would have failed without the grace period or `--since`. */
export interface CheckVerdict {
  violations: Violation[];
  deferred: Deferral[];
}

const DAY_MS = 86_400_000;

/** Parses a comma-separated list of statuses (`stale,missing`); null when one of them is not a status. */
export function parseStatuses(text: string): Status[] | null {
  const parts = text.split(",").map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !(STATUSES as readonly string[]).includes(p))) return null;
  return [...new Set(parts as Status[])];
}

/** The policy from the config, with command-line values winning: a flag replaces that setting for every language. */
export function checkPolicy(config: Config, flags: { maxDays?: number | null; failOn?: Status[] }): CheckPolicy {
  const maxDaysFlag = flags.maxDays !== undefined && flags.maxDays !== null;
  const languages: CheckPolicy["languages"] = {};
  for (const [lang, override] of Object.entries(config.check.languages)) {
    const kept: CheckPolicy["languages"][string] = {};
    if (override.failOn !== undefined && !flags.failOn) kept.failOn = override.failOn as Status[];
    if (override.maxDays !== undefined && !maxDaysFlag) kept.maxDays = override.maxDays;
    if (Object.keys(kept).length > 0) languages[lang] = kept;
  }
  return {
    failOn: flags.failOn ?? ((config.check.failOn as Status[] | null) ?? [...DEFAULT_FAIL_ON]),
    maxDays: maxDaysFlag ? flags.maxDays! : config.check.maxDays,
    languages,
  };
}

/**
 * Decides every entry of the report at `now`. `include` narrows the check (e.g. to what changed
 * after `--since REF`); entries it leaves out are deferred with reason `since`.
 */
export function judgeCheck(report: Report, policy: CheckPolicy, now: Date, include: (entry: Entry) => boolean = () => true): CheckVerdict {
  const verdict: CheckVerdict = { violations: [], deferred: [] };
  for (const entry of report.translations) {
    const override = languageOverride(policy, entry.lang);
    const failOn = override.failOn ?? policy.failOn;
    const maxDays = override.maxDays !== undefined ? override.maxDays : policy.maxDays;
    if (!failOn.includes(entry.status)) continue;
    const who = { code: entry.status, lang: entry.lang, translation: entry.translation, source: entry.source };
    const elapsed = entry.staleSince ? now.getTime() - Date.parse(entry.staleSince) : null;
    // "More than N days ago": N days and an hour is past the grace period. 0 means no grace at all.
    if (entry.status === "stale" && maxDays !== null && maxDays > 0 && elapsed !== null && elapsed <= maxDays * DAY_MS) {
      verdict.deferred.push({ ...who, reason: "grace" });
      continue;
    }
    if (!include(entry)) {
      verdict.deferred.push({ ...who, reason: "since" });
      continue;
    }
    const days = elapsed === null ? null : Math.max(0, Math.floor(elapsed / DAY_MS));
    const line = entry.problems.find((p) => p.line !== undefined)?.line ?? null;
    verdict.violations.push({ ...who, days, line });
  }
  return verdict;
}

function languageOverride(policy: CheckPolicy, lang: string): { failOn?: Status[]; maxDays?: number | null } {
  if (policy.languages[lang]) return policy.languages[lang]!;
  // `de-AT` entries follow a `de` override when there is no exact one.
  const lower = lang.toLowerCase();
  const key = Object.keys(policy.languages).find((l) => l.toLowerCase() === lower) ?? Object.keys(policy.languages).find((l) => l.toLowerCase() === lower.split(/[-_]/)[0]);
  return key ? policy.languages[key]! : {};
}

/** What `--since REF` knows of the history, as history indices (0 is HEAD); gathered by the command, judged here. */
export interface SinceFacts {
  /**
   * REF's history index, or that of its merge base with HEAD when REF is not in HEAD's history;
   * null when HEAD shares no history with REF, so that every commit is "after REF".
   */
  base: number | null;
  ancestry: Pick<Ancestry, "isAncestorOrSelf">;
  /** Per stale translation: the commits that made it stale, as `Analysis.counted` has them. */
  counted: ReadonlyMap<string, readonly number[]>;
  /**
   * The commits that changed a post path (any change, deletion included), or `uncommitted` when the
   * working tree holds a version of the file that HEAD doesn't (edited, or never committed).
   */
  changesOf(path: string): readonly number[] | "uncommitted";
}

/**
 * True when an entry is new since REF: something after REF (a commit not ancestor-or-self of REF,
 * or an uncommitted edit) brought it about.
 * - Any entry whose translation file was changed after REF (edited in this pull request, or
 *   uncommitted): the editor touched it and it is still not up to date.
 * - A stale entry made stale by a commit after REF, or by an uncommitted edit of the original (`--worktree`).
 * - A missing or orphaned entry whose original was added, changed, renamed or deleted after REF.
 * An old backlog (stale before REF, untouched since) is not new.
 */
export function isNewSince(entry: Entry, facts: SinceFacts): boolean {
  const after = (commit: number) => facts.base === null || !facts.ancestry.isAncestorOrSelf(commit, facts.base);
  const changedAfter = (path: string | null) => {
    if (path === null) return false;
    const changes = facts.changesOf(path);
    return changes === "uncommitted" || changes.some(after);
  };
  if (changedAfter(entry.translation)) return true;
  switch (entry.status) {
    case "stale": {
      const counted = (entry.translation !== null ? facts.counted.get(entry.translation) : undefined) ?? [];
      // commitsBehind beyond the counted commits is the original's uncommitted edit (`--worktree`).
      return counted.some(after) || entry.commitsBehind > counted.length;
    }
    case "missing":
    case "orphaned":
      return changedAfter(entry.source);
    default:
      return false;
  }
}
