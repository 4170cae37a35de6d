import { describe, expect, it } from "vitest";
import { PromptCancelledError, type KeyChoice, type Prompter } from "../../src/update/prompter.js";
import type { Report } from "../../src/core/types.js";
import { TranstrackError } from "../../src/errors.js";
import { FileChangedError } from "../../src/posts/write-atomic.js";
import { staleEntries, type StaleEntry, type UpdateItem } from "../../src/update/items.js";
import { ACTION_KEYS } from "../../src/core/update-actions.js";
import type { SessionEvent } from "../../src/update/events.js";
import { runSession, type ChildOutcome, type SessionStore } from "../../src/update/session.js";

const SOURCE_SHA = "c".repeat(40);

function item(translation: string, lang: string, extra: Partial<StaleEntry> = {}): UpdateItem {
  const source = translation.replace(`/${lang}/`, "/en/");
  const entry: StaleEntry = {
    lang,
    source,
    translation,
    status: "stale",
    baseline: "b".repeat(40),
    sourceCommit: SOURCE_SHA,
    commitsBehind: 1,
    linesAdded: 1,
    linesRemoved: 1,
    staleSince: "2026-05-01T10:00:00Z",
    problems: [],
    ...extra,
  };
  return {
    entry,
    commits: [{ sha: SOURCE_SHA, short: SOURCE_SHA.slice(0, 7), date: "2026-05-01", subject: "Change" }],
    change: { entry, before: "old\n", after: "new\n", afterLabel: "HEAD" },
    text: `---\nlang: ${lang}\n---\n${translation}\n`,
  };
}

type Answer = string | boolean | "cancel";

/** A Prompter that answers from a script and records what it was asked. */
function scripted(answers: Answer[]) {
  const asked: { kind: "key" | "confirm"; message: string; keys?: string[]; default?: boolean }[] = [];
  const next = (): Answer => {
    if (answers.length === 0) throw new Error("the script ran out of answers");
    const answer = answers.shift()!;
    if (answer === "cancel") throw new PromptCancelledError();
    return answer;
  };
  const prompter: Prompter = {
    async chooseKey<K extends string>(q: { message: string; choices: readonly KeyChoice<K>[] }): Promise<K> {
      asked.push({ kind: "key", message: q.message, keys: q.choices.map((c) => c.key) });
      const answer = next();
      if (typeof answer !== "string" || !q.choices.some((c) => c.key === answer)) throw new Error(`not a key of the choice: ${String(answer)}`);
      return answer as K;
    },
    async confirm(q) {
      asked.push({ kind: "confirm", message: q.message, default: q.default });
      const answer = next();
      if (typeof answer !== "boolean") throw new Error(`not a yes/no answer: ${String(answer)}`);
      return answer;
    },
  };
  return { prompter, asked, answers };
}

/** Files in memory; marking behaves as markPost does: it refuses when the file is not what was read. */
function memoryStore(items: UpdateItem[]) {
  const files = new Map(items.map((i) => [i.entry.translation, i.text]));
  const marks: { path: string; commit: string; expected: string }[] = [];
  const commits: string[] = [];
  const refreshed: string[] = [];
  let refreshWith: (item: UpdateItem, text: string | undefined) => UpdateItem | null = (i, text) => ({ ...i, text: text ?? i.text });
  let failCommit: TranstrackError | null = null;
  let failMark: Error | null = null;
  const store: SessionStore = {
    async read(i) {
      return files.get(i.entry.translation) ?? null;
    },
    async mark(i, expected) {
      if (failMark) throw failMark;
      const path = i.entry.translation;
      if (files.get(path) !== expected) throw new FileChangedError(path);
      files.set(path, expected.replace("---\n", `---\nsource_commit: ${i.entry.sourceCommit}\n`));
      marks.push({ path, commit: i.entry.sourceCommit, expected });
    },
    async commit(i) {
      if (failCommit) throw failCommit;
      commits.push(i.entry.translation);
      return "d".repeat(40);
    },
    async refresh(i) {
      refreshed.push(i.entry.translation);
      return refreshWith(i, files.get(i.entry.translation));
    },
  };
  return {
    store,
    files,
    marks,
    commits,
    refreshed,
    onRefresh: (f: typeof refreshWith) => (refreshWith = f),
    failCommitWith: (e: TranstrackError) => (failCommit = e),
    failMarkWith: (e: Error) => (failMark = e),
  };
}

