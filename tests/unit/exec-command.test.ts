import { describe, expect, it } from "vitest";
import { execArgv, execEnv, execWords, PLACEHOLDERS, safePath, shellLine, type ExecValues } from "../../src/update/exec-command.js";
import { shellWords } from "../../src/update/shell-words.js";

const VALUES: ExecValues = {
  source: "posts/en/a b.md",
  translation: "posts/de/it's a \"post\" $(touch pwned).md",
  lang: "de",
  sourceLang: "en",
  baseline: "1".repeat(40),
  head: "2".repeat(40),
  diff: "/repo/.git/transtrack/exec-x/1.diff",
};

describe("update --exec's command", () => {
  it("is split into words as $EDITOR is, with no shell", () => {
    expect(execWords(`python scripts/translate.py --file {source} --out "{translation}" 'a b'`)).toEqual([
      "python",
      "scripts/translate.py",
      "--file",
      "{source}",
      "--out",
      "{translation}",
      "a b",
    ]);
    expect(execWords("   ")).toEqual([]);
  });

  it("replaces placeholders inside words, each value staying inside its word", () => {
    const argv = execArgv(["tr", "--file={source}", "{translation}", "{lang}-{sourceLang}", "{baseline}..{head}", "{diff}", "{unknown}", "{{lang}}"], VALUES);
    expect(argv).toEqual([
      "tr",
      "--file=posts/en/a b.md",
      VALUES.translation,
      "de-en",
      `${VALUES.baseline}..${VALUES.head}`,
      VALUES.diff,
      "{unknown}",
      "{de}",
    ]);
  });

  it("never expands a value again, nor reads $ patterns in it", () => {
    const values = { ...VALUES, source: "posts/en/{lang} $& $1 $$.md" };
    expect(execArgv(["{source}"], values)).toEqual(["posts/en/{lang} $& $1 $$.md"]);
  });

  it("gives a path that starts with a dash a ./ so it is no option", () => {
    expect(safePath("-rf.de.md")).toBe("./-rf.de.md");
    expect(safePath("--help.md")).toBe("./--help.md");
    expect(safePath("posts/de/-x.md")).toBe("posts/de/-x.md");
  });

  it("puts every value in the environment under its TRANSTRACK_ name, over the caller's", () => {
    const env = execEnv({ PATH: "/bin", TRANSTRACK_LANG: "xx" }, VALUES);
    expect(env.PATH).toBe("/bin");
    expect(Object.keys(PLACEHOLDERS).map((k) => env[PLACEHOLDERS[k as keyof ExecValues]])).toEqual(Object.keys(PLACEHOLDERS).map((k) => VALUES[k as keyof ExecValues]));
    expect(Object.values(PLACEHOLDERS).sort()).toEqual([
      "TRANSTRACK_BASELINE",
      "TRANSTRACK_DIFF",
      "TRANSTRACK_HEAD",
      "TRANSTRACK_LANG",
      "TRANSTRACK_SOURCE",
      "TRANSTRACK_SOURCE_LANG",
      "TRANSTRACK_TRANSLATION",
    ]);
  });

  it("prints a command for --dry-run that a shell reads back to the same words", () => {
    const argv = ["python", "tr.py", "--out", VALUES.translation, "", "a\\b", "'", "plain/path-1.md", "x=y"];
    const line = shellLine(argv);
    expect(shellWords(line)).toEqual(argv);
    expect(line.startsWith("python tr.py --out '")).toBe(true);
  });
});
