import { PromptCancelledError, type Prompter } from "./prompter.js";
import { TranstrackError, type Translate } from "../errors.js";
import { ACTION_KEYS, actionLabel } from "../core/update-actions.js";
import type { DiffMode, Outcome, SessionEvent, SessionSummary } from "./events.js";
import { itemLanguages, type UpdateItem } from "./items.js";

/** How a child process (editor, pager) ended. */
export type ChildOutcome =
  | { kind: "ok" }
  | { kind: "failed"; code: number | null; signal: string | null }
  | { kind: "not-found"; command: string }
  /** Ended by Ctrl-C: the person wants out. */
  | { kind: "interrupted" };

/** Reading and writing translations; the only side of the session that touches files and git. */
export interface SessionStore {
  /** The translation's text on disk now; null when the file is gone. */
  read(item: UpdateItem): Promise<string | null>;
  /** Records the item's source commit; throws FILE_CHANGED when the file no longer holds `expected`. */
  mark(item: UpdateItem, expected: string): Promise<void>;
  /** Commits the translation file alone; resolves to the new commit's sha. */
  commit(item: UpdateItem): Promise<string>;
  /** Reads the item again from disk and git; null when it is no longer stale. */
  refresh(item: UpdateItem): Promise<UpdateItem | null>;
}

/** Everything the session needs from outside, injected so tests script it. */
export interface SessionDeps {
  prompter: Prompter;
  /** Words for the prompts. */
  t: Translate;
  show(event: SessionEvent): void;
  /** Opens the translation in the editor and waits for it. */
  edit(item: UpdateItem): Promise<ChildOutcome>;
  /** Shows the whole diff in the pager and waits for it. */
  page(item: UpdateItem, mode: DiffMode): Promise<ChildOutcome>;
  store: SessionStore;
  /** Commit each marked translation (`--commit`). */
  commit: boolean;
  /** The front-matter key a mark writes, named in the notice; `source_commit` when not told. */
  sourceCommitKey?: string;
}

/** How the session ended, with what it did. */
export interface SessionResult {
  summary: SessionSummary;
  /** Per item, in order. */
  outcomes: Outcome[];
}

type Step = { done: Outcome } | { quit: true };

/** Walks the editor through each stale translation; every decision is written when it is made. */
export async function runSession(items: readonly UpdateItem[], deps: SessionDeps): Promise<SessionResult> {
  const outcomes: Outcome[] = items.map(() => "left");
  const state = { mode: "line" as DiffMode, committed: 0, unmarked: new Set<string>() };
  const finish = (ending: SessionSummary["ending"]): SessionResult => {
    const counts: Record<Outcome, number> = { edited: 0, marked: 0, skipped: 0, resolved: 0, left: 0 };
    for (const o of outcomes) counts[o]++;
    const summary = { total: items.length, counts, committed: state.committed, unmarkedEdits: [...state.unmarked], ending };
    deps.show({ type: "summary", summary });
    return { summary, outcomes };
  };

  if (items.length === 0) {
    deps.show({ type: "nothing-stale" });
    return { summary: { total: 0, counts: { edited: 0, marked: 0, skipped: 0, resolved: 0, left: 0 }, committed: 0, unmarkedEdits: [], ending: "done" }, outcomes };
  }
  deps.show({ type: "overview", count: items.length, languages: itemLanguages(items) });
  try {
    for (let i = 0; i < items.length; i++) {
      const step = await walkItem(items[i]!, i, items.length, deps, state);
      if ("quit" in step) return finish("quit");
      outcomes[i] = step.done;
    }
  } catch (error) {
    if (error instanceof PromptCancelledError) return finish("interrupted");
    // What was decided so far is on disk; say what before the error is shown.
    finish("failed");
    throw error;
  }
  return finish("done");
}

interface State {
  mode: DiffMode;
  committed: number;
  unmarked: Set<string>;
}

