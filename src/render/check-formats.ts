import type { Colors } from "../cli/context.js";
import type { Translate } from "../cli/i18n.js";
import type { Violation } from "../core/policy.js";
import type { Report } from "../core/types.js";
import { renderCheckJson } from "./check-json.js";
import { renderCheckText } from "./check-text.js";

/** What every `check` renderer receives. */
export interface CheckResult {
  report: Report;
  violations: Violation[];
  t: Translate;
  color: Colors;
  quiet: boolean;
}

/** A `check --format` renderer: the result as text for stdout. */
export type CheckRenderer = (result: CheckResult) => string;

/** The `--format` values of `check`, each with its renderer. */
export const CHECK_FORMATS: Record<string, CheckRenderer> = {
  text: renderCheckText,
  json: renderCheckJson,
};
