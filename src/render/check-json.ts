import type { CheckResult } from "./check-result.js";
import { renderJson } from "./json.js";

/** `check --format json`: the status report plus the list of violations. */
export function renderCheckJson(result: CheckResult): string {
  return renderJson({ ...result.report, violations: result.violations });
}