function setup(items: UpdateItem[], answers: Answer[], options: { commit?: boolean; editor?: (path: string, files: Map<string, string>) => ChildOutcome; pager?: ChildOutcome } = {}) {
  const script = scripted(answers);
  const mem = memoryStore(items);
  const events: SessionEvent[] = [];
  const edits: string[] = [];
  const pages: string[] = [];
  const deps = {
    prompter: script.prompter,
    t: (key: string) => key,
    show: (event: SessionEvent) => void events.push(event),
    edit: async (i: UpdateItem) => {
      edits.push(i.entry.translation);
      return (options.editor ?? appendLine)(i.entry.translation, mem.files);
    },
    page: async (_i: UpdateItem, mode: string) => {
      pages.push(mode);
      return options.pager ?? { kind: "ok" as const };
    },
    store: mem.store,
    commit: options.commit ?? false,
  };
  const run = () => runSession(items, deps);
  const notices = () => events.filter((e): e is Extract<SessionEvent, { type: "notice" }> => e.type === "notice").map((e) => e.code);
  const shown = (type: SessionEvent["type"]) => events.filter((e) => e.type === type);
  return { ...mem, ...script, events, edits, pages, run, notices, shown };
}

/** The stand-in editor: appends a line and exits 0. */
function appendLine(path: string, files: Map<string, string>): ChildOutcome {
  files.set(path, `${files.get(path)}Neu übersetzt.\n`);
  return { kind: "ok" };
}

const ALPHA_DE = () => item("posts/de/alpha.md", "de");
const ALPHA_ZH = () => item("posts/zh/alpha.md", "zh");
const BETA_DE = () => item("posts/de/beta.md", "de");

