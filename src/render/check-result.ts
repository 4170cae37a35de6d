import type { Colors, Translate } from "./words.js";
import type { Deferral, Violation } from "../core/policy.js";
import type { Report } from "../core/types.js";

/** What every `check` renderer receives. */
export interface CheckResult {
  report: Report;
  violations: Violation[];
  /** Entries with a failing status that the grace period or `--since` let through. */
  deferred: Deferral[];
  /** `--since`: the ref as given and the commit it names; null without it. */
  since: { ref: string; sha: string } | null;
  /** Put before repository paths so they are relative to the CI workspace (GitHub annotations); usually "". */
  pathPrefix: string;
  t: Translate;
  color: Colors;
  quiet: boolean;
  /** Terminal columns the text format lays its lines out in; `Infinity` or absent when not a terminal. */
  width?: number;
}

/** A `check --format` renderer: the result as text for stdout. */
export type CheckRenderer = (result: CheckResult) => string;
