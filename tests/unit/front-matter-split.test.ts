import { describe, expect, it } from "vitest";
import { FrontMatterEditError, getFrontMatterRange, setFrontMatterKey } from "../../src/posts/edit-front-matter.js";
import { parseFrontMatter, type ParsedFrontMatter } from "../../src/posts/front-matter.js";
import { findFrontMatter, type FrontMatterSplit } from "../../src/posts/front-matter-split.js";
import { frontMatterEnd, frontMatterEndBytes, splitFrontMatter } from "../../src/status/front-matter-block.js";
import { thrown } from "../helpers/thrown.js";

const SHA = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

/** A post, and what the one rule must make of it. */
interface Case {
  name: string;
  text: string;
  split: Partial<FrontMatterSplit> & { kind: FrontMatterSplit["kind"] };
  /** What the reader reads: data and body, or a refusal on this line. */
  read: { data: Record<string, unknown>; body: string } | { line: number };
}

const CASES: Case[] = [
  {
    name: "a ----- line between keys, which gray-matter alone would take for the closing line",
    text: "---\ntitle: a\n-----\nlang: de\n---\nbody",
    split: { kind: "block", yamlStart: 4, yamlEnd: 28, bodyStart: 32 },
    read: { line: 4 },
  },
  {
    name: "a ---x line inside the block",
    text: "---\ntitle: a\n---x\nlang: de\n---\nbody\n",
    split: { kind: "block", yamlStart: 4, yamlEnd: 27 },
    read: { line: 4 },
  },
  { name: "---x as the opening line: a language", text: "---x\ntitle: a\n---\nbody\n", split: { kind: "block", language: "x" }, read: { line: 1 } },
  { name: "---yaml as the opening line", text: "---yaml\ntitle: a\n---\nbody\n", split: { kind: "block", language: "yaml" }, read: { data: { title: "a" }, body: "body\n" } },
  { name: "a ... closing line", text: "---\ntitle: a\n...\nbody\n", split: { kind: "block", yamlEnd: 13, closeEnd: 16 }, read: { data: { title: "a" }, body: "body\n" } },
  {
    name: "a ... closing line with trailing spaces and tabs, then a --- line in the body",
    text: "---\ntitle: a\n... \t\n---\nbody\n",
    split: { kind: "block", bodyStart: 19 },
    read: { data: { title: "a" }, body: "---\nbody\n" },
  },
  { name: "a ---- line inside the block", text: "---\ntitle: a\n----\n---\nbody\n", split: { kind: "block", yamlEnd: 18 }, read: { line: 4 } },
  {
    name: "---- and --- lines inside a block scalar",
    text: "---\ntext: |\n  ----\n  ---\ntitle: a\n---\nbody\n",
    split: { kind: "block" },
    read: { data: { text: "----\n---\n", title: "a" }, body: "body\n" },
  },
  { name: "---- as the first line: no block", text: "----\ntitle: a\n---\n", split: { kind: "none", bodyStart: 0 }, read: { data: {}, body: "----\ntitle: a\n---\n" } },
  {
    name: "CRLF line endings",
    text: "---\r\ntitle: a\r\nlang: de\r\n---\r\nbody\r\n",
    split: { kind: "block", eol: "\r\n", yamlStart: 5, yamlEnd: 25, closeEnd: 28, bodyStart: 30 },
    read: { data: { title: "a", lang: "de" }, body: "body\r\n" },
  },
  {
    name: "a byte-order mark",
    text: "\uFEFF---\ntitle: Grüße\n---\nbody\n",
    split: { kind: "block", bom: true, yamlStart: 5 },
    read: { data: { title: "Grüße" }, body: "body\n" },
  },
  { name: "two byte-order marks: the second is text", text: "\uFEFF\uFEFF---\ntitle: a\n---\n", split: { kind: "none", bom: true, bodyStart: 1 }, read: { data: {}, body: "\uFEFF---\ntitle: a\n---\n" } },
  { name: "no closing line at all", text: "---\ntitle: a\nlang: de\nbody\n", split: { kind: "unclosed", yamlStart: 4 }, read: { line: 1 } },
  { name: "an opening line that ends the text", text: "---", split: { kind: "unclosed" }, read: { line: 1 } },
  { name: "an empty block", text: "---\n---\nbody\n", split: { kind: "block", yamlStart: 4, yamlEnd: 4, bodyStart: 8 }, read: { data: {}, body: "body\n" } },
  { name: "an empty block closed by ... at the end of the text", text: "---\n...", split: { kind: "block", yamlEnd: 4, closeEnd: 7, bodyStart: 7 }, read: { data: {}, body: "" } },
  { name: "no front-matter", text: "# Title\n\n---\n", split: { kind: "none", bodyStart: 0 }, read: { data: {}, body: "# Title\n\n---\n" } },
];

