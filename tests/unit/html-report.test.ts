import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newEntry, type Entry, type Report } from "../../src/core/types.js";
import { escapeHtml, renderHtmlReport, type HtmlReportInput } from "../../src/render/html-report.js";
import { lineDiff, type ChangeDiff } from "../../src/report/line-diff.js";

const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const HOSTILE = "posts/de/<img src=x onerror=alert(1)>.md";
const QUOTES = `posts/de/it's "quoted".md`;

function entry(fields: Partial<Entry> & Pick<Entry, "lang" | "status">): Entry {
  return newEntry({ source: null, translation: null, ...fields });
}

const translations: Entry[] = [
  entry({ lang: "de", status: "stale", source: "posts/en/<img src=x onerror=alert(1)>.md", translation: HOSTILE, baseline: BASE, commitsBehind: 2, linesAdded: 3, linesRemoved: 1, staleSince: "2026-05-01T10:00:00Z" }),
  entry({ lang: "de", status: "up-to-date", source: "posts/en/b.md", translation: QUOTES, baseline: BASE }),
  entry({ lang: "de", status: "missing", source: "posts/en/</ul><script>alert(1)</script>.md" }),
  entry({
    lang: "zh",
    status: "orphaned",
    source: "posts/en/gone.md",
    translation: "posts/zh/gone.md",
    problems: [{ code: "SOURCE_NOT_FOUND", file: "posts/zh/gone.md", args: { source: "<svg onload=alert(1)>" } }],
  }),
  entry({ lang: "zh", status: "invalid", source: null, translation: "posts/zh/bad.md", problems: [{ code: "INVALID_FRONT_MATTER", file: "posts/zh/bad.md", line: 3, args: { reason: "</td><iframe>" } }] }),
  entry({ lang: "zh", status: "stale", source: "posts/en/long.md", translation: "posts/zh/long.md", baseline: BASE, commitsBehind: 1, linesAdded: 500, linesRemoved: 0, staleSince: "2026-04-01T10:00:00Z" }),
];

const report: Report = {
  schemaVersion: 1,
  head: HEAD,
  languages: ["de", "zh"],
  summary: {
    de: { "up-to-date": 1, stale: 1, missing: 1, orphaned: 0, invalid: 0, unknown: 0 },
    zh: { "up-to-date": 0, stale: 1, missing: 0, orphaned: 1, invalid: 1, unknown: 0 },
  },
  translations,
  problems: translations.flatMap((e) => e.problems),
};

const hostileDiff = lineDiff("---\ntitle: x\n---\n<p>old</p>\nkeep\n", "---\ntitle: x\n---\n<script>alert(1)</script>\nkeep\nadded\nmore\n", { from: BASE.slice(0, 12), to: "HEAD" });
const longDiff = lineDiff("", Array.from({ length: 500 }, (_, i) => `line ${i}`).join("\n"), { from: BASE.slice(0, 12), to: "HEAD" }, { maxLines: 50, maxLineLength: 100 });
const diffs = new Map<string, ChangeDiff>([
  [HOSTILE, hostileDiff],
  ["posts/zh/long.md", longDiff],
]);

/** Echoes the key and its arguments, so hostile arguments reach the page and words stay out of the assertions. */
const t = (key: string, args?: Record<string, unknown>) => (args && Object.keys(args).length ? `${key} ${JSON.stringify(args)}` : key);

