import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../helpers/check.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";
import { post } from "../helpers/status.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

// File names a stranger's pull request may carry: every character the formats must escape.
const WEIRD = "a,b:c%d&<e>'f\"|g`h";

/** de: stale a, stale weird, orphaned o, current b; missing c; zh: stale a. */
function site(): TestRepo {
  repo = createRepo();
  for (const name of ["a", "b", "c", WEIRD]) repo.write(`posts/en/${name}.md`, post({ title: "T" }, `Original ${name}.\n`));
  repo.commit("Originals");
  for (const name of ["a", "b", WEIRD]) repo.write(`posts/de/${name}.md`, post({ title: "T", lang: "de" }, `Übersetzung ${name}.\n`));
  repo.write("posts/zh/a.md", post({ title: "T", lang: "zh" }, "中文。\n"));
  repo.write("posts/de/o.md", post({ title: "T", lang: "de" }, "Waise.\n"));
  repo.commit("Translations");
  for (const name of ["a", WEIRD]) repo.write(`posts/en/${name}.md`, post({ title: "T" }, `Original ${name}, changed.\n`));
  repo.commit("Edit originals");
  return repo;
}

/** The inverse of the workflow-command escaping, to read a value back. */
function unescape(value: string): string {
  return value.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

// `::command key=value,key=value::message`: values hold no raw `,` `:` CR LF, and every `%` starts an escape.
const ESCAPED = String.raw`(?:[^%,:\r\n]|%(?:25|0D|0A|3A|2C))*`;
const WORKFLOW_COMMAND = new RegExp(String.raw`^::(error|warning) ((?:[a-z]+=${ESCAPED})(?:,[a-z]+=${ESCAPED})*)::((?:[^%\r\n]|%(?:25|0D|0A))*)$`);

function parseCommands(stdout: string) {
  return stdout
    .split("\n")
    .filter((l) => l.startsWith("::") && !l.startsWith("::stop-commands::") && !/^::[0-9a-f]+::$/.test(l))
    .map((line) => {
      const m = WORKFLOW_COMMAND.exec(line);
      if (!m) throw new Error(`not a workflow command: ${line}`);
      const props = Object.fromEntries(m[2]!.split(",").map((p) => [p.slice(0, p.indexOf("=")), unescape(p.slice(p.indexOf("=") + 1))]));
      return { command: m[1]!, props, message: unescape(m[3]!) };
    });
}

describe("check --format github", () => {
  it("prints one ::error per violation, on the translation (or the original when missing), in the workflow-command syntax", async () => {
    site();
    const result = await run(repo, ["check", "--format", "github", "--fail-on", "stale,orphaned,missing"]);
    expect(result.code).toBe(1);
    const commands = parseCommands(result.stdout);
    const errors = commands.filter((c) => c.command === "error");
    const missing = ["posts/en/c.md", "posts/en/b.md", "posts/en/c.md", `posts/en/${WEIRD}.md`]; // de lacks c; zh lacks b, c, weird
    expect(errors.map((c) => c.props.file).sort()).toEqual(["posts/de/a.md", `posts/de/${WEIRD}.md`, "posts/de/o.md", "posts/zh/a.md", ...missing].sort());
    for (const c of errors) {
      expect(Object.keys(c.props)).toEqual(["file", "line", "title"]);
      expect(c.props.line).toMatch(/^\d+$/);
      expect(c.props.title!.length).toBeGreaterThan(0);
      expect(c.message).toContain(c.props.file!);
    }
    // The weird name survives the escaping both as a property and in the message.
    const weird = errors.find((c) => c.props.file === `posts/de/${WEIRD}.md`)!;
    expect(weird.message).toContain(`posts/de/${WEIRD}.md`);
    expect(weird.message).toContain("\n"); // what is wrong, then what to do
  });

  it("uses the problem's line, and warns on originals that moved", async () => {
    site();
    repo.write("posts/de/bad.md", "---\ntitle: T\nlang: de\ntitle: [unclosed\n---\nKaputt.\n");
    repo.write("posts/en/bad.md", post({ title: "T" }, "Bad.\n"));
    repo.write("posts/en/guide.md", post({ title: "G" }, "Guide.\n"));
    repo.write("posts/de/anleitung.md", post({ title: "G", lang: "de", translation_of: "posts/en/guide.md" }, "Anleitung.\n"));
    repo.commit("More");
    repo.git("mv", "posts/en/guide.md", "posts/en/guides.md");
    repo.commit("Rename guide");
    const commands = parseCommands((await run(repo, ["check", "--format", "github"])).stdout);
    const bad = commands.find((c) => c.props.file === "posts/de/bad.md")!;
    expect(bad.command).toBe("error");
    expect(Number(bad.props.line)).toBeGreaterThan(1);
    const moved = commands.filter((c) => c.command === "warning");
    expect(moved.map((c) => c.props.file)).toEqual(["posts/de/anleitung.md"]);
  });

  it("keeps file names in the log text from starting workflow commands", async () => {
    site();
    const result = await run(repo, ["check", "--format", "github"]);
    const lines = result.stdout.split("\n");
    const stop = lines.findIndex((l) => l.startsWith("::stop-commands::"));
    expect(stop).toBeGreaterThan(0);
    const token = lines[stop]!.slice("::stop-commands::".length);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const resume = lines.indexOf(`::${token}::`);
    expect(resume).toBeGreaterThan(stop);
    expect(lines.slice(stop + 1, resume).join("\n")).toContain("posts/de/a.md");
    expect(lines.slice(0, stop).every((l) => l.startsWith("::"))).toBe(true);
  });
});

describe("check --format junit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) });

  it("is valid JUnit XML: a suite per language, a testcase per entry, failures for violations, counts that add up", async () => {
    site();
    const result = await run(repo, ["check", "--format", "junit"]);
    expect(result.code).toBe(1);
    expect(XMLValidator.validate(result.stdout)).toBe(true);
    const xml = parser.parse(result.stdout);
    const suites = xml.testsuites.testsuite as { name: string; tests: string; failures: string; skipped: string; testcase: Record<string, unknown>[] }[];
    expect(suites.map((s) => s.name)).toEqual(["de", "zh"]);
    const report = JSON.parse((await run(repo, ["status", "--json"])).stdout);
    let failures = 0;
    for (const suite of suites) {
      const entries = report.translations.filter((e: { lang: string }) => e.lang === suite.name);
      expect(suite.testcase).toHaveLength(entries.length);
      expect(Number(suite.tests)).toBe(entries.length);
      const failed = suite.testcase.filter((c) => c.failure);
      expect(Number(suite.failures)).toBe(failed.length);
      expect(Number(suite.skipped)).toBe(suite.testcase.filter((c) => c.skipped).length);
      failures += failed.length;
      for (const c of suite.testcase) expect(c.classname).toBe(`transtrack.${suite.name}`);
    }
    expect(Number(xml.testsuites.failures)).toBe(failures);
    expect(Number(xml.testsuites.tests)).toBe(report.translations.length);
    const de = suites[0]!.testcase;
    const byName = Object.fromEntries(de.map((c) => [c.name as string, c]));
    expect(Object.keys(byName).sort()).toEqual(["posts/de/a.md", "posts/de/b.md", "posts/de/o.md", `posts/de/${WEIRD}.md`, "posts/en/c.md"].sort());
    expect((byName["posts/de/a.md"]!.failure as { type: string }).type).toBe("stale");
    expect((byName[`posts/de/${WEIRD}.md`]!.failure as { type: string; "#text": string })["#text"]).toContain(`posts/en/${WEIRD}.md`);
    expect((byName["posts/de/o.md"]!.failure as { type: string }).type).toBe("orphaned");
    expect(byName["posts/de/b.md"]!.failure).toBeUndefined();
    expect(byName["posts/en/c.md"]!.skipped).toBeDefined(); // missing does not fail by default
  });

  it("marks what the grace period or --since let through as skipped, and passes when nothing fails", async () => {
    site();
    const xml = parser.parse((await run(repo, ["check", "--format", "junit", "--since", "HEAD"])).stdout);
    expect(Number(xml.testsuites.failures)).toBe(0);
    const cases = (xml.testsuites.testsuite as { testcase: Record<string, unknown>[] }[]).flatMap((s) => s.testcase);
    expect(cases.filter((c) => c.skipped).length).toBe(8); // 3 stale, 1 orphaned, 4 missing
  });

  it("does not depend on the locale except for messages", async () => {
    site();
    const strip = (xml: string) => xml.replace(/ message="[^"]*"/g, "").replace(/>[^<]*<\/failure>/g, "></failure>");
    const en = await run(repo, ["check", "--format", "junit"]);
    const de = await run(repo, ["check", "--format", "junit", "--locale", "de"]);
    expect(strip(de.stdout)).toBe(strip(en.stdout));
  });
});

