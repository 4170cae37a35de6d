/**
 * transtrack's programmatic API: the same reports the CLI prints, as typed data.
 *
 * ```ts
 * import { getStatus } from "transtrack";
 * const report = await getStatus({ cwd: "path/to/site" });
 * ```
 */
import { statusReport, type StatusOptions } from "./status/get-status.js";
import type { Deferral, Violation } from "./core/policy.js";
import { runCheck } from "./status/run-check.js";
import { markTranslations, type MarkOptions, type MarkResult } from "./status/mark.js";
import { originalChange, type OriginalChange } from "./status/diff.js";
import type { Report, Status } from "./core/types.js";

export type { Entry, Problem, ProblemCode, Report, Status, Summary } from "./core/types.js";
export { STATUSES } from "./core/types.js";
export type { Config, ConfigInput } from "./config/schema.js";
export { configSchema } from "./config/schema.js";
export type { Violation, Deferral, CheckPolicy } from "./core/policy.js";
export type { MarkResult } from "./status/mark.js";
export type { OriginalChange } from "./status/diff.js";
export { TranstrackError, UsageError, ConfigError, RepoError } from "./errors.js";

/** Options of the API calls; every field but `cwd` is optional. */
export type ApiOptions = Partial<Omit<StatusOptions, "cwd">> & { cwd?: string };

function withDefaults(options: ApiOptions): StatusOptions {
  return { ...options, cwd: options.cwd ?? process.cwd(), env: options.env ?? process.env };
}

/** The status report of every translation in the repository at `cwd` (the PRODUCT.md JSON report). */
export async function getStatus(options: ApiOptions = {}): Promise<Report> {
  return (await statusReport(withDefaults(options))).report;
}

/** The report plus the translations that fail the check policy (config, overridden by `failOn`/`maxDays`), optionally only what changed after `since`. */
export async function check(
  options: ApiOptions & { failOn?: Status[]; maxDays?: number | null; since?: string; deepen?: boolean } = {},
): Promise<{ report: Report; violations: Violation[]; deferred: Deferral[] }> {
  const { analysis, verdict } = await runCheck(withDefaults(options));
  return { report: analysis.report, violations: verdict.violations, deferred: verdict.deferred };
}

/** The original's text at the translation's baseline and now, for showing a translator what changed. */
export async function getOriginalChange(translation: string, options: ApiOptions = {}): Promise<OriginalChange> {
  const o = withDefaults(options);
  return originalChange({ cwd: o.cwd, env: o.env, translation, ...(o.configFile ? { configFile: o.configFile } : {}), worktree: o.worktree === true });
}

/** Records `source_commit` in translations, as `transtrack mark` does. */
export async function mark(translations: string[], options: ApiOptions & { commit?: string } = {}): Promise<MarkResult[]> {
  const o = withDefaults(options);
  const markOptions: MarkOptions = { cwd: o.cwd, env: o.env, translations, ...(o.configFile ? { configFile: o.configFile } : {}), ...(options.commit ? { commit: options.commit } : {}) };
  return markTranslations(markOptions);
}