function render(overrides: Partial<HtmlReportInput> = {}): string {
  return renderHtmlReport({
    report,
    diffs,
    titles: new Map([[HOSTILE, "<b onmouseover=alert(1)>title</b>"]]),
    t,
    locale: "de",
    generatedAt: new Date("2026-06-01T12:00:00Z"),
    timeZone: "UTC",
    version: "1.2.3",
    ...overrides,
  });
}

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;
const attrs = (text: string, name: string) => [...text.matchAll(new RegExp(`<tbody class="entry"[^>]*\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]);

describe("escapeHtml", () => {
  it("escapes every character that could open a tag or close an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("renderHtmlReport", () => {
  const page = render();

  it("lets no tag from paths, titles, problem arguments or diffs through", () => {
    for (const raw of ["<img", "<svg", "<iframe", "<b ", "<p>", "</ul><script"]) expect(page).not.toContain(raw);
    // The page's own script is the only one, and it is the last element of the body.
    expect(count(page, /<script/g)).toBe(1);
    expect(page).toMatch(/<script>[^<]*(<(?!\/script>)[^<]*)*<\/script>\n<\/body>/);
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;.md");
    expect(page).toContain("&lt;b onmouseover=alert(1)&gt;title&lt;/b&gt;");
  });

  it("escapes quotes inside attribute values", () => {
    expect(attrs(page, "data-translation")).toContain("posts/de/it&#39;s &quot;quoted&quot;.md");
    // No attribute value is cut short by a quote from the data: every tbody tag is well formed.
    expect(count(page, /<tbody class="entry"(\s[a-z-]+="[^"]*")+>/g)).toBe(5);
  });

  it("has one table body per listed translation, with its status, and missing ones in their own list", () => {
    expect(attrs(page, "data-status")).toEqual(["stale", "up-to-date", "orphaned", "invalid", "stale"]);
    expect(attrs(page, "data-lang")).toEqual(["de", "de", "zh", "zh", "zh"]);
    expect(attrs(page, "data-index")).toEqual(["0", "1", "2", "3", "4"]);
    expect(count(page, /<th scope="row">/g)).toBe(5 + report.problems.length);
    expect(count(page, /<th scope="col"/g)).toBe(7 + 4);
    expect(count(page, /<details class="missing-group" data-lang="de"/g)).toBe(1);
    expect(count(page, /<details class="missing-group" data-lang="zh"/g)).toBe(0);
    expect(count(page, /<li data-source="/g)).toBe(1);
  });

  it("marks own-language copies, and shows where a missing translation would be written", () => {
    const blog: Report = {
      ...report,
      translations: [
        entry({ lang: "zh", status: "up-to-date", source: "notes/2025-01-16-moral-zh.md", translation: "_posts/zh/2025-01-16-moral-zh.md", baseline: BASE, copy: true }),
        entry({ lang: "de", status: "up-to-date", source: "notes/2025-01-16-moral-zh.md", translation: "_posts/de/2025-01-16-moral-de.md", baseline: BASE }),
        entry({ lang: "de", status: "missing", source: "original/2014-02-05-pg-en.md", expectedPath: "_posts/de/2014-02-05-pg-de.md" }),
        entry({ lang: "de", status: "missing", source: "posts/en/elsewhere.md", expectedPath: null }),
      ],
    };
    const page = render({ report: blog, diffs: new Map() });
    expect(count(page, /data-copy="true"/g)).toBe(1);
    expect(page).toMatch(/data-translation="_posts\/zh\/2025-01-16-moral-zh\.md"[^]*?data-copy="true"/);
    expect([...page.matchAll(/<li data-source="[^"]*" data-expected="([^"]*)"/g)].map((m) => m[1])).toEqual(["_posts/de/2014-02-05-pg-de.md", ""]);
    expect(count(page, /class="expected"/g)).toBe(1);
  });

  it("carries sortable values on each entry", () => {
    expect(attrs(page, "data-behind")).toEqual(["2", "0", "", "", "1"]);
    expect(attrs(page, "data-lines")).toEqual(["4", "", "", "", "500"]);
    expect(attrs(page, "data-since")).toEqual(["2026-05-01T10:00:00Z", "", "", "", "2026-04-01T10:00:00Z"]);
    expect(count(page, /<th scope="col"[^>]* data-sort="/g)).toBe(7);
  });

  it("shows a stale entry's change as a diff with added and removed lines", () => {
    expect(count(page, /<details class="change">/g)).toBe(2);
    expect(hostileDiff.lines.filter((l) => l.kind === "added")).toHaveLength(3);
    expect(hostileDiff.lines.filter((l) => l.kind === "removed")).toHaveLength(1);
    expect(count(page, /class="ln added"/g)).toBe(3 + 50 - 1); // the long diff's first line is its hunk header
    expect(count(page, /class="ln removed"/g)).toBe(1);
    expect(page).toContain("report.diffTruncated");
    expect(page).toContain("&quot;shown&quot;:50,&quot;total&quot;:502"); // a hunk header, 500 lines, and the missing final newline
  });

  it("summarises every status of every language, with bar segments sized by class", () => {
    expect(count(page, /<article class="card panel" data-lang="/g)).toBe(2);
    expect(count(page, /<li class="[^"]*" data-status="/g)).toBe(2 * 6);
    expect(page).toContain('data-status="orphaned" data-count="1"');
    expect(count(page, /<span class="fill-[a-z-]+ g-1"/g)).toBe(6);
    expect(page).toContain(".bar > .g-1 { flex-grow: 1; }");
    expect(page).not.toMatch(/\sstyle="/);
  });

  it("lists problems with file, line and code", () => {
    expect(count(page, /<tr class="problem" data-code="(SOURCE_NOT_FOUND|INVALID_FRONT_MATTER)"/g)).toBe(2);
    expect(page).toMatch(/data-file="posts\/zh\/bad.md"><th scope="row">.*?<td class="num">3<\/td>/);
  });

  it("allows only its own inline style and script, by hash, and fetches nothing", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replace(/&#39;/g, "'");
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    const sha = (s: string) => createHash("sha256").update(s).digest("base64");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${sha(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${sha(script)}'`);
    expect(csp).not.toContain("unsafe");
    expect(page).not.toMatch(/\s(?:src|srcset|action|poster|data)="|https?:|url\(|@import/);
    expect([...page.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1])).toEqual(["#translations"]);
  });

  it("speaks the CLI's locale and falls back to English for a tag Intl rejects", () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="de">/);
    expect(render({ locale: "not a tag!" })).toMatch(/<html lang="en">/);
    expect(page).toContain(`<code data-head="${HEAD}">`);
    expect(page).toContain('<time datetime="2026-06-01T12:00:00.000Z">');
  });

  it("renders an empty report without a table", () => {
    const empty = render({ report: { ...report, languages: [], summary: {}, translations: [], problems: [] }, diffs: new Map() });
    expect(count(empty, /<tbody class="entry"/g)).toBe(0);
    expect(empty).not.toContain('id="tt-table"');
    expect(empty).toContain("status.noTranslations");
  });
});

