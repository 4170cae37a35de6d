import pc from "picocolors";
import { describe, expect, it } from "vitest";
import type { StaleEntry, UpdateItem } from "../../src/update/items.js";
import { renderUpdateEvent, rowsOf } from "../../src/render/update-text.js";
import { displayWidth, printable } from "../../src/render/width.js";

const plain = pc.createColors(false);
const t = (key: string, args?: Record<string, unknown>) => `${key}${args ? JSON.stringify(args) : ""}`;

function longItem(lines: number, commits = 2): UpdateItem {
  const entry: StaleEntry = {
    lang: "de",
    source: "posts/en/a.md",
    translation: "posts/de/a.md",
    status: "stale",
    baseline: "b".repeat(40),
    sourceCommit: "c".repeat(40),
    commitsBehind: commits,
    linesAdded: lines,
    linesRemoved: 0,
    staleSince: "2026-05-01T10:00:00Z",
    problems: [],
  };
  const after = Array.from({ length: lines }, (_, i) => `line ${i}`).join("\n");
  return {
    entry,
    commits: Array.from({ length: commits }, (_, i) => ({ sha: `${i}`.repeat(40), short: `${i}`.repeat(7), date: "2026-05-01", subject: `Commit ${i}` })),
    change: { entry, before: "", after: `${after}\n`, afterLabel: "HEAD" },
    text: "",
  };
}

const screen = (rows: number, columns = 80) => ({ t, color: plain, rows, columns });

describe("update screen", () => {
  it("shows the header with position, paths, commits behind and the date", () => {
    const text = renderUpdateEvent({ type: "item", index: 1, total: 5, item: longItem(3), mode: "line" }, screen(40, 120));
    const header = text.split("\n")[1]!;
    expect(header).toBe('[2/5] posts/de/a.md ← posts/en/a.md · update.behind{"count":2} · update.staleSince{"date":"2026-05-01"}');
    // Narrower, it breaks between its parts, never inside the date.
    const narrow = renderUpdateEvent({ type: "item", index: 1, total: 5, item: longItem(3), mode: "line" }, screen(40, 70)).split("\n");
    expect(narrow.slice(1, 3)).toEqual(['[2/5] posts/de/a.md ← posts/en/a.md · update.behind{"count":2}', '      update.staleSince{"date":"2026-05-01"}']);
    expect(text).toContain("  0000000  2026-05-01  Commit 0");
  });

  it("shows a diff that fits whole", () => {
    const text = renderUpdateEvent({ type: "item", index: 0, total: 1, item: longItem(10), mode: "line" }, screen(40));
    expect(text).toContain("+line 9");
    expect(text).not.toContain("update.diffMore");
  });

  it("cuts a diff taller than the terminal and says how much is left", () => {
    const text = renderUpdateEvent({ type: "item", index: 0, total: 1, item: longItem(200), mode: "line" }, screen(30));
    // Everything, with the prompt below it, fits the 30 rows.
    expect(rowsOf(text, 80) + 3).toBeLessThanOrEqual(30);
    const more = /update\.diffMore(\{.*\})/.exec(text);
    expect(more).not.toBeNull();
    const args = JSON.parse(more![1]!) as { count: number; added: number };
    const shownDiffLines = text.split("\n").filter((l) => l.startsWith("+line")).length;
    expect(args.added).toBe(200);
    // Hidden lines: the +lines not shown (the diff also has its ---/+++/@@ headers, all shown).
    expect(args.count).toBe(200 - shownDiffLines);
  });

  it("lists at most ten commits and counts the rest", () => {
    const text = renderUpdateEvent({ type: "item", index: 0, total: 1, item: longItem(1, 14), mode: "line" }, screen(40));
    expect(text).toContain('update.moreCommits{"count":4}');
    expect(text).not.toContain("Commit 10");
  });

  it("counts wrapped lines and wide characters as the rows they take", () => {
    expect(displayWidth("\u001b[32m第一段\u001b[39m")).toBe(6);
    expect(rowsOf("x".repeat(81), 80)).toBe(2);
    expect(rowsOf("a\n\nb\n", 80)).toBe(3);
  });

  it("summarises the session in counts", () => {
    const text = renderUpdateEvent(
      { type: "summary", summary: { total: 4, counts: { edited: 1, marked: 1, skipped: 1, resolved: 0, left: 1 }, committed: 2, unmarkedEdits: ["posts/de/b.md"], ending: "quit" } },
      screen(40),
    );
    expect(text).toContain("update.summary.quit");
    for (const [key, count] of [["edited", 1], ["marked", 1], ["skipped", 1], ["left", 1], ["committed", 2]] as const) {
      expect(text).toContain(`update.summary.${key}{"count":${count}}`);
    }
    expect(text).not.toContain("update.summary.resolved");
    expect(text).toContain('update.summary.unmarked{"path":"posts/de/b.md"}');
    expect(text).toContain("update.summary.again");
  });
});

describe("printable", () => {
  it("shows control characters in file names instead of sending them to the terminal", () => {
    expect(printable("posts/de/x\u001b[31mred\n.md")).toBe("posts/de/x\\x1b[31mred\\x0a.md");
    expect(printable("posts/zh/第一段.md")).toBe("posts/zh/第一段.md");
  });

  it("fits every line it writes to the terminal's width, cutting a long commit subject at a word with …", () => {
    const item = longItem(3);
    item.commits[0]!.subject = "Add habits list to stale-translations post, mention translators in docs post";
    for (const columns of [60, 80]) {
      const s = { ...screen(40, columns), t: (key: string) => (key === "update.overviewHint" ? "For each one: e edit, m mark as up to date, s skip, w word or line diff, v pager, q quit, ? help" : key) };
      const text = [
        renderUpdateEvent({ type: "overview", count: 3, languages: ["de", "zh"] }, s),
        renderUpdateEvent({ type: "item", index: 0, total: 3, item, mode: "line" }, s),
        renderUpdateEvent({ type: "help", mode: "line" }, s),
      ].join("");
      for (const line of text.split("\n")) expect(displayWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns);
      const subject = text.split("\n").find((l) => l.includes("Add habits"))!;
      expect(subject).toMatch(/ [a-z-]+,?…$/);
    }
  });
});
