import { describe, it, expect } from "vitest";
import matter from "gray-matter";
import {
  FrontMatterEditError,
  getFrontMatterRange,
  setFrontMatterKey,
  yamlScalar,
} from "../../src/posts/edit-front-matter.js";
import { thrown } from "../helpers/thrown.js";

const SHA = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

describe("setFrontMatterKey: replacing", () => {
  it("replaces the value of an existing key and nothing else", () => {
    const text = "---\ntitle: Hello\nsource_commit: abc123\ndate: 2024-01-01\n---\nBody\n";
    expect(setFrontMatterKey(text, "source_commit", SHA)).toBe(
      `---\ntitle: Hello\nsource_commit: ${SHA}\ndate: 2024-01-01\n---\nBody\n`,
    );
  });

  it("matches a double- or single-quoted key", () => {
    expect(setFrontMatterKey('---\n"source_commit": "abc"\n---\n', "source_commit", "def1")).toBe(
      "---\nsource_commit: def1\n---\n",
    );
    expect(setFrontMatterKey("---\n'source_commit': abc\n---\n", "source_commit", "def1")).toBe(
      "---\nsource_commit: def1\n---\n",
    );
  });

  it("keeps a trailing comment with its spacing", () => {
    const text = "---\nsource_commit: abc   # set by transtrack\n---\n";
    expect(setFrontMatterKey(text, "source_commit", "def1")).toBe("---\nsource_commit: def1   # set by transtrack\n---\n");
  });

  it("keeps a comment after a quoted value containing #", () => {
    const text = '---\nsource_commit: "a #b" # why\n---\n';
    expect(setFrontMatterKey(text, "source_commit", "def1")).toBe("---\nsource_commit: def1 # why\n---\n");
  });

  it("keeps comments, other keys, their quoting and order byte-identical", () => {
    const text = [
      "---",
      "# translated by hand",
      "title: 'It''s here'  # note",
      'tags: ["a", b]',
      "source_commit: old",
      "",
      "# trailing comment",
      "weird:    spacing",
      "---",
      "body",
    ].join("\n");
    const expected = text.replace("source_commit: old", "source_commit: new1");
    expect(setFrontMatterKey(text, "source_commit", "new1")).toBe(expected);
  });

  it("drops the continuation lines of an old block scalar", () => {
    const text = "---\nsource_commit: |\n  line one\n\n  line two\ntitle: T\n---\n";
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe("---\nsource_commit: abc1\ntitle: T\n---\n");
  });

  it("drops an old nested mapping or sequence but keeps comments among it", () => {
    const mapping = "---\nsource_commit:\n  # why\n  sha: x\ntitle: T\n---\n";
    expect(setFrontMatterKey(mapping, "source_commit", "abc1")).toBe("---\nsource_commit: abc1\n  # why\ntitle: T\n---\n");
    const sequence = "---\nsource_commit:\n- a\n- b\ntitle: T\n---\n";
    expect(setFrontMatterKey(sequence, "source_commit", "abc1")).toBe("---\nsource_commit: abc1\ntitle: T\n---\n");
  });

  it("drops the rest of a multi-line quoted value", () => {
    const text = '---\nsource_commit: "first\nsecond: x"\ntitle: T\n---\n';
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe("---\nsource_commit: abc1\ntitle: T\n---\n");
  });

  it("does not touch a key that merely starts with the same name", () => {
    const text = "---\nsource_commit_x: keep\n---\n";
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe("---\nsource_commit_x: keep\nsource_commit: abc1\n---\n");
  });

  it("does not touch a nested key of the same name", () => {
    const text = "---\ntranslation:\n  source_commit: keep\n---\n";
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe(
      "---\ntranslation:\n  source_commit: keep\nsource_commit: abc1\n---\n",
    );
  });

  it("ignores the key in the body, even after a later ---", () => {
    const text = "---\ntitle: T\n---\nText\n---\nsource_commit: body\n---\n";
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe(
      "---\ntitle: T\nsource_commit: abc1\n---\nText\n---\nsource_commit: body\n---\n",
    );
  });
});