describe("check --format markdown", () => {
  it("has a table per language and a row per violation, with names that can't break the table", async () => {
    site();
    const result = await run(repo, ["check", "--format", "markdown"]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("<!-- transtrack-check -->");
    const rows = lines.filter((l) => l.startsWith("|"));
    const cells = (l: string) => l.slice(1, -1).split("|");
    const widths = new Set(rows.slice(0, 4).map((r) => cells(r).length));
    expect(widths).toEqual(new Set([8])); // language, progress, six statuses
    expect(rows.filter((r) => r.includes("<code>de</code>") || r.includes("<code>zh</code>"))).toHaveLength(2);
    const violationRows = rows.slice(4).filter((r) => !/^\|(\s*-+:?\s*\|)+$/.test(r));
    expect(violationRows.slice(1)).toHaveLength(4); // header, then a, o, weird (de) and a (zh)
    for (const r of violationRows) expect(cells(r)).toHaveLength(4);
    // Outside the fenced shell snippet (shown verbatim), the name is escaped.
    const prose = result.stdout.replace(/```sh\n[\s\S]*?```/g, "");
    expect(prose).not.toContain("<e>");
    expect(prose).toContain("&lt;e&gt;");
    expect(result.stdout).toContain(`transtrack diff 'posts/de/${WEIRD.replace(/`/g, "?").replace(/'/g, "'\\''")}.md'`);
  });

  it("says the check passed when nothing fails", async () => {
    site();
    const failing = await run(repo, ["check", "--format", "markdown"]);
    const passing = await run(repo, ["check", "--format", "markdown", "--since", "HEAD"]);
    expect(passing.code).toBe(0);
    expect(passing.stdout.split("\n").filter((l) => l.startsWith("|"))).toHaveLength(4);
    expect(passing.stdout).not.toBe(failing.stdout);
  });
});

describe("check --format json", () => {
  it("is the status report plus violations, on stdout alone, the same in every locale", async () => {
    site();
    const result = await run(repo, ["check", "--format", "json"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const json = JSON.parse(result.stdout);
    const status = JSON.parse((await run(repo, ["status", "--json"])).stdout);
    const { violations, ...rest } = json;
    expect(rest).toEqual(status);
    expect(violations.map((v: { code: string; translation: string }) => `${v.code} ${v.translation}`)).toEqual([
      `stale posts/de/${WEIRD}.md`, // "a," sorts before "a."
      "stale posts/de/a.md",
      "orphaned posts/de/o.md",
      "stale posts/zh/a.md",
    ]);
    for (const v of violations) expect(Object.keys(v).sort()).toEqual(["code", "days", "lang", "line", "source", "translation"]);
    for (const locale of ["de", "zh", "ja"]) expect((await run(repo, ["check", "--format", "json", "--locale", locale])).stdout).toBe(result.stdout);
  });
});
