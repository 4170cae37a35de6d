import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "../../src/cli/i18n.js";
import { runCli } from "../helpers/cli.js";
import type { TestRepo } from "../helpers/git-repo.js";
import { alphaBetaSite } from "../helpers/status.js";

const COMMANDS = ["status", "check", "diff", "mark", "update", "init", "report", "help"];
const en = createTranslator("en");

let repo: TestRepo;
beforeAll(() => {
  repo = alphaBetaSite();
});
afterAll(() => repo.cleanup());

const run = (args: string[], env: Record<string, string> = {}) => runCli(args, repo.dir, { ...repo.env(), ...env });

describe("help", () => {
  it("with no command, prints the help on stderr and exits 2", () => {
    for (const args of [[], ["--verbose"], ["--locale", "de"]]) {
      const result = run(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      for (const command of COMMANDS) expect(result.stderr).toMatch(new RegExp(`^  ${command} `, "m"));
    }
  });

  it("`help` and `help COMMAND` print on stdout and exit 0; a command's help lists the global options too", () => {
    const all = run(["help"]);
    expect(all.code).toBe(0);
    for (const command of COMMANDS) expect(all.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    for (const args of [["help", "check"], ["check", "--help"]]) {
      const one = run(args);
      expect(one.code).toBe(0);
      expect(one.stdout).toContain("--max-days <n>");
      for (const global of ["-C <dir>", "--config <file>", "--locale <locale>", "--no-color", "--quiet", "--verbose"]) expect(one.stdout).toContain(global);
      expect(one.stdout).toContain(en("cli.help.globalOptions"));
    }
  });

  it("speaks the user's language in its headings, and in Chinese puts no space after a full-width colon", () => {
    for (const locale of ["de", "zh", "ja"]) {
      const t = createTranslator(locale);
      const help = run(["--locale", locale, "help", "status"]).stdout;
      for (const heading of ["usage", "arguments", "options", "globalOptions"]) expect(help, `${locale} ${heading}`).toContain(t(`cli.help.${heading}`));
      for (const english of ["Usage:", "Options:", "Arguments:"]) expect(help, locale).not.toContain(english);
    }
    const zh = createTranslator("zh");
    expect(run(["--locale", "zh", "help"]).stdout.split("\n")[0]).toMatch(new RegExp(`^${zh("cli.help.usage")}transtrack`));
    const error = run(["--locale", "zh", "status", "--bogus"]).stderr.split("\n");
    expect(error[0]).toBe(`${zh("errors.prefix")}${zh("errors.UNKNOWN_OPTION", { option: "--bogus" })}`);
    expect(error[1]).toBe(`${zh("errors.hint")}${zh("hints.UNKNOWN_OPTION", { help: "transtrack status --help" })}`);
  });
});

describe("errors name the problem in the user's language and give a hint", () => {
  const cases: { args: string[]; code: string; args_: Record<string, string>; hint: Record<string, string> }[] = [
    { args: ["status", "--bogus"], code: "UNKNOWN_OPTION", args_: { option: "--bogus" }, hint: { help: "transtrack status --help" } },
    { args: ["status", "--jsn"], code: "UNKNOWN_OPTION", args_: { option: "--jsn" }, hint: { help: "transtrack status --help", suggestion: "--json", context: "suggest" } },
    { args: ["statu"], code: "UNKNOWN_COMMAND", args_: { command: "statu" }, hint: { help: "transtrack --help", suggestion: "status", context: "suggest" } },
    { args: ["diff"], code: "MISSING_ARGUMENT", args_: { argument: "translation" }, hint: { help: "transtrack diff --help" } },
    { args: ["check", "--format"], code: "OPTION_MISSING_ARGUMENT", args_: { option: "--format <format>" }, hint: { help: "transtrack check --help" } },
    { args: ["check", "--max-days", "abc"], code: "INVALID_NUMBER", args_: { option: "--max-days", value: "abc" }, hint: { option: "--max-days", help: "transtrack check --help" } },
    { args: ["status", "--lang", "not a lang!"], code: "INVALID_LANGS", args_: { option: "--lang", value: "not a lang!" }, hint: { option: "--lang", help: "transtrack status --help" } },
    { args: ["mark", "posts/de/a.md", "--commit", "--help;rm"], code: "BAD_COMMIT", args_: { commit: "--help;rm" }, hint: {} },
    { args: ["mark", "posts/de/a.md", "--commit", "deadbeef"], code: "COMMIT_NOT_FOUND", args_: { commit: "deadbeef" }, hint: {} },
    { args: ["mark", "posts/de/a.md", "--commit", "no-such-branch"], code: "COMMIT_NOT_FOUND", args_: { commit: "no-such-branch" }, hint: {} },
    { args: ["--config", "nope.json", "status"], code: "CONFIG_NOT_FOUND", args_: { file: "" }, hint: {} },
    { args: ["-C", "nope", "status"], code: "DIR_NOT_FOUND", args_: { dir: "" }, hint: {} },
  ];
  for (const c of cases) {
    it(`${c.args.join(" ")}: ${c.code}`, () => {
      if (c.code === "CONFIG_NOT_FOUND") c.args_.file = join(repo.dir, "nope.json");
      if (c.code === "DIR_NOT_FOUND") c.args_.dir = join(repo.dir, "nope");
      for (const locale of ["en", "de"]) {
        const t = createTranslator(locale);
        const result = run(["--locale", locale, ...c.args]);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe("");
        const hint = t(`hints.${c.code}`, { ...c.args_, ...c.hint, defaultValue: "" });
        expect(hint, `${locale}: a hint for ${c.code}`).not.toBe("");
        expect(result.stderr).toBe(`${t("errors.prefix")} ${t(`errors.${c.code}`, c.args_)}\n${t("errors.hint")} ${hint}\n`);
      }
    });
  }

  it("invalid config JSON gets a hint", () => {
    const site = alphaBetaSite();
    try {
      site.write("transtrack.config.json", "{ languages: [de], }");
      const result = runCli(["status"], site.dir, site.env());
      expect(result.code).toBe(2);
      expect(result.stderr.split("\n")[1]).toBe(`${en("errors.hint")} ${en("hints.CONFIG_NOT_JSON")}`);
    } finally {
      site.cleanup();
    }
  });

  it("mark --commit takes any revision: HEAD, HEAD~1, a branch", () => {
    for (const rev of ["HEAD", "HEAD~1", "main"]) {
      expect(run(["mark", "posts/de/a.md", "--commit", rev]).code, rev).toBe(0);
      const sha = repo.git("rev-parse", rev);
      expect(readFileSync(join(repo.dir, "posts/de/a.md"), "utf8")).toContain(`source_commit: ${sha}\n`);
    }
    repo.git("checkout", "-q", "--", "posts/de/a.md");
  });

  it("--lang matches the site's language codes whatever their case", () => {
    const upper = JSON.parse(run(["status", "--json", "--lang", "DE"]).stdout) as { translations: { lang: string }[] };
    const lower = JSON.parse(run(["status", "--json", "--lang", "de"]).stdout) as { translations: { lang: string }[] };
    expect(upper.translations.length).toBeGreaterThan(0);
    expect(upper).toEqual(lower);
  });

  it("--locale in a language transtrack doesn't speak says so on stderr and goes on in English", () => {
    const result = run(["--locale", "xx", "status", "--json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${en("cli.localeFallback", { locale: "xx", locales: "de, en, es, fr, ja, zh" })}\n`);
    expect(run(["--locale", "de-AT", "status", "--json"]).stderr).toBe("");
  });
});