describe("update session", () => {
  it("says there is nothing to do when nothing is stale, and asks nothing", async () => {
    const s = setup([], []);
    const result = await s.run();
    expect(s.events.map((e) => e.type)).toEqual(["nothing-stale"]);
    expect(s.asked).toEqual([]);
    expect(result.summary).toMatchObject({ total: 0, ending: "done" });
  });

  it("opens with an overview of the count and the languages, then shows each item in turn", async () => {
    const items = [ALPHA_DE(), BETA_DE(), ALPHA_ZH()];
    const s = setup(items, ["s", "s", "s"]);
    await s.run();
    expect(s.events[0]).toEqual({ type: "overview", count: 3, languages: ["de", "zh"] });
    const shownItems = s.shown("item") as Extract<SessionEvent, { type: "item" }>[];
    expect(shownItems.map((e) => [e.index, e.total, e.item.entry.translation])).toEqual([
      [0, 3, "posts/de/alpha.md"],
      [1, 3, "posts/de/beta.md"],
      [2, 3, "posts/zh/alpha.md"],
    ]);
  });

  it("offers exactly the keys e, m, s, w, v, q and ?", async () => {
    const s = setup([ALPHA_DE()], ["s"]);
    await s.run();
    expect(s.asked[0]).toMatchObject({ kind: "key", message: "update.prompt.action", keys: ["e", "m", "s", "w", "v", "q", "?"] });
    expect([...ACTION_KEYS]).toEqual(["e", "m", "s", "w", "v", "q", "?"]);
  });

  it("e: edits, asks to mark (default yes), and marks the edited text", async () => {
    const s = setup([ALPHA_DE()], ["e", true]);
    const result = await s.run();
    expect(s.edits).toEqual(["posts/de/alpha.md"]);
    expect(s.asked[1]).toEqual({ kind: "confirm", message: "update.prompt.markAfterEdit", default: true });
    // The change is shown again after the editor, before the question.
    expect(s.shown("item").map((e) => e.type === "item" && e.item.text)).toEqual([ALPHA_DE().text, `${ALPHA_DE().text}Neu übersetzt.\n`]);
    expect(s.marks).toEqual([{ path: "posts/de/alpha.md", commit: SOURCE_SHA, expected: `${ALPHA_DE().text}Neu übersetzt.\n` }]);
    expect(s.files.get("posts/de/alpha.md")).toBe(`---\nsource_commit: ${SOURCE_SHA}\nlang: de\n---\nposts/de/alpha.md\nNeu übersetzt.\n`);
    expect(result.outcomes).toEqual(["edited"]);
    expect(result.summary.counts).toEqual({ edited: 1, marked: 0, skipped: 0, resolved: 0, left: 0 });
    expect(s.notices()).toEqual(["MARKED"]);
    expect(s.commits).toEqual([]);
  });

  it("e then no: keeps the edit unmarked and returns to the choice for the same item", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["e", false, "s", "s"]);
    const result = await s.run();
    expect(s.marks).toEqual([]);
    expect(s.asked.map((a) => a.kind)).toEqual(["key", "confirm", "key", "key"]);
    expect(s.notices()).toEqual(["NOT_MARKED"]);
    expect(result.outcomes).toEqual(["skipped", "skipped"]);
    expect(result.summary.unmarkedEdits).toEqual(["posts/de/alpha.md"]);
  });

  it("e then no then m: marks the text as the editor left it, and counts the item as edited", async () => {
    const s = setup([ALPHA_DE()], ["e", false, "m"]);
    const result = await s.run();
    expect(s.marks.map((m) => m.expected)).toEqual([`${ALPHA_DE().text}Neu übersetzt.\n`]);
    expect(result.outcomes).toEqual(["edited"]);
    expect(result.summary.unmarkedEdits).toEqual([]);
  });

  it("e with an editor that changes nothing and exits 0 still asks, with no as the default, and counts a yes as marked", async () => {
    const s = setup([ALPHA_DE()], ["e", true], { editor: () => ({ kind: "ok" }) });
    const result = await s.run();
    expect(s.asked[1]).toEqual({ kind: "confirm", message: "update.prompt.markAfterEdit", default: false });
    expect(s.marks).toHaveLength(1);
    expect(result.outcomes).toEqual(["marked"]);
  });

  it("e with a failing editor changes nothing and returns to the choice", async () => {
    const s = setup([ALPHA_DE()], ["e", "m"], { editor: () => ({ kind: "failed", code: 1, signal: null }) });
    const result = await s.run();
    expect(s.asked.map((a) => a.kind)).toEqual(["key", "key"]);
    expect(s.notices()).toEqual(["EDITOR_FAILED", "MARKED"]);
    const failed = s.events.find((e) => e.type === "notice" && e.code === "EDITOR_FAILED");
    expect(failed).toMatchObject({ args: { code: 1, path: "posts/de/alpha.md" } });
    expect(s.marks.map((m) => m.expected)).toEqual([ALPHA_DE().text]);
    expect(result.outcomes).toEqual(["marked"]);
  });

  it("e with an editor that can't start says so and returns to the choice", async () => {
    const s = setup([ALPHA_DE()], ["e", "s"], { editor: () => ({ kind: "not-found", command: "nosuchedit" }) });
    await s.run();
    expect(s.events).toContainEqual({ type: "notice", code: "EDITOR_NOT_FOUND", args: { command: "nosuchedit" } });
    expect(s.marks).toEqual([]);
  });

  it("e with an editor ended by Ctrl-C ends the session as interrupted", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "e"], { editor: () => ({ kind: "interrupted" }) });
    const result = await s.run();
    expect(result.summary.ending).toBe("interrupted");
    expect(result.outcomes).toEqual(["marked", "left"]);
  });

  it("m: marks without editing", async () => {
    const s = setup([ALPHA_DE()], ["m"]);
    const result = await s.run();
    expect(s.edits).toEqual([]);
    expect(s.marks).toEqual([{ path: "posts/de/alpha.md", commit: SOURCE_SHA, expected: ALPHA_DE().text }]);
    expect(result.summary.counts.marked).toBe(1);
  });

  it("m with --commit commits that translation after marking it", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "e", true], { commit: true });
    const result = await s.run();
    expect(s.commits).toEqual(["posts/de/alpha.md", "posts/de/beta.md"]);
    expect(s.notices()).toEqual(["MARKED", "COMMITTED", "MARKED", "COMMITTED"]);
    expect(result.summary.committed).toBe(2);
  });

  it("a failed commit is reported; the mark stays and the session goes on", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "s"], { commit: true });
    s.failCommitWith(new TranstrackError("GIT_FAILED", { command: "commit", reason: "hook" }));
    const result = await s.run();
    expect(s.events).toContainEqual({ type: "error", code: "GIT_FAILED", args: { command: "commit", reason: "hook" } });
    expect(s.notices()).toEqual(["MARKED", "COMMIT_FAILED"]);
    expect(result.outcomes).toEqual(["marked", "skipped"]);
    expect(result.summary.committed).toBe(0);
  });

  it("s: skips without writing", async () => {
    const s = setup([ALPHA_DE()], ["s"]);
    const result = await s.run();
    expect(s.marks).toEqual([]);
    expect(result.summary.counts).toEqual({ edited: 0, marked: 0, skipped: 1, resolved: 0, left: 0 });
  });

  it("w: toggles line and word diff, shows it again, and keeps the mode for the next item", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["w", "w", "w", "s", "?", "s"]);
    await s.run();
    const diffs = s.shown("diff") as Extract<SessionEvent, { type: "diff" }>[];
    expect(diffs.map((d) => [d.mode, d.full])).toEqual([
      ["word", false],
      ["line", false],
      ["word", false],
    ]);
    const itemsShown = s.shown("item") as Extract<SessionEvent, { type: "item" }>[];
    expect(itemsShown.map((e) => e.mode)).toEqual(["line", "word"]);
    expect(s.shown("help")).toEqual([{ type: "help", mode: "word" }]);
  });

  it("v: pages the diff in the current mode and returns to the choice", async () => {
    const s = setup([ALPHA_DE()], ["v", "w", "v", "s"]);
    await s.run();
    expect(s.pages).toEqual(["line", "word"]);
    expect(s.asked).toHaveLength(4);
  });

  it("v without a pager shows the whole diff instead", async () => {
    const s = setup([ALPHA_DE()], ["v", "s"], { pager: { kind: "not-found", command: "less" } });
    await s.run();
    expect(s.notices()).toEqual(["PAGER_NOT_FOUND"]);
    expect(s.shown("diff")).toMatchObject([{ mode: "line", full: true }]);
  });

  it("?: shows the help and asks again", async () => {
    const s = setup([ALPHA_DE()], ["?", "s"]);
    await s.run();
    expect(s.shown("help")).toEqual([{ type: "help", mode: "line" }]);
    expect(s.asked.map((a) => a.kind)).toEqual(["key", "key"]);
  });

  it("q midway: ends at once; what was done stays, the rest is left", async () => {
    const s = setup([ALPHA_DE(), BETA_DE(), ALPHA_ZH()], ["m", "q"]);
    const result = await s.run();
    expect(s.answers).toEqual([]);
    expect(s.asked).toHaveLength(2);
    expect(result.outcomes).toEqual(["marked", "left", "left"]);
    expect(result.summary).toMatchObject({ ending: "quit", total: 3, counts: { edited: 0, marked: 1, skipped: 0, resolved: 0, left: 2 } });
    expect(s.events.at(-1)).toMatchObject({ type: "summary" });
  });

  it("Ctrl-C at a prompt ends the session as interrupted; earlier marks stay", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "e", "cancel"]);
    const result = await s.run();
    expect(result.summary.ending).toBe("interrupted");
    expect(result.outcomes).toEqual(["marked", "left"]);
    expect(s.marks.map((m) => m.path)).toEqual(["posts/de/alpha.md"]);
    // The edit made before the Ctrl-C is on disk, not marked.
    expect(result.summary.unmarkedEdits).toEqual(["posts/de/beta.md"]);
  });

  it("a file changed on disk is not overwritten: the session says so, re-reads it and asks again", async () => {
    const s = setup([ALPHA_DE()], ["m", "m"]);
    s.files.set("posts/de/alpha.md", "---\nlang: de\n---\nchanged by git pull\n");
    const result = await s.run();
    expect(s.notices()).toEqual(["FILE_CHANGED", "MARKED"]);
    expect(s.refreshed).toEqual(["posts/de/alpha.md"]);
    expect(s.shown("item")).toHaveLength(2);
    // The second mark is of the text as it now is, and keeps that text.
    expect(s.marks.map((m) => m.expected)).toEqual(["---\nlang: de\n---\nchanged by git pull\n"]);
    expect(s.files.get("posts/de/alpha.md")).toContain("changed by git pull");
    expect(result.outcomes).toEqual(["marked"]);
  });

  it("a file changed on disk that is now up to date is counted as resolved", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "s"]);
    s.files.set("posts/de/alpha.md", "---\nlang: de\nsource_commit: abc\n---\n");
    s.onRefresh(() => null);
    const result = await s.run();
    expect(s.notices()).toEqual(["FILE_CHANGED", "NO_LONGER_STALE"]);
    expect(s.marks).toEqual([]);
    expect(result.outcomes).toEqual(["resolved", "skipped"]);
  });

  it("an edit left unmarked is not reported as such once someone else brought the file up to date", async () => {
    const s = setup([ALPHA_DE()], ["e", false, "m"]);
    s.onRefresh(() => null);
    const original = s.store.mark.bind(s.store);
    s.store.mark = async (i, expected) => {
      s.files.set(i.entry.translation, "marked elsewhere\n");
      return original(i, expected);
    };
    const result = await s.run();
    expect(s.notices()).toEqual(["NOT_MARKED", "FILE_CHANGED", "NO_LONGER_STALE"]);
    expect(result.outcomes).toEqual(["resolved"]);
    expect(result.summary.unmarkedEdits).toEqual([]);
  });

  it("a file changed on disk before e is re-read before the editor opens", async () => {
    const s = setup([ALPHA_DE()], ["e", "s"]);
    s.files.set("posts/de/alpha.md", "other\n");
    await s.run();
    expect(s.edits).toEqual([]);
    expect(s.notices()).toEqual(["FILE_CHANGED"]);
  });

  it("a file deleted on disk is reported and nothing is written", async () => {
    const s = setup([ALPHA_DE()], ["e", "s"]);
    s.files.delete("posts/de/alpha.md");
    await s.run();
    expect(s.edits).toEqual([]);
    expect(s.notices()).toEqual(["FILE_MISSING"]);
  });

  it("a mark refused for another reason is shown as its error and returns to the choice", async () => {
    const s = setup([ALPHA_DE()], ["m", "s"]);
    s.failMarkWith(new TranstrackError("UNTERMINATED_FRONT_MATTER"));
    const result = await s.run();
    expect(s.events).toContainEqual({ type: "error", code: "UNTERMINATED_FRONT_MATTER", args: {} });
    expect(s.notices()).toEqual(["MARK_FAILED"]);
    expect(result.outcomes).toEqual(["skipped"]);
  });

  it("an unexpected failure shows the summary of what was saved, then surfaces", async () => {
    const s = setup([ALPHA_DE(), BETA_DE()], ["m", "m"]);
    const boom = new Error("disk on fire");
    const original = s.store.mark.bind(s.store);
    let calls = 0;
    s.store.mark = async (i, expected) => {
      if (++calls === 2) throw boom;
      return original(i, expected);
    };
    await expect(s.run()).rejects.toBe(boom);
    expect(s.events.at(-1)).toMatchObject({ type: "summary", summary: { ending: "failed", counts: { marked: 1, left: 1 } } });
  });
});

