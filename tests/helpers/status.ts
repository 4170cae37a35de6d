import { analyze, type StatusOptions } from "../../src/status/get-status.js";
import type { Entry, Report } from "../../src/core/types.js";
import type { TestRepo } from "./git-repo.js";

/** Runs the status analysis on a test repository and returns the report. */
export async function statusOf(repo: TestRepo, options: Partial<StatusOptions> = {}): Promise<Report> {
  const { report } = await analyze({ cwd: repo.dir, env: repo.env(), cache: false, ...options });
  return report;
}

/** The entry of one translation (or of a missing one, by lang and source). */
export function entry(report: Report, translation: string): Entry {
  const found = report.translations.find((e) => e.translation === translation);
  if (!found) throw new Error(`no entry for ${translation}: ${JSON.stringify(report.translations.map((e) => e.translation))}`);
  return found;
}

/** A post with front-matter built from pairs. */
export function post(fields: Record<string, string | number | boolean>, body: string): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join("\n")}\n---\n${body}`;
}
