import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { keyLine, parseFrontMatter } from "../../src/posts/front-matter.js";

const require = createRequire(import.meta.url);
const matter = require("gray-matter") as ((text: string, options: object) => { data: unknown; content: string }) & { engines: { yaml: { parse(text: string): unknown } } };
const refuse = { parse: () => { throw new Error("refused"); } };

/** What gray-matter alone makes of a whole text, in parseFrontMatter's terms. */
function viaGrayMatter(text: string) {
  try {
    const file = matter(text.replace(/^\uFEFF/, ""), { language: "yaml", engines: { javascript: refuse, coffee: refuse, json: refuse, toml: refuse } });
    const data = file.data ?? {};
    if (typeof data !== "object" || Array.isArray(data)) return { ok: false };
    return { ok: true, data, body: file.content };
  } catch {
    return { ok: false };
  }
}

// The rule written a second way, as Jekyll writes it: one regular expression over the text.
const BLOCK = /^\uFEFF?---(?!-)([^\n]*)\n((?:[^\n]*\n)*?)(?:---|\.\.\.)[ \t]*\r?(?:\n|$)/;

/** The block `BLOCK` finds, read by js-yaml (gray-matter's engine); no block means no front-matter unless it opens. */
function viaRegExp(text: string) {
  const m = BLOCK.exec(text);
  if (!m) return /^\uFEFF?---(?!-)/.test(text) ? { ok: false } : { ok: true, data: {}, body: text.replace(/^\uFEFF/, "") };
  if (!["", "yaml", "yml"].includes(m[1]!.trim().toLowerCase())) return { ok: false };
  try {
    const data = matter.engines.yaml.parse(m[2]!) ?? {};
    if (typeof data !== "object" || Array.isArray(data)) return { ok: false };
    return { ok: true, data, body: text.slice(m[0].length) };
  } catch {
    return { ok: false };
  }
}

const BLOCKS = ["title: Hello\nlang: de\n", "title: 'Quoted: yes'\ntags:\n  - a\n  - b\n", "# only a comment\n", "", "\n", "  \n# c\n  # d\n\n", "#\n", "\t\n", "date: 2024-03-01\nweight: 012\n", "a: [x, y]\n", "bad: a: b\n", "dup: 1\ndup: 2\n", "nested:\n  key: v\n", "-----\n", "a: 1\n---x\nb: 2\n", "text: |\n  ---\n  ...\n"];
const OPENINGS = ["---\n", "---\r\n", "\uFEFF---\n", "--- \n", "---yaml\n", "---YML\r\n", "---js\n", "----\n", "", "\uFEFF\uFEFF---\n", " ---\n", "\n---\n", "--\n", "---x\n"];
const CLOSINGS = ["---\n", "---\r\n", "---", "----\n", "...\n", "--- \t\n", "...\r\n", "---x\n", "--- x\n", ""];
const BODIES = ["Body text.\n", "\r\nBody after CRLF.\n", "\n\nTwo blank lines.\n", "", "---\nA rule in the body.\n", "...\n"];

/** Every combination of an opening, a block, a closing and a body, CRLF blocks under CRLF openings. */
function* combinations(openings: string[], closings: string[]): Generator<string> {
  for (const open of openings) {
    for (const block of BLOCKS) {
      for (const close of closings) {
        for (const body of BODIES) yield `${open}${open.includes("\r") ? block.replace(/\n/g, "\r\n") : block}${close}${body}`;
      }
    }
  }
}