describe("setFrontMatterKey: inserting", () => {
  it("inserts an absent key as the last front-matter line", () => {
    expect(setFrontMatterKey("---\ntitle: T\n---\nBody", "source_commit", SHA)).toBe(
      `---\ntitle: T\nsource_commit: ${SHA}\n---\nBody`,
    );
  });

  it("inserts into an empty front-matter", () => {
    expect(setFrontMatterKey("---\n---\n", "k", "v")).toBe("---\nk: v\n---\n");
  });

  it("accepts ... as the closing line, with trailing whitespace on the fences", () => {
    expect(setFrontMatterKey("--- \ntitle: T\n...\t\nBody\n", "k", "v")).toBe("--- \ntitle: T\nk: v\n...\t\nBody\n");
  });

  it("prepends a front-matter block when there is none", () => {
    expect(setFrontMatterKey("# Title\n\nText\n", "k", "v")).toBe("---\nk: v\n---\n# Title\n\nText\n");
    expect(setFrontMatterKey("one line", "k", "v")).toBe("---\nk: v\n---\none line");
  });

  it("writes just the block into an empty file", () => {
    expect(setFrontMatterKey("", "k", "v")).toBe("---\nk: v\n---\n");
  });

  it("edits the block the reader reads: opened by ---yaml, closed by neither ----- nor ---x", () => {
    expect(setFrontMatterKey("---yaml\ntitle: T\n---\nBody\n", "k", "v")).toBe("---yaml\ntitle: T\nk: v\n---\nBody\n");
    expect(setFrontMatterKey("---\ntext: |\n  -----\n  ---x\n---\n", "k", "v")).toBe("---\ntext: |\n  -----\n  ---x\nk: v\n---\n");
    expect(getFrontMatterRange("---\na: 1\n-----\n---x\n---\nBody")).toEqual({ start: 4, end: 20, bodyStart: 24 });
  });

  it("does not take a longer dash line for a fence", () => {
    expect(setFrontMatterKey("----\nx\n", "k", "v")).toBe("---\nk: v\n---\n----\nx\n");
  });
});

describe("setFrontMatterKey: bytes it must keep", () => {
  it("keeps a UTF-8 BOM in front", () => {
    expect(setFrontMatterKey("\uFEFF---\na: 1\n---\n", "a", "x1")).toBe("\uFEFF---\na: x1\n---\n");
    expect(setFrontMatterKey("\uFEFF---\n---\n", "a", "x1")).toBe("\uFEFF---\na: x1\n---\n");
    expect(setFrontMatterKey("\uFEFFBody\r\n", "a", "x1")).toBe("\uFEFF---\r\na: x1\r\n---\r\nBody\r\n");
  });

  it("keeps CRLF on replaced and inserted lines", () => {
    const text = "---\r\nsource_commit: old # c\r\ntitle: T\r\n---\r\nBody\r\n";
    expect(setFrontMatterKey(text, "source_commit", "abc1")).toBe("---\r\nsource_commit: abc1 # c\r\ntitle: T\r\n---\r\nBody\r\n");
    expect(setFrontMatterKey(text, "new_key", "abc1")).toBe(
      "---\r\nsource_commit: old # c\r\ntitle: T\r\nnew_key: abc1\r\n---\r\nBody\r\n",
    );
  });

  it("keeps the replaced line's own ending in a mixed file", () => {
    expect(setFrontMatterKey("---\na: 1\r\nb: 2\n---\n", "a", "x1")).toBe("---\na: x1\r\nb: 2\n---\n");
  });
});

describe("setFrontMatterKey: refusing", () => {
  it("throws UNTERMINATED_FRONT_MATTER rather than guess where it ends", () => {
    for (const text of ["---\ntitle: T\nBody\n", "---", "\uFEFF---\r\na: 1\r\n"]) {
      const error = thrown(() => setFrontMatterKey(text, "k", "v"));
      expect(error).toBeInstanceOf(FrontMatterEditError);
      expect((error as FrontMatterEditError).code).toBe("UNTERMINATED_FRONT_MATTER");
    }
  });
});

