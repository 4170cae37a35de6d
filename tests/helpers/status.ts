import { analyze, type StatusOptions } from "../../src/status/get-status.js";
import type { Entry, Report } from "../../src/core/types.js";
import { createRepo, type TestRepo } from "./git-repo.js";

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

/** Two English originals translated into German, then an edit to one: posts/de/a.md stale, posts/de/b.md up to date. */
export function alphaBetaSite(): TestRepo {
  const repo = createRepo();
  repo.write("posts/en/a.md", post({ title: "Alpha" }, "One.\n\nTwo words here.\n"));
  repo.write("posts/en/b.md", post({ title: "Beta" }, "Beta.\n"));
  repo.commit("Originals");
  repo.write("posts/de/a.md", post({ title: "Alpha", lang: "de" }, "Eins.\n"));
  repo.write("posts/de/b.md", post({ title: "Beta", lang: "de" }, "Beta.\n"));
  repo.commit("German");
  repo.write("posts/en/a.md", post({ title: "Alpha" }, "One.\n\nTwo other words here.\n"));
  repo.commit("Edit alpha");
  return repo;
}
