import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { findFrontMatter } from "../../src/posts/front-matter-split.js";
import { parseSimpleYaml } from "../../src/posts/simple-yaml.js";

const yaml = createRequire(import.meta.url)("js-yaml") as { safeLoad(text: string): unknown };

/** What js-yaml's safeLoad makes of a text, or the message it throws. */
function safeLoad(text: string): { value: unknown } | { error: string } {
  try {
    return { value: yaml.safeLoad(text) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Asserts that safeLoad reads a text without error as `fast`: same keys in the same order, same values and types. */
function expectSameAsJsYaml(text: string, fast: Record<string, unknown> | null): void {
  // toEqual tells -0 from 0, Dates by time and arrays from objects; toStrictEqual would compare the
  // `constructor` of objects, which a post may well have as a key.
  const slow = safeLoad(text);
  expect(slow, JSON.stringify(text)).toEqual({ value: fast });
  if (fast !== null) expect(Object.keys(fast), JSON.stringify(text)).toEqual(Object.keys((slow as { value: object }).value));
}

/** Asserts that the fast path accepted a text and read it exactly as safeLoad does. */
function expectAcceptedAsJsYaml(text: string): void {
  const fast = parseSimpleYaml(text);
  expect(fast, `fast path refused ${JSON.stringify(text)}`).not.toBeUndefined();
  expectSameAsJsYaml(text, fast!);
}

const TYPICAL = [
  "",
  'title: "Setting up: a guide"',
  "date: 2024-03-01",
  "lang: de",
  "translation_of: posts/en/setup.md",
  "source_commit: 1a2b3c4d",
  "tags:",
  "  - setup",
  "  - install",
  "draft: false",
  "weight: 12",
  "",
].join("\n");

const ACCEPTED: [string, string][] = [
  ["a typical front-matter", TYPICAL],
  ["a typical front-matter with CRLF line endings", TYPICAL.replace(/\n/g, "\r\n")],
  ["a CRLF document ending in a lone CR", `${TYPICAL.replace(/\n/g, "\r\n").replace(/\r?\n?$/, "")}\r`],
  ["a text without a final line break", "a: 1\nb: two"],
  ["plain strings", "title: Hello World\npath: posts/en/a b.md\nurl: http://example.com/a?b=c#frag\nodd: a, b [c] {d} e]\n"],
  ["plain strings with indicators inside", "a: it's\nb: say \"hi\"\nc: a:b\nd: a#b\ne: a :b\nf: 50%\ng: a - b\nh: a ? b\n"],
  ["plain strings starting with a dash", "a: -1\nb: -a\nc: ---\nd: -.5\ne: --x\n"],
  ["trailing spaces and comments", "a: value   \nb: value # comment\nc: 'q'  # comment\nd: [x]   # comment\ne:    spaced    out   \n"],
  ["unicode", "title: Grüße 漢字 🎉\nnbsp: a\u00a0b\n"],
  ["double-quoted strings with escapes", 'a: "tab\\there \\"q\\" back\\\\slash \\/ nl\\n \\x41 \\u00e9 \\0 \\e \\N \\_ \\L \\ "\nb: ""\nc: "a # not a comment"\nd: "a: b"\n'],
  ["single-quoted strings", "a: 'It''s here'\nb: ''\nc: 'a \\n b'\nd: ''''\ne: 'x: y # z'\n"],
  ["nulls", "a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: # comment\ng: nULL\nh: '~'\n"],
  ["booleans, and the words js-yaml 3 keeps as strings", "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: yes\nh: no\ni: on\nj: off\nk: tRUE\nl: y\n"],
  ["integers", "a: 0\nb: 12\nc: 0123\nd: 0x1F\ne: 0b101\nf: 1_000\ng: 12:30\nh: +1\ni: -0\nj: -12\nk: 0o17\nl: 08\nm: 1:30:45\nn: 1_\no: 0x_1F\np: -00\nq: 1:60\nr: 99999999999999999999\n"],
  ["floats", "a: 1e3\nb: .5\nc: 1.5\nd: -0.0\ne: 1_000.5\nf: .inf\ng: -.Inf\nh: .NaN\ni: 1.\nj: 1:30.5\nk: 1e\nl: 6.02E+23\nm: -.nan\nn: ._5\no: 0.1_\n"],
  ["timestamps", "a: 2024-03-01\nb: 2024-03-01 10:00:00\nc: 2024-03-01T10:00:00Z\nd: 2024-03-01t10:00:00.123456+02:30\ne: 2024-3-1 1:02:03 -5\nf: 2024-02-30\ng: 0099-01-01\nh: 2024-03-1\ni: 2024-03-01T10:00:00.Z\n"],
  ["an indented block sequence", "tags:\n  - setup\n  - 'in stall'\n  - \"x\"\n  - 12\n  - 2024-03-01\n  -   spaced\nnext: 1\n"],
  ["a block sequence at the key's indentation", "tags:\n- a\n- b\nnext: 1\nlast:\n- c\n"],
  ["comments and blank lines around sequence entries", "tags: # c\n\n  # c\n  - a # c\n# c\n      # deeper\n  - b\n\nnext: 1\n"],
  ["a comment indented below a plain value", "a: b\n  # c\nnext: 1\n"],
  ["flow sequences", "a: [a, 'b c', \"d\", 1, true, ~, 12:30, -1, a:b, a#b]\nb: []\nc: [ ]\nd: [ a , b ]\ne: [a,b]\n"],
  ["keys that are resolved, then stringified", "1: one\n010: eight\n1.50: x\n0x1F: y\nnull: n\nTrue: t\n1e3: z\n"],
  ["other keys", "\"quoted key\": 1\n'single': 2\na.b-c_d: 3\nconstructor: 4\ntoString: 5\n_x: 6\n\"\": 7\n'it''s': 8\n"],
  ["a key followed by nothing at the end", "a: 1\nb:"],
  ["only a comment", "# only a comment\n"],
  ["only blank lines", "\n\n"],
  ["only a CRLF", "\r\n"],
  ["an indented comment without a line break", "  # c"],
  ["a nested mapping", "a:\n  b: 1\n"],
  ["a nested flow sequence", "a: [[b]]\n"],
  ["a flow sequence in a block sequence", "a:\n  - [b]\n"],
  ["sequences of mappings (Starlight's head and hero)", "head:\n  - tag: title\n    content: Astro Docs\n  - tag: meta\n    attrs:\n      property: og:title\n      content: x\nhero:\n  title: Docs\n  actions:\n    - text: Install\n      icon: rocket\n      link: /install/\n    -   text: Learn\n        variant: minimal\nnext: 1\n"],
  ["a sequence of mappings and scalars, at the key's indentation", "a:\n- b: 1\n  c: [x, y]\n- plain\n- d:\n  - e\n- f: { g: 1 }\n"],
  ["flow mappings", "build: { render: link }\nmenu: { main: { weight: 45 } }\ne: {}\nf: { 'q k': \"v\", n: 12, l: [a, b], d: 2024-03-01, x: a b }\nredirects:\n  - { from: /js/*, to: ':splat' }\nr: [{ from: /a/*, to: ':splat' }, { x: 1 }]\n"],
  ["literal block scalars, clipped, stripped and kept", "a: |\n  one\n  two\n\n  three\n\nb: |-\n  Tutorial: x — y\n    more\nc: |+\n  kept\n\n\nd: 1\n"],
  ["folded block scalars", "description: >-\n  Learn how to style components in Astro with scoped styles, external CSS, and\n  tooling like Sass and PostCSS.\nb: >\n  one\n  two\n\n\n  three\n# c\nc: >+\n  x\n\n"],
  ["block scalars in a nested mapping, with comments and CRLF", "p:\r\n  d: |\r\n    # not a comment\r\n    l2 \t x\r\n  e: >-\r\n    f\r\n    g\r\n# c\r\nq: 1\r\n"],
  ["a block scalar ending the text without a line break", "a: |\n  x\n  y"],
  ["keys with colons inside", "cSpell:ignore: serviceinstance distro\na:b:c: 1\n1:30: x\na::b: 1\na:-b: 2\na:.b: 3\nx:y:\n  - z\n"],
  ["Starlight's front-matter", "title: Routing\ndescription: An intro\nsidebar:\n  label: Routing\n  order: 2\n  badge:\n    text: New\n    variant: tip\ntableOfContents:\n  minHeadingLevel: 2\n  maxHeadingLevel: 3\ni18nReady: true\n"],
  ["Hugo's menu", "title: Docs\nmenu:\n  main:\n    weight: 10\n    parent: guides\nweight: 5\n"],
  ["nested mappings with sequences, comments and blank lines", "a: # c\n  b:\n    - x\n    - y\n\n  # c\n  c:\n  - z\n  d: [1, 2]\n     # deeper\n  e:\nf: 1\n"],
  ["a nested mapping at a wider indentation, then a key with nothing", "a:\n      b: 'q'\n      c: \"d\"\ne:\n"],
  ["the same key in two nested mappings", "a:\n  k: 1\nb:\n  k: 2\n"],
  ["a nested mapping ending the text without a line break", "a:\n  b:\n    c: 1"],
];

const REFUSED: [string, string, boolean][] = [
  // [what, text, whether js-yaml throws on it]
  ["duplicate keys", "a: 1\na: 2\n", true],
  ["keys that are duplicates once resolved", "1: a\n01: b\n", true],
  ["a tab after the colon", "a:\tb\n", false],
  ["a tab as indentation", "\ta: 1\n", false],
  ["a tab indenting a sequence entry", "a:\n\t- b\n", false],
  ["an anchor", "a: &x 1\n", false],
  ["an alias", "a: &x 1\nb: *x\n", false],
  ["a tag", "a: !!str 1\n", false],
  ["a colon and space inside a plain value", "key: a: b\n", true],
  ["a colon at the end of a plain value", "key: a:\n", true],
  ["an unterminated double quote", 'a: "b\n', true],
  ["an unterminated single quote", "a: 'b\n", true],
  ["a quoted string over two lines", 'a: "b\n  c"\n', false],
  ["an unknown escape", 'a: "\\q"\n', true],
  ["a \\U escape", 'a: "\\U0001F600"\n', false],
  ["an explicit key", "? complex\n: value\n", false],
  ["a block scalar with an indentation indicator", "a: |2\n  text\n", false],
  ["a block scalar with a comment on its header", "a: | # c\n  text\n", false],
  ["a block scalar after empty lines", "a: |\n\n  text\n", false],
  ["an empty block scalar", "a: |\nb: 1\n", false],
  ["a block scalar at the end of the text", "a: >-", false],
  ["a block scalar with a line of spaces longer than its indentation", "a: |\n  x\n     \n  y\n", false],
  ["a folded block scalar with a more-indented line", "a: >\n  x\n    y\n", false],
  ["a block scalar with a tab after its indentation", "a: |\n  x\n  \ty\n", false],
  ["a block scalar not indented past its key", "p:\n  a: |\n  x\n", true],
  ["a block scalar followed by a line between two indentations", "a: |\n    x\n  b: 1\n", true],
  ["a block scalar with a control character", "a: |\n  x\u0007\n", true],
  ["a key with a colon and a tab", "a:\tb: 1\n", true],
  ["a nested mapping indented unevenly", "a:\n  b: 1\n   c: 2\n", true],
  ["a key between two indentations", "a:\n    b: 1\n  c: 2\n", true],
  ["a nested mapping after a value", "a: 1\n  b: 2\n", true],
  ["a nested mapping after sequence entries", "a:\n  - x\n  b: 1\n", true],
  ["sequence entries after a nested mapping", "a:\n  b: 1\n- x\n", true],
  ["duplicate keys in a nested mapping", "a:\n  b: 1\n  b: 2\n", true],
  ["a nested mapping indented with a tab", "a:\n\tb: 1\n", false],
  ["a multi-line plain value", "a: b\n  c\n", false],
  ["a plain value continued after a blank line", "a: b\n\n  c\n", false],
  ["__proto__", "__proto__: 1\n", false],
  ["a quoted __proto__", '"__proto__": 1\n', false],
  ["a merge key", "<<: {a: 1}\n", false],
  ["a merge key as a value", "a: <<\n", false],
  ["a top-level sequence", "- a\n", false],
  ["a scalar document", "just text\n", false],
  ["an indented key", "  a: 1\n", false],
  ["a flow mapping over two lines", "a: { b: 1,\n  c: 2 }\n", false],
  ["a flow mapping with a key and no value", "a: { b, c: 1 }\n", false],
  ["a flow mapping with a colon and no space", "a: {b:1}\n", false],
  ["a flow mapping with a trailing comma", "a: { b: 1, }\n", false],
  ["a flow mapping with the same key twice", "a: { b: 1, b: 2 }\n", true],
  ["a flow mapping followed by more", "a: { b: 1 } c\n", true],
  ["a trailing comma in a flow sequence", "a: [b, ]\n", false],
  ["an empty flow entry", "a: [b,,c]\n", false],
  ["a pair in a flow sequence", "a: [b: c]\n", false],
  ["a comment in a flow sequence", "a: [b #c\n]\n", false],
  ["an unterminated flow sequence", "a: [b\n", true],
  ["a lone carriage return", "a: 1\rb: 2\n", false],
  ["a lone carriage return in a comment", "# c\ra: 1\n", false],
  ["a byte order mark", "\uFEFFa: 1\n", false],
  ["a null byte", "a: 1\0\n", true],
  ["a null byte in a comment", "a: 1 # \0\n", true],
  ["a document start marker", "---\na: 1\n", false],
  ["a document end marker", "a: 1\n...\n", false],
  ["a directive", "%YAML 1.2\n---\na: 1\n", false],
  ["an empty sequence entry", "a:\n  -\n  - b\n", false],
  ["a sequence entry deeper than the first (which continues it)", "a:\n  - b\n   - c\n", false],
  ["a sequence entry shallower than the first", "a:\n  - b\n - c\n", true],
  ["a sequence entry after a scalar value", "a: b\n- c\n", true],
  ["a nested sequence", "a:\n  - - b\n", false],
  ["a sequence entry's mapping with a key further right", "a:\n  - b: 1\n      c: 2\n", true],
  ["a sequence entry's mapping with a key further left", "a:\n  - b: 1\n   c: 2\n", true],
  ["a sequence entry's mapping with a value, then more", "a:\n  - b: 1\n  c: 2\n", true],
  ["a timestamp key", "2024-01-01: x\n", false],
  ["a space before the colon", "a : b\n", false],
  ["no space after the colon", "a:b\n", false],
  ["text after a quoted value", "a: 'b' c\n", true],
  ["a comment right after a quoted value", 'a: "b"#c\n', false],
  ["an indicator starting a value", "a: @b\n", true],
  ["a dash alone as a value", "a: -\n", true],
  ["a line separator", "a: b\u2028c\n", false],
  ["a control character", "a: b\u0085c\n", false],
  ["a lone surrogate", "a: b\ud800c\n", true],
  ["an empty text", "", false],
  ["a lone line break", "\n", false],
  ["only spaces", "   \n", false],
];

describe("parseSimpleYaml", () => {
  it.each(ACCEPTED)("reads %s exactly as js-yaml does", (_what, text) => {
    expectAcceptedAsJsYaml(text);
  });

  it.each(REFUSED)("refuses %s", (_what, text, throws) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
    expect("error" in safeLoad(text), `js-yaml ${throws ? "should" : "should not"} throw`).toBe(throws);
  });

  it("returns plain objects, arrays, Dates and exact numbers", () => {
    const data = parseSimpleYaml("a: 2024-03-01\nb: -0\nc: -0.0\nd: .nan\ne:\n  - x\n")!;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data.a).toBeInstanceOf(Date);
    expect((data.a as Date).toISOString()).toBe("2024-03-01T00:00:00.000Z");
    expect(Object.is(data.b, 0)).toBe(true);
    expect(Object.is(data.c, -0)).toBe(true);
    expect(data.d).toBeNaN();
    expect(Array.isArray(data.e)).toBe(true);
  });

  it("reads keys correctly whatever keys came before at the same position", () => {
    for (const text of ["title: a", "titles: b", "titl: c", "title2: d", "title: e\ntitle: f", '"title": g', "title:h", "title", "x: 1\ntitle: i", "title: j"]) {
      const fast = parseSimpleYaml(text);
      if (fast !== undefined) expectSameAsJsYaml(text, fast);
    }
    expect(parseSimpleYaml("title: a")).toStrictEqual({ title: "a" });
    expect(parseSimpleYaml("titles: a")).toStrictEqual({ titles: "a" });
  });

  it("reads the blocks the front-matter splitter cuts, lines like closing ones included, as js-yaml does or not at all", () => {
    const posts = [
      "---\ntitle: a\n-----\nlang: de\n---\n", "---\ntitle: a\n---x\n---\n", "---\ntitle: a\n--- x\n---\n", "---\ntitle: a\n... x\n---\n",
      "---\ntitle: a\n  ---\n---\n", "---\ntext: |\n  ----\n  ...\n---\n", "---\r\ntitle: a\r\nlang: de\r\n...\r\n", "\uFEFF---\n-----\n---\n",
    ];
    let accepted = 0;
    for (const post of posts) {
      const split = findFrontMatter(post);
      if (split.kind !== "block") throw new Error(`no block in ${JSON.stringify(post)}`);
      const text = post.slice(split.yamlStart, split.yamlEnd);
      const fast = parseSimpleYaml(text);
      if (fast === undefined) continue;
      expectSameAsJsYaml(text, fast);
      accepted++;
    }
    // The ordinary ones at least take the fast path.
    expect(accepted).toBeGreaterThanOrEqual(2);
  });

  it("never throws", () => {
    for (const text of ["a: [", "a: \"\\", "a: \"\\x4", "a: '", ":", "-", "\\", "a:\n  - ", "\ud83d", "a: \ud83d"]) {
      expect(() => parseSimpleYaml(text)).not.toThrow();
    }
  });
});

describe("parseSimpleYaml on generated documents", () => {
  /** A tiny linear congruential generator, so that every run sees the same documents. */
  function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
  }

  // Each pool holds everyday forms first and tricky ones (many of which must be refused) second.
  const KEYS = {
    common: [
      "title", "date", "lang", "tags", "draft", "weight", "slug", "author", "summary", "series", "order", "cover", "id", "layout",
      "a.b", "x-y", "_k", "1", "0x1F", "1.50", "1e3", "null", "True", "constructor", "cSpell:ignore", "1:30", '"q k"', "'s k'", '""',
    ],
    tricky: ["__proto__", '"__proto__"', "-a", "a b", "2024-01-01", "<<", "?", "a:b", "'open", "title"],
  };
  const VALUES = {
    common: [
      "plain", "hello world", "a#b", "a:b", "http://x.y/z?q=1", "-a", "---", "a, b", "it's",
      "0", "12", "012", "08", "0x1F", "0b101", "0o17", "1_000", "1_", "_1", "+1", "-0", "-00", "12:30", "1:60", "1:30.5", ".5", "1.", "-.5", "1e3", "1E+3", "1e", "-0.0", ".inf", "-.Inf", ".NaN", "-.nan",
      "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "no", "on", "off",
      "2024-03-01", "2024-3-1", "2024-03-01T10:00:00Z", "2024-03-01 10:00:00", "2024-03-01t10:00:00.5-02:30", "2024-13-45", "0099-01-01",
      "'single'", "'it''s'", "''", '"double"', '"esc \\" \\\\ \\/ \\n \\t \\x41 \\u00e9"', '""', "Grüße 漢字", "🎉", "a\u00a0b",
    ],
    tricky: [
      "a #b", "a: b", "a:", "-", "?a", ":a", "@a", "%a", "`a", "&a b", "*a", "!t a", "|", ">-", "'open", '"open', '"\\q"', '"a"b',
      "[a,]", "[a,,b]", "[a: b]", "[[a]]", "{a: 1}", "a\tb", "a\u2028b", "a\u0085b", "<<", "",
    ],
  };
  const FLOWS = [
    "[a, b]", "[1, 2.5, true, ~]", "[]", "[ a ]", "['a', \"b\"]", "[x, 2024-03-01, 12:30]",
    "{ a: b }", "{a: 1, b: [x, y]}", "{}", "{ 'q k': \"v\", n: ~ }", "{ m: { n: 1 } }", "[{ from: /a/*, to: ':splat' }]", "{ a: b c, d: 2024-03-01 }",
    "{ a: 1, a: 2 }", "{ a }", "{a:1}", "{ a: 1, }", "{ a: [b, }", "{ a: b ]", "{ a: 1 } x", "{ 1: x, 0x1F: y, null: z }", "{ a: '' }", "{ a: b#c }", "{ a: b # c }", "{ a:b: 1 }", "{ cSpell:ignore: x }", "[[a], [b, c]]", "[a, [b]]", "{ a: [[b]] }",
  ];
  const AFTER = { common: ["", "", " ", " # comment"], tricky: ["  #c", "#c", " #", "\t"] };
  const SEPARATORS = { common: [": "], tricky: [":", ":  ", " : ", ":\t"] };
  const DASHES = { common: ["- ", "-  "], tricky: ["-", "- - ", "-\t", "- ? "] };
  const INDENTS = ["", "  ", "  ", "    ", " "];
  const BREAKS = { common: ["\n", "\n", "\r\n"], tricky: ["\r", "\u2028"] };
  const FILLERS = ["", "  ", "# comment", "    # deep comment", "#"];
  const STRAYS = ["  more", "  - x", "  # c", "  x: y", "- z", "---", "...", "\tx: 1", "  a: 1"];

  /** A document built from tricky keys, values, indentation, comments and line breaks. */
  function generate(next: () => number): string {
    const pick = <T>(pool: readonly T[]): T => pool[Math.floor(next() * pool.length)]!;
    // Mostly everyday forms, so that many documents get through; now and then a tricky one.
    const choose = (pools: { common: readonly string[]; tricky: readonly string[] }): string =>
      pick(next() < 0.04 ? pools.tricky : pools.common);
    const lines: string[] = [];
    const count = 1 + Math.floor(next() * 6);
    /** A `key:` line and a mapping nested under it, `depth` levels deep at most, now and then misindented. */
    const nested = (indent: string, depth: number): void => {
      lines.push(`${indent}${choose(KEYS)}:${pick(["", " ", " # c"])}`);
      const inner = indent + pick(["  ", "  ", "    ", " "]);
      const entries = 1 + Math.floor(next() * 3);
      for (let j = 0; j < entries; j++) {
        const roll = next();
        const at = next() < 0.95 ? inner : pick([indent, `${inner} `, inner.slice(1), "\t"]);
        if (roll < 0.1) lines.push(pick(FILLERS));
        else if (roll < 0.25 && depth > 1) nested(at, depth - 1);
        else if (roll < 0.3) block(at);
        else if (roll < 0.35) lines.push(`${at}${choose(KEYS)}:`, `${at}${pick(["", "  "])}${choose(DASHES)}${next() < 0.3 ? pick(FLOWS) : choose(VALUES)}`);
        else lines.push(`${at}${choose(KEYS)}${choose(SEPARATORS)}${next() < 0.1 ? pick(FLOWS) : choose(VALUES)}${choose(AFTER)}`);
      }
    };
    /** A key with a block scalar: its header, then lines of text, empty ones, some misindented. */
    const block = (indent: string): void => {
      lines.push(`${indent}${choose(KEYS)}: ${pick(["|", ">", "|-", ">-", "|+", ">+", "| ", ">-  "])}${next() < 0.03 ? pick(["2", " # c", "-+"]) : ""}`);
      const inner = indent + pick(["  ", "  ", "    ", " "]);
      const count = 1 + Math.floor(next() * 5);
      for (let j = 0; j < count; j++) {
        const roll = next();
        if (roll < 0.15) lines.push(pick(["", "", inner, `${inner}   `]));
        else if (roll < 0.2) lines.push(`${inner}${pick(["  ", "\t", " "])}${choose(VALUES)}`);
        else if (roll < 0.23) lines.push(`${pick([indent, inner.slice(1), "\t"])}${choose(VALUES)}`);
        else lines.push(`${inner}${pick([choose(VALUES), `${choose(VALUES)} ${choose(VALUES)}`, "# not a comment", "a: b", "- x", "é 漢 ✓"])}`);
      }
    };
    /** A key with a sequence whose entries are mappings (and now and then a scalar), keys aligned after the dash or not. */
    const mappings = (indent: string): void => {
      lines.push(`${indent}${choose(KEYS)}:`);
      const dash = indent + pick(["  ", "", "    "]);
      for (let j = 1 + Math.floor(next() * 3); j > 0; j--) {
        const gap = pick([" ", " ", "   "]);
        if (next() < 0.15) {
          lines.push(`${dash}-${gap}${choose(VALUES)}`);
          continue;
        }
        lines.push(`${dash}-${gap}${choose(KEYS)}${choose(SEPARATORS)}${next() < 0.1 ? pick(FLOWS) : choose(VALUES)}`);
        const column = " ".repeat(dash.length + 1 + gap.length);
        for (let k = Math.floor(next() * 3); k > 0; k--) {
          const at = next() < 0.93 ? column : pick([`${column} `, column.slice(1), dash]);
          if (next() < 0.2) nested(at, 1);
          else lines.push(`${at}${choose(KEYS)}${choose(SEPARATORS)}${choose(VALUES)}${choose(AFTER)}`);
        }
      }
    };
    for (let i = 0; i < count; i++) {
      const roll = next();
      if (roll < 0.1) {
        lines.push(pick(FILLERS));
      } else if (roll < 0.14) {
        mappings(next() < 0.8 ? "" : "  ");
      } else if (roll < 0.19) {
        block(next() < 0.8 ? "" : "  ");
      } else if (roll < 0.24) {
        nested("", 3);
      } else if (roll < 0.37) {
        lines.push(`${choose(KEYS)}:${pick(["", " ", " # c"])}`);
        const indent = pick(INDENTS);
        const entries = Math.floor(next() * 4);
        for (let j = 0; j < entries; j++) {
          if (next() < 0.1) lines.push(pick(FILLERS));
          const entryIndent = next() < 0.95 ? indent : pick(INDENTS);
          lines.push(`${entryIndent}${choose(DASHES)}${choose(VALUES)}${choose(AFTER)}`);
        }
      } else {
        const value = next() < 0.1 ? pick(FLOWS) : choose(VALUES);
        lines.push(`${choose(KEYS)}${choose(SEPARATORS)}${value}${choose(AFTER)}`);
      }
      if (next() < 0.02) lines.push(pick(STRAYS));
    }
    let text = "";
    for (const line of lines) text += line + choose(BREAKS);
    if (next() < 0.2) text = text.replace(/\r?\n$/, "");
    return text;
  }

  it("either refuses a document or reads it exactly as js-yaml does", () => {
    const next = random(20240301);
    const total = 5000;
    let accepted = 0;
    let withNested = 0;
    let withBlocks = 0;
    let withItemMappings = 0;
    for (let i = 0; i < total; i++) {
      const text = generate(next);
      const fast = parseSimpleYaml(text);
      if (fast === undefined) continue;
      accepted++;
      if (fast !== null && Object.values(fast).some((v) => typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date))) withNested++;
      if (fast !== null && Object.values(fast).some((v) => typeof v === "string" && v.includes("\n"))) withBlocks++;
      if (fast !== null && Object.values(fast).some((v) => Array.isArray(v) && v.some((x) => typeof x === "object" && x !== null && !(x instanceof Date)))) withItemMappings++;
      expectSameAsJsYaml(text, fast);
    }
    expect(accepted / total).toBeGreaterThan(0.3);
    expect(withNested / total).toBeGreaterThan(0.01);
    expect(withBlocks / total).toBeGreaterThan(0.01);
    expect(withItemMappings / total).toBeGreaterThan(0.01);
  });
});
