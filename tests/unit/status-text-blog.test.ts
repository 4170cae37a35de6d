import { describe, expect, it } from "vitest";
import { newEntry, type Report } from "../../src/core/types.js";
import { renderCheckText } from "../../src/render/check-text.js";
import { renderStatus } from "../../src/render/status-text.js";

const plain = new Proxy({}, { get: () => (s: string) => s }) as Parameters<typeof renderStatus>[1]["color"];
/** Echoes the key, so the assertions hold in any locale. */
const t = (key: string) => `<${key}>`;

const report: Report = {
  schemaVersion: 1,
  head: "a".repeat(40),
  languages: ["de", "zh"],
  summary: {
    de: { "up-to-date": 0, stale: 0, missing: 2, orphaned: 0, invalid: 0, unknown: 0 },
    zh: { "up-to-date": 0, stale: 1, missing: 0, orphaned: 0, invalid: 0, unknown: 0 },
  },
  translations: [
    newEntry({ lang: "de", source: "original/2014-02-05-pg-en.md", translation: null, status: "missing", expectedPath: "_posts/de/2014-02-05-pg-de.md" }),
    newEntry({ lang: "de", source: "posts/en/a.md", translation: null, status: "missing", expectedPath: null }),
    newEntry({ lang: "zh", source: "notes/2025-01-16-moral-zh.md", translation: "_posts/zh/2025-01-16-moral-zh.md", status: "stale", commitsBehind: 1, copy: true }),
  ],
  problems: [],
};

const line = (text: string, path: string) => text.split("\n").find((l) => l.includes(path)) ?? "";

describe("status and check text on a blog with copies", () => {
  it("names a missing translation by the path it would have, and marks a copy", () => {
    const text = renderStatus(report, { all: true, missing: true, quiet: false, t, color: plain });
    expect(line(text, "_posts/de/2014-02-05-pg-de.md")).toContain("original/2014-02-05-pg-en.md");
    expect(line(text, "posts/en/a.md")).toContain("<status.noTranslation>");
    expect(line(text, "_posts/zh/2025-01-16-moral-zh.md")).toContain("<status.copy>");
    expect(line(text, "_posts/de/2014-02-05-pg-de.md")).not.toContain("<status.copy>");
  });

  it("does the same in check's text", () => {
    const violations = report.translations.map((e) => ({ code: e.status, lang: e.lang, translation: e.translation, source: e.source, days: null, line: null }));
    const text = renderCheckText({ report, violations, deferred: [], since: null, pathPrefix: "", t, color: plain, quiet: true });
    expect(line(text, "_posts/de/2014-02-05-pg-de.md")).toContain("<statusName.missing>");
    expect(line(text, "_posts/zh/2025-01-16-moral-zh.md")).toContain("<status.copy>");
  });
});
