import type { MessageArgs } from "../errors.js";
import type { ExecJob } from "./exec-jobs.js";

/** Why a run was not recorded; each has words under `exec.failure.` in every locale. */
export type ExecFailureCode =
  /** The translator exited with a status other than 0. */
  | "EXIT_STATUS"
  /** It was ended by a signal it did not get from transtrack. */
  | "KILLED"
  | "TIMEOUT"
  | "NOT_FOUND"
  /** Ctrl-C ended it. */
  | "INTERRUPTED"
  /** It exited 0 but left no file. */
  | "NO_FILE"
  /** The file it left can't be read as a post. */
  | "INVALID"
  /** A stale translation it left byte for byte as it was. */
  | "UNCHANGED"
  /** The file it wrote declares another language than the translation's (`lang: en` copied from the original, say). */
  | "WRONG_LANG"
  /** `source_commit` could not be written (an error code says why). */
  | "RECORD_FAILED"
  /** Its run could not be set up (the file is a link, its folder can't be made). */
  | "SETUP_FAILED";

/** How one translation's run was judged. */
export type ExecResult =
  | { ok: true }
  | {
      ok: false;
      code: ExecFailureCode;
      args: MessageArgs;
      /** The last lines the translator wrote to stderr. */
      stderr: string[];
      /** The translation was put back as it was (for a missing one: no file). False only when even that failed. */
      restored: boolean;
    };

/** Counts of the run so far, for the progress bar. */
export interface ExecCounts {
  total: number;
  done: number;
  failed: number;
  running: number;
}

/** How the whole run ended, with what it did. */
export interface ExecSummary {
  total: number;
  /** Translations written and recorded. */
  succeeded: string[];
  failed: string[];
  /** Never started: a failure stopped new launches (no `--keep-going`), or Ctrl-C did. */
  notStarted: number;
  /** Missing translations no run can create: no path from a layout, or no single original. */
  skipped: number;
  committed: number;
  /** Recorded, but `--commit` failed for them: on disk, not committed. */
  uncommitted: string[];
  /** Recorded, but the original changed again while the translator ran: still stale. */
  stillStale: string[];
  ending: "done" | "stopped" | "interrupted";
}

/** What the run tells as it goes, as data; the renderer turns it into text. */
export type ExecEvent =
  | { type: "start"; counts: ExecCounts; jobs: number }
  | { type: "launch"; job: ExecJob; counts: ExecCounts }
  | { type: "finish"; job: ExecJob; result: ExecResult; counts: ExecCounts }
  | { type: "committed"; paths: string[]; commit: string }
  | { type: "commit-failed"; paths: string[]; code: string; args: MessageArgs }
  | { type: "interrupting"; running: number };
