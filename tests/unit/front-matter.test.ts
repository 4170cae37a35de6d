import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/posts/front-matter.js";

const matter = createRequire(import.meta.url)("gray-matter") as (text: string, options: object) => { data: unknown; content: string; matter: string };
const refuse = { parse: () => { throw new Error("refused"); } };

/** What gray-matter alone makes of a text, in parseFrontMatter's terms. */
function viaGrayMatter(text: string) {
  try {
    const file = matter(text.replace(/^\uFEFF/, ""), { language: "yaml", engines: { javascript: refuse, coffee: refuse, json: refuse, toml: refuse } });
    const data = file.data ?? {};
    // parseFrontMatter also refuses a block that is valid YAML but not a mapping.
    if (typeof data !== "object" || Array.isArray(data)) return { ok: false };
    // gray-matter leaves `matter` unset for an empty text; parseFrontMatter says "" (no block) for it too.
    return { ok: true, data, body: file.content, matter: file.matter ?? "" };
  } catch {
    return { ok: false };
  }
}

const BLOCKS = ["title: Hello\nlang: de\n", "title: 'Quoted: yes'\ntags:\n  - a\n  - b\n", "# only a comment\n", "", "\n", "  \n# c\n  # d\n\n", "#\n", "\t\n", "date: 2024-03-01\nweight: 012\n", "a: [x, y]\n", "bad: a: b\n", "dup: 1\ndup: 2\n", "nested:\n  key: v\n"];
const OPENINGS = ["---\n", "---\r\n", "\uFEFF---\n", "--- \n", "---yaml\n", "---js\n", "----\n", "", "\uFEFF\uFEFF---\n", " ---\n", "\n---\n", "--\n"];
const CLOSINGS = ["---\n", "---\r\n", "---", "----\n", "...\n", ""];
const BODIES = ["Body text.\n", "\r\nBody after CRLF.\n", "\n\nTwo blank lines.\n", "", "---\nA rule in the body.\n"];

describe("parseFrontMatter", () => {
  it("splits and reads every combination exactly as gray-matter does", () => {
    let cases = 0;
    for (const open of OPENINGS) {
      for (const block of BLOCKS) {
        for (const close of CLOSINGS) {
          for (const body of BODIES) {
            const text = `${open}${open.includes("\r") ? block.replace(/\n/g, "\r\n") : block}${close}${body}`;
            const got = parseFrontMatter(text);
            const want = viaGrayMatter(text);
            expect(got.ok, JSON.stringify(text)).toBe(want.ok);
            if (got.ok && want.ok) expect({ data: got.data, body: got.body, matter: got.matter }, JSON.stringify(text)).toEqual({ data: want.data, body: want.body, matter: want.matter });
            cases++;
          }
        }
      }
    }
    expect(cases).toBe(OPENINGS.length * BLOCKS.length * CLOSINGS.length * BODIES.length);
  });

  it("still refuses front-matter that would run code", () => {
    expect(parseFrontMatter("---js\nmodule.exports = { title: 'x' }\n---\n").ok).toBe(false);
  });
});