/** The reader's verdict in the terms of a case. */
function verdict(parsed: ParsedFrontMatter): Case["read"] {
  return parsed.ok ? { data: parsed.data, body: parsed.body } : { line: parsed.line! };
}

describe.each(CASES)("$name", ({ text, split: expected, read }) => {
  const split = findFrontMatter(text);

  it("is split as the rule says, and read so", () => {
    expect(split).toMatchObject(expected);
    expect(verdict(parseFrontMatter(text))).toEqual(read);
    const parsed = parseFrontMatter(text);
    if (parsed.ok && split.kind === "block") expect(parsed.matter).toBe(text.slice(split.yamlStart, split.yamlEnd));
  });

  it("is split at the same places in its UTF-8 bytes", () => {
    const bytes = Buffer.from(text, "utf8");
    const inBytes = findFrontMatter(bytes);
    const byteOffset = (offset: number) => Buffer.byteLength(text.slice(0, offset));
    const offsets = (s: FrontMatterSplit) => Object.entries(s).filter(([, v]) => typeof v === "number");
    expect({ ...inBytes, ...Object.fromEntries(offsets(inBytes)) }).toEqual({ ...split, ...Object.fromEntries(offsets(split).map(([k, v]) => [k, byteOffset(v as number)])) });
    expect(frontMatterEndBytes(bytes)).toBe(byteOffset(frontMatterEnd(text)));
  });

  it("reads the same from the head alone, as the fast path does", () => {
    const bytes = Buffer.from(text, "utf8");
    const head = bytes.toString("utf8", 0, frontMatterEndBytes(bytes));
    const whole = parseFrontMatter(text);
    const fromHead = parseFrontMatter(head);
    expect(fromHead.ok).toBe(whole.ok);
    if (whole.ok && fromHead.ok) {
      expect(fromHead.data).toEqual(whole.data);
      expect(splitFrontMatter(text)).toEqual({ head, body: whole.body });
    } else if (!whole.ok && !fromHead.ok) {
      expect(fromHead.line).toBe(whole.line);
    }
  });

  it("is edited by mark so that the reader reads the new value, or not at all", () => {
    const parsed = parseFrontMatter(text);
    if (!parsed.ok) {
      const error = thrown(() => setFrontMatterKey(text, "source_commit", SHA));
      expect(error).toBeInstanceOf(FrontMatterEditError);
      expect((error as FrontMatterEditError).code).toBe(split.kind === "unclosed" ? "UNTERMINATED_FRONT_MATTER" : "UNSAFE_FRONT_MATTER_EDIT");
      return;
    }
    const edited = setFrontMatterKey(text, "source_commit", SHA);
    const after = parseFrontMatter(edited);
    expect(after).toMatchObject({ ok: true, data: { ...parsed.data, source_commit: SHA }, body: parsed.body });
    // The fast path, which decodes only the head, reads the new value too.
    const bytes = Buffer.from(edited, "utf8");
    expect(parseFrontMatter(bytes.toString("utf8", 0, frontMatterEndBytes(bytes)))).toMatchObject({ ok: true, data: { source_commit: SHA } });
    // Marking again changes nothing.
    expect(setFrontMatterKey(edited, "source_commit", SHA)).toBe(edited);
  });

  it("gives the editor's range where the reader's block is", () => {
    if (split.kind === "unclosed") expect(() => getFrontMatterRange(text)).toThrow(FrontMatterEditError);
    else if (split.kind === "none") expect(getFrontMatterRange(text)).toBeNull();
    else expect(getFrontMatterRange(text)).toEqual({ start: split.yamlStart, end: split.yamlEnd, bodyStart: split.bodyStart });
  });
});
