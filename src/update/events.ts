import type { MessageArgs } from "../errors.js";
import type { DiffMode } from "../core/update-actions.js";
import type { UpdateItem } from "./items.js";

export type { DiffMode } from "../core/update-actions.js";

/** What became of one item: edited and marked, marked as it was, skipped, brought up to date by someone else, or not reached. */
export type Outcome = "edited" | "marked" | "skipped" | "resolved" | "left";

/** Something the session tells the editor, by code; words come from the renderer. */
export type NoticeCode =
  | "EDITOR_FAILED"
  | "EDITOR_NOT_FOUND"
  | "PAGER_FAILED"
  | "PAGER_NOT_FOUND"
  | "FILE_CHANGED"
  | "FILE_MISSING"
  | "NO_LONGER_STALE"
  | "NOT_MARKED"
  | "MARKED"
  | "COMMITTED"
  | "COMMIT_FAILED"
  | "MARK_FAILED";

/** The counts the session ends with. */
export interface SessionSummary {
  total: number;
  counts: Record<Outcome, number>;
  /** Commits created with `--commit`. */
  committed: number;
  /** Translations the editor changed but did not mark: their edits are on disk, still stale. */
  unmarkedEdits: string[];
  /** How the session ended: every item seen, `q`, Ctrl-C, or an unexpected error. */
  ending: "done" | "quit" | "interrupted" | "failed";
}

/** What the session shows, as data; the renderer turns it into text. */
export type SessionEvent =
  | { type: "nothing-stale" }
  | { type: "overview"; count: number; languages: string[] }
  | { type: "item"; index: number; total: number; item: UpdateItem; mode: DiffMode }
  | { type: "diff"; item: UpdateItem; mode: DiffMode; full: boolean }
  | { type: "help"; mode: DiffMode }
  | { type: "notice"; code: NoticeCode; args: MessageArgs }
  /** An expected failure, rendered from `errors.<code>`. */
  | { type: "error"; code: string; args: MessageArgs }
  | { type: "summary"; summary: SessionSummary };