describe("setFrontMatterKey: refusing what the reader would not read back", () => {
  /** The code of the error an edit throws. */
  const refusal = (text: string) => {
    const error = thrown(() => setFrontMatterKey(text, "source_commit", "abc1"));
    expect(error).toBeInstanceOf(FrontMatterEditError);
    return { code: (error as FrontMatterEditError).code, args: (error as FrontMatterEditError).args };
  };

  it("throws UNSAFE_FRONT_MATTER_EDIT for duplicate keys, which the reader can't read", () => {
    expect(refusal("---\nsource_commit: one\nsource_commit: two\n---\n")).toEqual({ code: "UNSAFE_FRONT_MATTER_EDIT", args: { key: "source_commit" } });
  });

  it("throws UNSAFE_FRONT_MATTER_EDIT when the key is written in a form the line edit misses", () => {
    // An explicit key: appending a second `source_commit:` would make the block unreadable.
    expect(refusal("---\n? source_commit\n: old\ntitle: T\n---\n").code).toBe("UNSAFE_FRONT_MATTER_EDIT");
  });

  it("throws UNSAFE_FRONT_MATTER_EDIT for a block the reader refuses, rather than edit past it", () => {
    expect(refusal("---\ntitle: a\n-----\nlang: de\n---\nbody").code).toBe("UNSAFE_FRONT_MATTER_EDIT");
    expect(refusal("---toml\ntitle = 'a'\n---\nbody").code).toBe("UNSAFE_FRONT_MATTER_EDIT");
  });
});

describe("getFrontMatterRange", () => {
  it("gives the content and body offsets", () => {
    const text = "\uFEFF---\r\na: 1\r\n---\r\nBody";
    const range = getFrontMatterRange(text);
    expect(range).toEqual({ start: 6, end: 12, bodyStart: 17 });
    expect(text.slice(range!.start, range!.end)).toBe("a: 1\r\n");
    expect(text.slice(range!.bodyStart)).toBe("Body");
  });

  it("is null without front-matter and ends at the text when the fence is last", () => {
    expect(getFrontMatterRange("Body\n---\n")).toBeNull();
    expect(getFrontMatterRange("---\n---")).toEqual({ start: 4, end: 4, bodyStart: 7 });
  });
});

describe("yamlScalar", () => {
  it("leaves safe strings plain", () => {
    expect(yamlScalar(SHA)).toBe(SHA);
    expect(yamlScalar("abc1234")).toBe("abc1234");
    expect(yamlScalar("a:b#c")).toBe("a:b#c");
  });

  it("quotes strings that YAML would read differently", () => {
    expect(yamlScalar("")).toBe('""');
    expect(yamlScalar("a: b")).toBe('"a: b"');
    expect(yamlScalar("a #b")).toBe('"a #b"');
    expect(yamlScalar("- x")).toBe('"- x"');
    expect(yamlScalar("#x")).toBe('"#x"');
    expect(yamlScalar(" x")).toBe('" x"');
    expect(yamlScalar("true")).toBe('"true"');
    expect(yamlScalar("null")).toBe('"null"');
    expect(yamlScalar("~")).toBe('"~"');
    expect(yamlScalar("1234567")).toBe('"1234567"');
    expect(yamlScalar("12e4567")).toBe('"12e4567"');
    expect(yamlScalar("2024-01-02")).toBe('"2024-01-02"');
  });

  it("escapes inside double quotes", () => {
    expect(yamlScalar('"hi" \\')).toBe('"\\"hi\\" \\\\"');
    expect(yamlScalar("a\nb\tc\u0007")).toBe('"a\\nb\\tc\\u0007"');
  });

  it("reads back as the same string through gray-matter", () => {
    const values = [SHA, "1234567", "12e4567", "0x1f", "1_000", "190:20:30", ".inf", "yes", "Off", "2024-01-02", "", " pad ",
      "a: b", "a #b", "[x]", "{x}", "*x", "&x", "!x", "|", ">", "@x", "%x", "`x", "'q'", '"q"', "a\nb", "tab\there", "\u2028", "é ü"];
    for (const value of values) {
      const text = setFrontMatterKey("---\ntitle: T\n---\n", "source_commit", value);
      expect(matter(text).data).toEqual({ title: "T", source_commit: value });
    }
  });

  it("quotes a value passed to setFrontMatterKey", () => {
    expect(setFrontMatterKey("---\nk: 1\n---\n", "k", "a: b")).toBe('---\nk: "a: b"\n---\n');
  });
});

