import type { Config } from "../config/schema.js";
import type { Entry, Report, Status } from "./types.js";

/** Which statuses fail `check`, and the grace period for stale translations. */
export interface CheckPolicy {
  failOn: Status[];
  maxDays: number | null;
  /** Per-language overrides. */
  languages: Record<string, { failOn?: Status[]; maxDays?: number | null }>;
}

/** The statuses `check` fails on unless configured otherwise. */
export const DEFAULT_FAIL_ON: readonly Status[] = ["stale", "orphaned", "invalid", "unknown"];

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

/** The policy from the config, with command-line values winning. */
export function checkPolicy(config: Config, flags: { maxDays?: number | null; failOn?: Status[] }): CheckPolicy {
  return {
    failOn: flags.failOn ?? ((config.check.failOn as Status[] | null) ?? [...DEFAULT_FAIL_ON]),
    maxDays: flags.maxDays !== undefined && flags.maxDays !== null ? flags.maxDays : config.check.maxDays,
    languages: flags.maxDays !== undefined && flags.maxDays !== null ? {} : (config.check.languages as CheckPolicy["languages"]),
  };
}

/** The entries that fail the policy, at `now`. */
export function findViolations(report: Report, policy: CheckPolicy, now: Date, include: (entry: Entry) => boolean = () => true): Violation[] {
  const violations: Violation[] = [];
  for (const entry of report.translations) {
    if (!include(entry)) continue;
    const override = policy.languages[entry.lang] ?? {};
    const failOn = override.failOn ?? policy.failOn;
    const maxDays = override.maxDays !== undefined ? override.maxDays : policy.maxDays;
    if (!failOn.includes(entry.status)) continue;
    const days = entry.staleSince ? Math.floor((now.getTime() - Date.parse(entry.staleSince)) / 86_400_000) : null;
    if (entry.status === "stale" && maxDays !== null && days !== null && days <= maxDays) continue;
    const line = entry.problems.find((p) => p.line !== undefined)?.line ?? null;
    violations.push({ code: entry.status, lang: entry.lang, translation: entry.translation, source: entry.source, days, line });
  }
  return violations;
}
