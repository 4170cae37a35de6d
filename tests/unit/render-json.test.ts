import { describe, expect, it } from "vitest";
import { newEntry, type Report } from "../../src/core/types.js";
import { renderJson, renderJsonParts } from "../../src/render/json.js";

/** A report with `n` entries, some with problems and names beyond ASCII. */
function report(n: number): Report {
  const translations = Array.from({ length: n }, (_, i) =>
    newEntry({ lang: i % 2 ? "de" : "zh", source: `posts/en/p${i}.md`, translation: i % 3 ? `posts/de/ü${i}.md` : null, status: i % 3 ? "stale" : "missing", ...(i % 7 === 0 ? { problems: [{ code: "SOURCE_MOVED", file: `posts/de/ü${i}.md`, args: { from: "a", to: "b" } }] } : {}) }),
  );
  return { schemaVersion: 1, head: "a".repeat(40), languages: ["de", "zh"], summary: {}, translations, problems: [{ code: "LANG_UNKNOWN", file: "x.md" }] };
}

describe("renderJsonParts", () => {
  it("writes exactly what renderJson writes, in pieces", () => {
    for (const n of [0, 1, 2, 2047, 2048, 2049, 5000]) {
      const parts = [...renderJsonParts(report(n))];
      expect(parts.join(""), `${n} entries`).toBe(renderJson(report(n)));
      if (n > 2048) expect(parts.length).toBeGreaterThan(3);
    }
  });
});