async function walkItem(first: UpdateItem, index: number, total: number, deps: SessionDeps, state: State): Promise<Step> {
  const { prompter, t, show, store } = deps;
  let item = first;
  let edited = false;
  const path = () => item.entry.translation;
  show({ type: "item", index, total, item, mode: state.mode });

  /** The file changed under us: say so, read it again, and show it again unless it is no longer stale. */
  const reread = async (): Promise<Step | null> => {
    show({ type: "notice", code: "FILE_CHANGED", args: { path: path() } });
    const fresh = await store.refresh(item);
    if (fresh === null) {
      state.unmarked.delete(path());
      show({ type: "notice", code: "NO_LONGER_STALE", args: { path: path() } });
      return { done: "resolved" };
    }
    item = fresh;
    show({ type: "item", index, total, item, mode: state.mode });
    return null;
  };

  /** Writes the mark (and the commit); null sends the editor back to the choice. */
  const mark = async (): Promise<Step | null> => {
    try {
      await store.mark(item, item.text);
    } catch (error) {
      if (error instanceof TranstrackError && error.code === "FILE_CHANGED") return reread();
      if (error instanceof TranstrackError) {
        show({ type: "error", code: error.code, args: error.args });
        show({ type: "notice", code: "MARK_FAILED", args: { path: path() } });
        return null;
      }
      throw error;
    }
    state.unmarked.delete(path());
    show({ type: "notice", code: "MARKED", args: { path: path(), key: deps.sourceCommitKey ?? "source_commit", commit: item.entry.sourceCommit.slice(0, 7) } });
    if (deps.commit) {
      try {
        const sha = await store.commit(item);
        state.committed++;
        show({ type: "notice", code: "COMMITTED", args: { path: path(), commit: sha.slice(0, 7) } });
      } catch (error) {
        if (!(error instanceof TranstrackError)) throw error;
        show({ type: "error", code: error.code, args: error.args });
        show({ type: "notice", code: "COMMIT_FAILED", args: { path: path() } });
      }
    }
    return { done: edited ? "edited" : "marked" };
  };

  for (;;) {
    const key = await prompter.chooseKey({
      message: t("update.prompt.action", { path: path() }),
      choices: ACTION_KEYS.map((k) => ({ key: k, name: t(`update.actions.${actionLabel(k, state.mode)}`) })),
    });
    switch (key) {
      case "e": {
        const before = await store.read(item);
        if (before === null) {
          show({ type: "notice", code: "FILE_MISSING", args: { path: path() } });
          continue;
        }
        if (before !== item.text) {
          const step = await reread();
          if (step) return step;
          continue;
        }
        const result = await deps.edit(item);
        if (result.kind === "interrupted") throw new PromptCancelledError();
        if (result.kind === "not-found") {
          show({ type: "notice", code: "EDITOR_NOT_FOUND", args: { command: result.command } });
          continue;
        }
        if (result.kind === "failed") {
          show({ type: "notice", code: "EDITOR_FAILED", args: { path: path(), code: result.code ?? result.signal ?? "?" } });
          continue;
        }
        const after = await store.read(item);
        if (after === null) {
          show({ type: "notice", code: "FILE_MISSING", args: { path: path() } });
          continue;
        }
        const changed = after !== before;
        if (changed) {
          edited = true;
          state.unmarked.add(path());
        }
        item = { ...item, text: after };
        // The editor covered the change; show it again to check the edit against it.
        show({ type: "item", index, total, item, mode: state.mode });
        // Leaving the editor without a change is no reason to call the translation up to date.
        if (!(await prompter.confirm({ message: t("update.prompt.markAfterEdit"), default: changed }))) {
          show({ type: "notice", code: "NOT_MARKED", args: { path: path() } });
          continue;
        }
        const step = await mark();
        if (step) return step;
        continue;
      }
      case "m": {
        const step = await mark();
        if (step) return step;
        continue;
      }
      case "s":
        return { done: "skipped" };
      case "w":
        state.mode = state.mode === "line" ? "word" : "line";
        show({ type: "diff", item, mode: state.mode, full: false });
        continue;
      case "v": {
        const result = await deps.page(item, state.mode);
        if (result.kind === "not-found") {
          show({ type: "notice", code: "PAGER_NOT_FOUND", args: { command: result.command } });
          // The diff is what was asked for; without a pager it goes to the terminal whole.
          show({ type: "diff", item, mode: state.mode, full: true });
        } else if (result.kind === "failed") {
          show({ type: "notice", code: "PAGER_FAILED", args: { code: result.code ?? result.signal ?? "?" } });
        }
        continue;
      }
      case "q":
        return { quit: true };
      case "?":
        show({ type: "help", mode: state.mode });
        continue;
    }
  }
}