describe("setFrontMatterKey: nested keys (MDN's l10n.sourceCommit)", () => {
  const MDN = "---\ntitle: Array.prototype.at()\nslug: Web/JavaScript/Reference/Global_Objects/Array/at\nl10n:\n  sourceCommit: 8d5d5d3c1f9ad0c3fbc6ffe1d1a1b5b4b9b3e4e1\n---\n\nBody\n";

  it("replaces the nested line in place and keeps every other byte", () => {
    const edited = setFrontMatterKey(MDN, "l10n.sourceCommit", SHA);
    expect(edited).toBe(MDN.replace("8d5d5d3c1f9ad0c3fbc6ffe1d1a1b5b4b9b3e4e1", SHA));
    expect((matter(edited).data as { l10n: { sourceCommit: string } }).l10n.sourceCommit).toBe(SHA);
  });

  it("keeps CRLF, a comment, quoting and a sibling under the same parent", () => {
    const text = "---\r\nl10n:\r\n    # by hand\r\n    sourceCommit: 'abc123'   # old\r\n    translator: \"x\"\r\ntags: [a]\r\n---\r\nBody\r\n";
    expect(setFrontMatterKey(text, "l10n.sourceCommit", SHA)).toBe(text.replace("'abc123'", SHA));
  });

  it("adds the nested line under an existing parent, at its children's indentation", () => {
    const text = "---\nl10n:\n    translator: x\ntitle: T\n---\n";
    expect(setFrontMatterKey(text, "l10n.sourceCommit", SHA)).toBe(`---\nl10n:\n    translator: x\n    sourceCommit: ${SHA}\ntitle: T\n---\n`);
  });

  it("adds a nested block when the parent is absent, or the file has no front-matter", () => {
    expect(setFrontMatterKey("---\ntitle: T\n---\nB\n", "l10n.sourceCommit", SHA)).toBe(`---\ntitle: T\nl10n:\n  sourceCommit: ${SHA}\n---\nB\n`);
    expect(setFrontMatterKey("B\n", "l10n.sourceCommit", SHA)).toBe(`---\nl10n:\n  sourceCommit: ${SHA}\n---\nB\n`);
  });

  it("fills a parent that holds nothing yet", () => {
    expect(setFrontMatterKey("---\nl10n:\ntitle: T\n---\n", "l10n.sourceCommit", SHA)).toBe(`---\nl10n:\n  sourceCommit: ${SHA}\ntitle: T\n---\n`);
  });

  it("does not take a same-named key of another parent or a deeper level", () => {
    const text = "---\nother:\n  sourceCommit: keep\nl10n:\n  deep:\n    sourceCommit: keep\n---\n";
    expect(setFrontMatterKey(text, "l10n.sourceCommit", SHA)).toBe(`---\nother:\n  sourceCommit: keep\nl10n:\n  deep:\n    sourceCommit: keep\n  sourceCommit: ${SHA}\n---\n`);
  });

  it("refuses, changing nothing, to nest under a parent that holds a value or a flow mapping", () => {
    expect(thrown(() => setFrontMatterKey("---\nl10n: text\n---\n", "l10n.sourceCommit", SHA))).toMatchObject({ code: "UNSAFE_FRONT_MATTER_EDIT" });
    expect(thrown(() => setFrontMatterKey("---\nl10n: { sourceCommit: abc }\n---\n", "l10n.sourceCommit", SHA))).toMatchObject({ code: "UNSAFE_FRONT_MATTER_EDIT" });
  });

  it("replaces a nested block scalar value with its continuation lines, stopping at the sibling", () => {
    const text = "---\nl10n:\n  sourceCommit: |\n    abc\n  other: y\n---\n";
    expect(setFrontMatterKey(text, "l10n.sourceCommit", SHA)).toBe(`---\nl10n:\n  sourceCommit: ${SHA}\n  other: y\n---\n`);
  });
});
