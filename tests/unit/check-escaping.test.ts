import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, workflowCommand } from "../../src/render/check-github.js";
import { escapeXml } from "../../src/render/check-junit.js";
import { codeSpan, escapeMarkdown } from "../../src/render/check-markdown.js";

describe("workflow-command escaping", () => {
  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext%3A a%2Cb");
    // % first, so an escape already in the text is not mistaken for one of ours.
    expect(escapeProperty("%3A")).toBe("%253A");
  });

  it("builds `::command key=value,…::message`", () => {
    expect(workflowCommand("error", { file: "posts/de/a,b.md", line: 3, title: "T: x" }, "one\ntwo")).toBe(
      "::error file=posts/de/a%2Cb.md,line=3,title=T%3A x::one%0Atwo",
    );
    expect(workflowCommand("warning", {}, "m")).toBe("::warning::m");
  });
});

describe("XML escaping", () => {
  it("escapes markup and drops characters XML 1.0 can't carry, so any parser reads the text back", () => {
    const nasty = `a&b<c>"d"'e'\u0001\u001b[31m\uFFFE\uD800 line\nbreak\ttab`;
    const xml = `<r a="${escapeXml(nasty)}">${escapeXml(nasty)}</r>`;
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(xml);
    const expected = "a&b<c>\"d\"'e'\uFFFD\uFFFD[31m\uFFFD\uFFFD line\nbreak\ttab";
    expect(parsed.r.a).toBe(expected);
    expect(parsed.r["#text"]).toBe(expected);
  });
});

describe("Markdown escaping", () => {
  it("keeps names from opening HTML, links, emphasis or new table cells", () => {
    const text = escapeMarkdown("a|b <img src=x> [link](y) *em* _u_ `c`\nnext");
    expect(text).not.toMatch(/[<>|\n]/);
    expect(text).toContain("\\[link\\]");
    expect(text).toContain("\\*em\\*");
    expect(text).toContain("\\`c\\`");
  });

  it("shows a path as code that nothing in it can close", () => {
    expect(codeSpan("posts/de/a|b</code><b>.md")).toBe("<code>posts/de/a&#124;b&lt;/code&gt;&lt;b&gt;.md</code>");
  });
});
