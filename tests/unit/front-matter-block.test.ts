import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../src/posts/front-matter.js";
import { frontMatterEnd, frontMatterEndBytes, splitFrontMatter } from "../../src/status/front-matter-block.js";

const CASES = [
  "",
  "no front-matter at all\n",
  "---\ntitle: Hello\n---\nBody\n",
  "---\ntitle: Hello\n---\n\nBody after a blank line\n",
  "---\r\ntitle: CRLF\r\ndescription: two\r\n---\r\nBody\r\n",
  "\uFEFF---\ntitle: one BOM\n---\nBody\n",
  "\uFEFF\uFEFF---\ntitle: two BOMs\n---\nBody\n",
  "\uFEFF\uFEFF\uFEFF---\ntitle: three BOMs\n---\nBody\n",
  "---\n---\nempty block\n",
  "----\ntitle: four dashes is no delimiter\n---\n",
  "---yaml\ntitle: language named\n---\nBody\n",
  "---js\nmodule.exports = {}\n---\nrefused engine\n",
  "--- \ntitle: space after the delimiter\n---\nBody\n",
  "---\ntitle: unclosed\nbody never starts\n",
  "---\ntitle: closes early\n---more: text\nrest\n",
  "---\ntitle: \"unterminated\n---\nBody\n",
  "---\ntitle: Grüße 漢字 🎉\ndescription: |\n  a block\n  ---not a close\n---\nBödy\n",
  "---\nlist:\n  - a\n  - b\n...\n---\nBody\n",
  "---",
  "---\n",
  "---\ntitle: x\n---",
  "---\ntitle: a\n-----\nlang: de\n---\nbody",
  "---\ntitle: a\n---x\nlang: de\n---\nbody",
  "---\ntitle: a\n... \t\r\n---\nbody",
  "\uFEFF---\r\ntitle: a\r\n...",
];

describe("front-matter blocks", () => {
  it("parses the block alone exactly as the reader parses the whole post", () => {
    for (const text of CASES) {
      const whole = parseFrontMatter(text);
      const { head, body } = splitFrontMatter(text);
      const part = parseFrontMatter(head);
      expect(part.ok, JSON.stringify(text)).toBe(whole.ok);
      if (whole.ok && part.ok) {
        expect(part.data, JSON.stringify(text)).toEqual(whole.data);
        expect(body, JSON.stringify(text)).toBe(whole.body);
      } else if (!whole.ok && !part.ok) {
        expect(part.line, JSON.stringify(text)).toBe(whole.line);
      }
    }
  });

  it("finds the same end in bytes as in text", () => {
    for (const text of CASES) {
      const end = frontMatterEnd(text);
      expect(frontMatterEndBytes(Buffer.from(text, "utf8")), JSON.stringify(text)).toBe(Buffer.byteLength(text.slice(0, end)));
    }
  });

  it("ends the block right after the closing delimiter, or at the end when it is never closed", () => {
    expect(frontMatterEnd("---\na: 1\n---\nbody")).toBe("---\na: 1\n---".length);
    expect(frontMatterEnd("---\na: 1\n")).toBe("---\na: 1\n".length);
    expect(frontMatterEnd("# heading\n---\n")).toBe(0);
    expect(frontMatterEnd("---\na: 1\n-----\nb: 2\n---\nbody")).toBe("---\na: 1\n-----\nb: 2\n---".length);
    expect(frontMatterEnd("---\na: 1\n... \nbody")).toBe("---\na: 1\n... ".length);
  });
});