describe("parseFrontMatter", () => {
  it("splits every combination as the rule written as one regular expression does, and reads it as js-yaml does", () => {
    let cases = 0;
    for (const text of combinations(OPENINGS, CLOSINGS)) {
      const got = parseFrontMatter(text);
      const want = viaRegExp(text);
      expect(got.ok, JSON.stringify(text)).toBe(want.ok);
      if (got.ok && want.ok) expect({ data: got.data, body: got.body }, JSON.stringify(text)).toEqual({ data: want.data, body: want.body });
      cases++;
    }
    expect(cases).toBe(OPENINGS.length * BLOCKS.length * CLOSINGS.length * BODIES.length);
  });

  it("reads ordinary posts exactly as gray-matter does", () => {
    const blocks = (text: string) => !/^-----$|^---x$/m.test(text);
    for (const text of combinations(["---\n", "---\r\n", "\uFEFF---\n", "---yaml\n", "----\n"], ["---\n", "---\r\n"])) {
      if (!blocks(text)) continue;
      const got = parseFrontMatter(text);
      const want = viaGrayMatter(text);
      expect(got.ok, JSON.stringify(text)).toBe(want.ok);
      if (got.ok && want.ok) expect({ data: got.data, body: got.body }, JSON.stringify(text)).toEqual({ data: want.data, body: want.body });
    }
  });

  it("gives the YAML as written, between the opening and the closing line", () => {
    const parsed = parseFrontMatter("\uFEFF---\r\ntitle: a\r\n...\r\nBody");
    expect(parsed).toEqual({ ok: true, data: { title: "a" }, body: "Body", matter: "title: a\r\n" });
  });

  it("refuses an unclosed block, and a language other than YAML, on the opening line", () => {
    expect(parseFrontMatter("---\ntitle: a\nBody\n")).toMatchObject({ ok: false, line: 1 });
    expect(parseFrontMatter("---")).toMatchObject({ ok: false, line: 1 });
    expect(parseFrontMatter("---toml\ntitle = 'a'\n---\n")).toMatchObject({ ok: false, line: 1 });
  });

  it("reports js-yaml's line as the post's line", () => {
    expect(parseFrontMatter("---\ntitle: a\nbad: a: b\n---\n")).toMatchObject({ ok: false, line: 3 });
    expect(parseFrontMatter("\uFEFF---yaml\r\ntitle: a\r\nbad: a: b\r\n---\r\n")).toMatchObject({ ok: false, line: 3 });
  });

  it("refuses an alias bomb with its own code, and keeps aliases that expand modestly", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [prev, name] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"], ["f", "g"], ["g", "h"], ["h", "i"]] as const) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    expect(parseFrontMatter(`---\n${levels.join("\n")}\ntitle: *i\n---\n`)).toMatchObject({ ok: false, code: "FRONT_MATTER_EXPANDS" });
    // One long string repeated by aliases grows as surely as nested lists do.
    const long = "x".repeat(100_000);
    expect(parseFrontMatter(`---\na: &a "${long}"\nb: [${Array(50).fill("*a").join(", ")}]\n---\n`)).toMatchObject({ ok: false, code: "FRONT_MATTER_EXPANDS" });
    const merged = parseFrontMatter("---\nbase: &base { layout: post, lang: de }\npost:\n  <<: *base\n  title: T\ntags: &t [a, b]\nalso: *t\n---\n");
    expect(merged).toMatchObject({ ok: true, data: { post: { layout: "post", lang: "de", title: "T" }, also: ["a", "b"] } });
  });

  it("refuses every front-matter language but YAML, Object.prototype's names included", () => {
    for (const language of ["constructor", "valueOf", "__lookupGetter__", "__proto__", "toString", "hasOwnProperty", "json", "js", "javascript", "coffee", "toml"]) {
      expect(parseFrontMatter(`---${language}\ntranslation_of: ../../etc/passwd\nsource_commit: --all\n---\nbody\n`)).toMatchObject({ ok: false, line: 1 });
    }
    for (const language of ["", "yaml", "YAML", " yaml ", "yml"]) expect(parseFrontMatter(`---${language}\ntitle: a\n---\n`).ok).toBe(true);
  });

  it("still refuses front-matter that would run code", () => {
    expect(parseFrontMatter("---js\nmodule.exports = { title: 'x' }\n---\n").ok).toBe(false);
  });
});

describe("keyLine", () => {
  it("finds keys only inside the block the reader reads", () => {
    expect(keyLine("---yaml\ntitle: a\nlang: de\n---\nlang: x\n", "lang")).toBe(3);
    expect(keyLine("---\ntitle: a\n...\nlang: de\n", "lang")).toBeNull();
    expect(keyLine("---\ntitle: a\n---x\nlang: de\n---\n", "lang")).toBe(4);
    expect(keyLine("---\ntitle: a\nlang: de\n", "lang")).toBeNull();
  });

  it("finds a nested key under its parent, and a top-level key spelled with the dots", () => {
    expect(keyLine("---\r\nsourceCommit: x\r\nl10n:\r\n  # why\r\n  sourceCommit: abc\r\n---\r\n", "l10n.sourceCommit")).toBe(5);
    expect(keyLine("---\nl10n.sourceCommit: abc\n---\n", "l10n.sourceCommit")).toBe(2);
    expect(keyLine("---\nother:\n  sourceCommit: abc\n---\n", "l10n.sourceCommit")).toBeNull();
  });
});
