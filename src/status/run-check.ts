import type { SinceBase } from "./since.js";
import { checkPolicy, isNewSince, judgeCheck, type CheckPolicy, type CheckVerdict, type SinceFacts } from "../core/policy.js";
import type { Entry, Status } from "../core/types.js";
import { RepoError, UsageError } from "../errors.js";
import { GitRepo } from "../git/repo.js";
import type { Analysis, StatusOptions } from "./get-status.js";

/** Options of a check run: the status options plus the policy flags, which win over the config. */
export interface CheckOptions extends StatusOptions {
  /** Fail only on what changed after this ref. */
  since?: string | null;
  maxDays?: number | null;
  failOn?: Status[];
  /** In a shallow clone without the needed history, fetch it (blobless) once and go on. */
  deepen?: boolean;
  /** Called before fetching history, so the caller can say why it waits. */
  onDeepen?: () => void;
}

/** A check's outcome: the analysis, what fails and what the policy let through, and where `--since` stood. */
export interface CheckOutcome {
  analysis: Pick<Analysis, "report" | "root" | "config">;
  verdict: CheckVerdict;
  since: { ref: string; sha: string } | null;
}

/** Runs the analysis and judges it against the check policy; `check`'s whole job but the output. */
export async function runCheck(options: CheckOptions): Promise<CheckOutcome> {
  const { analysis, since } = await analyzeForCheck(options);
  const policy = checkPolicy(analysis.config, {
    maxDays: options.maxDays ?? null,
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
  const include = since ? (entry: Entry) => isNewSince(entry, since.facts) : undefined;
  const verdict = judgeCheck(analysis.report, policy, options.now ?? new Date(), include);
  if (!checksAnything(analysis.report.translations, policy)) throw new UsageError("NOTHING_TO_CHECK");
  return { analysis, verdict, since: since ? { ref: since.base.ref, sha: since.base.sha } : null };
}

/**
 * Whether the check judged anything: a translation found, or a missing one that a policy fails on. A CI
 * check that found nothing to judge (no layout matches, `languages` names none of the site's) is a
 * misconfiguration, never a pass.
 */
export function checksAnything(entries: readonly Entry[], policy: CheckPolicy): boolean {
  const failsOnMissing = policy.failOn.includes("missing") || Object.values(policy.languages).some((l) => l.failOn?.includes("missing"));
  return entries.some((e) => e.status !== "missing" || failsOnMissing);
}

/**
 * Analyses the repository and places `--since REF` in its history. In a shallow clone that lacks
 * the needed history, `deepen` fetches it (blobless) once and starts over; without it the
 * RepoError that names the fix goes up.
 */
async function analyzeForCheck(options: CheckOptions): Promise<{ analysis: CheckOutcome["analysis"]; since: { base: SinceBase; facts: SinceFacts } | null }> {
  const ref = options.since ?? null;
  const [{ analyzeRepo }, { resolveSinceRef, sinceFacts }] = await Promise.all([import("./get-status.js"), import("./since.js")]);
  for (let deepened = false; ; deepened = true) {
    const repo = await GitRepo.open(options.cwd, options.env);
    try {
      // REF first: a typo should fail before any history is read.
      const sha = ref === null ? null : await resolveSinceRef(repo, ref);
      const analysis = await analyzeRepo(repo, options);
      return { analysis, since: ref !== null && sha !== null ? await sinceFacts(repo, analysis, ref, sha) : null };
    } catch (error) {
      if (!options.deepen || deepened || !(await lacksHistory(error, repo))) throw error;
      options.onDeepen?.();
      try {
        await repo.deepen();
      } catch (cause) {
        const reason = (cause instanceof Error ? cause.message : String(cause)).trim().split("\n")[0] ?? "";
        throw new RepoError("DEEPEN_FAILED", { reason }, { cause });
      }
    } finally {
      await repo.close();
    }
  }
}

/** Whether an error means "a shallow clone cut off history we need" (a REF not found counts in a shallow clone). */
async function lacksHistory(error: unknown, repo: GitRepo): Promise<boolean> {
  if (error instanceof RepoError) return error.code === "SHALLOW_CLONE" || error.code === "SHALLOW_SINCE";
  if (error instanceof UsageError && error.code === "BAD_REF") return (await repo.shallowCommits()).length > 0;
  return false;
}
