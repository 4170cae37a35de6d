import type { ExecJob } from "../update/exec-jobs.js";
import type { ExecCounts, ExecResult, ExecSummary } from "../update/exec-events.js";
import { printable } from "./width.js";
import type { Colors, Translate } from "./words.js";

const BAR_WIDTH = 20;

/** The progress line of a run in a terminal: a bar, then how many are done, failed and running. */
export function renderExecProgress(counts: ExecCounts, t: Translate, color: Colors): string {
  const finished = counts.done + counts.failed;
  const filled = counts.total === 0 ? BAR_WIDTH : Math.floor((finished / counts.total) * BAR_WIDTH);
  const bar = `${color.green("█".repeat(filled))}${color.dim("░".repeat(BAR_WIDTH - filled))}`;
  const failed = counts.failed > 0 ? color.red(t("exec.progress.failed", { count: counts.failed })) : t("exec.progress.failed", { count: 0 });
  return `${bar} ${finished}/${counts.total}  ${t("exec.progress.done", { count: counts.done })} · ${failed} · ${t("exec.progress.running", { count: counts.running })}`;
}

/** One finished translation as a plain line (no terminal); failures add the translator's last stderr lines. */
export function renderExecResult(job: ExecJob, result: ExecResult, t: Translate, color: Colors): string {
  const path = printable(job.translation);
  if (result.ok) return `${color.green(t("exec.ok"))} ${job.lang} ${path}\n`;
  const lines = [`${color.red(t("exec.failed"))} ${job.lang} ${path}: ${failureText(result, t)}`];
  if (!result.restored) lines.push(`  ${color.red(t("exec.notRestored", { path }))}`);
  for (const line of result.stderr) lines.push(color.dim(`  │ ${printable(line)}`));
  return `${lines.join("\n")}\n`;
}

/** Why a run was not recorded, in words. */
function failureText(result: Extract<ExecResult, { ok: false }>, t: Translate): string {
  const args: Record<string, unknown> = { ...result.args };
  if (result.code === "INVALID" && typeof result.args.problem === "string" && result.args.problem !== "") {
    args.reason = t(`problems.${result.args.problem}`, result.args);
  }
  if ((result.code === "RECORD_FAILED" || result.code === "SETUP_FAILED") && typeof result.args.error === "string") {
    args.reason = t(`errors.${result.args.error}`, result.args);
  }
  return t(`exec.failure.${result.code}`, args);
}

/** The note that Ctrl-C is being handled: running translators ended, their files put back. */
export function renderExecInterrupting(running: number, t: Translate, color: Colors): string {
  return `${color.yellow(t("exec.interrupting", { count: running }))}\n`;
}

/** A commit made with `--commit`, or one that failed. */
export function renderExecCommit(event: { paths: string[]; commit?: string; code?: string; args?: Record<string, string | number> }, t: Translate, color: Colors): string {
  const paths = event.paths.length === 1 ? printable(event.paths[0]!) : t("exec.translations", { count: event.paths.length });
  if (event.commit) return `${color.dim(t("exec.committed", { what: paths, commit: event.commit.slice(0, 7) }))}\n`;
  return `${color.red(t("errors.prefix"))} ${t(`errors.${event.code}`, event.args)}\n${t("exec.commitFailed", { what: paths })}\n`;
}

/** The summary a run ends with: what was recorded, failed, never started, and what to do next. */
export function renderExecSummary(summary: ExecSummary, t: Translate, color: Colors): string {
  const parts = [color.green(t("exec.summary.succeeded", { count: summary.succeeded.length }))];
  if (summary.failed.length > 0) parts.push(color.red(t("exec.summary.failed", { count: summary.failed.length })));
  if (summary.notStarted > 0) parts.push(t("exec.summary.notStarted", { count: summary.notStarted }));
  if (summary.skipped > 0) parts.push(t("exec.summary.skipped", { count: summary.skipped }));
  if (summary.committed > 0) parts.push(t("exec.summary.committed", { count: summary.committed }));
  if (summary.uncommitted.length > 0) parts.push(color.red(t("exec.summary.uncommitted", { count: summary.uncommitted.length })));
  const lines = [`${color.bold(t(`exec.summary.${summary.ending}`))} ${parts.join(" · ")}`];
  for (const path of summary.stillStale) lines.push(color.yellow(t("exec.summary.stillStale", { path: printable(path) })));
  if (summary.ending !== "done" && summary.notStarted > 0) lines.push(t("exec.summary.again"));
  if (summary.succeeded.length > 0) lines.push(color.dim(t("exec.summary.review")));
  return `${lines.join("\n")}\n`;
}

/** `--dry-run`: each command, one a line, as a shell would read it back (control characters shown escaped). */
export function renderDryRun(lines: readonly string[]): string {
  return lines.map((l) => `${printable(l)}\n`).join("");
}