describe("lineDiff", () => {
  it("numbers lines on both sides and ignores line endings", () => {
    const diff = lineDiff("a\r\nb\r\nc\r\n", "a\nB\nc\n", { from: "x", to: "HEAD" });
    expect(diff.lines.map((l) => [l.kind, l.oldLine ?? null, l.newLine ?? null, l.text])).toEqual([
      ["hunk", null, null, "@@ -1,3 +1,3 @@"],
      ["context", 1, 1, "a"],
      ["removed", 2, null, "b"],
      ["added", null, 2, "B"],
      ["context", 3, 3, "c"],
    ]);
    expect(diff.totalLines).toBe(5);
  });

  it("marks a missing final newline and cuts long diffs and lines", () => {
    expect(lineDiff("a", "b", { from: "x", to: "HEAD" }).lines.map((l) => l.kind)).toEqual(["hunk", "removed", "noNewline", "added", "noNewline"]);
    const cut = lineDiff("", `${"x".repeat(50)}\ny\nz\n`, { from: "x", to: "HEAD" }, { maxLines: 2, maxLineLength: 10 });
    expect(cut.lines).toHaveLength(2);
    expect(cut.totalLines).toBe(4);
    expect(cut.lines[1]!.text).toBe(`${"x".repeat(10)}…`);
    expect(lineDiff("same\n", "same\n", { from: "x", to: "HEAD" }).lines).toEqual([]);
  });
});