describe("stale entries", () => {
  it("are the stale translations only, by translation path then language", () => {
    const base = { baseline: null, sourceCommit: SOURCE_SHA, commitsBehind: 1, linesAdded: 0, linesRemoved: 0, staleSince: null, problems: [] };
    const report: Report = {
      schemaVersion: 1,
      head: SOURCE_SHA,
      languages: ["de", "zh"],
      summary: {},
      problems: [],
      translations: [
        { ...base, lang: "zh", source: "posts/en/b.md", translation: "posts/zh/b.md", status: "stale" },
        { ...base, lang: "de", source: "posts/en/b.md", translation: "posts/de/b.md", status: "stale" },
        { ...base, lang: "de", source: "posts/en/a.md", translation: "posts/de/a.md", status: "up-to-date" },
        { ...base, lang: "de", source: "posts/en/c.md", translation: null, status: "missing" },
        { ...base, lang: "fr", source: "x.md", translation: "x.fr.md", status: "stale" },
        { ...base, lang: "de", source: "x.md", translation: "x.fr.md", status: "stale" },
        { ...base, lang: "de", source: "posts/en/Z.md", translation: "posts/de/Z.md", status: "stale" },
      ],
    };
    expect(staleEntries(report).map((e) => `${e.translation}:${e.lang}`)).toEqual([
      "posts/de/Z.md:de",
      "posts/de/b.md:de",
      "posts/zh/b.md:zh",
      "x.fr.md:de",
      "x.fr.md:fr",
    ]);
  });
});
