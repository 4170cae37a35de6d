// Hostile posts and misconfigured CI, one repro per case: the built CLI on real repositories.
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { createRepo, type TestRepo } from "../helpers/git-repo.js";

let repo: TestRepo;
afterEach(() => repo?.cleanup());

const ORIGINAL = "---\ntitle: A\n---\nbody\n";

/** A YAML alias bomb: `levels` anchors, each a list of nine aliases of the one before, `title` the last. */
export function aliasBomb(levels: number): string {
  const names = "abcdefghijklmnopqrstuvwxyz".slice(0, levels).split("");
  const lines = [`a: &a [${Array(9).fill("lol").join(", ")}]`];
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
  return `---\n${lines.join("\n")}\ntitle: *${names[names.length - 1]}\n---\nbody\n`;
}

function json(args: string[], cwd = repo.dir): { code: number | null; report: { translations: { translation: string | null; source: string | null; status: string; problems: { code: string }[] }[]; problems: { code: string; file: string }[] } } {
  const run = runCli(args, cwd, repo.env());
  return { code: run.code, report: JSON.parse(run.stdout || "null") };
}

describe("case 1: a YAML alias bomb", () => {
  it("makes the post invalid with a code in bounded time, and every other result still shows", () => {
    repo = createRepo();
    repo.write("posts/en/p.md", aliasBomb(9));
    repo.write("posts/de/p.md", ORIGINAL);
    repo.write("posts/en/q.md", ORIGINAL);
    repo.write("posts/de/q.md", ORIGINAL);
    repo.commit("init");
    repo.write("posts/en/p.md", `${aliasBomb(9)}more\n`);
    repo.commit("change");
    const { code, report } = json(["status", "--json"]);
    expect(code).toBe(0);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: "FRONT_MATTER_EXPANDS", file: "posts/en/p.md" }));
    expect(report.translations.find((e) => e.translation === "posts/de/q.md")?.status).toBe("up-to-date");
    const check = runCli(["check"], repo.dir, repo.env());
    expect(check.code).toBe(1);
  });

  it("makes a translation holding one invalid", () => {
    repo = createRepo();
    repo.write("posts/en/p.md", ORIGINAL);
    repo.write("posts/de/p.md", aliasBomb(9));
    repo.commit("init");
    const { report } = json(["status", "--json"]);
    const entry = report.translations.find((e) => e.translation === "posts/de/p.md");
    expect(entry?.status).toBe("invalid");
    expect(entry?.problems.map((p) => p.code)).toContain("FRONT_MATTER_EXPANDS");
  });
});

describe("case 5: a front-matter language named like an Object.prototype member", () => {
  it("is invalid, so check fails instead of passing the post unread", () => {
    repo = createRepo();
    repo.write("posts/en/a.md", ORIGINAL);
    for (const language of ["constructor", "valueOf", "__lookupGetter__"]) {
      repo.write(`posts/de/${language}.md`, `---${language}\ntranslation_of: ../../etc/passwd\nsource_commit: --all\n---\nbody\n`);
    }
    repo.commit("init");
    const run = runCli(["check", "--format", "json"], repo.dir, repo.env());
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { violations: { code: string; translation: string }[] };
    expect(result.violations.filter((v) => v.code === "invalid").map((v) => v.translation).sort()).toEqual([
      "posts/de/__lookupGetter__.md",
      "posts/de/constructor.md",
      "posts/de/valueOf.md",
    ]);
    const { report } = json(["status", "--json"]);
    for (const entry of report.translations.filter((e) => e.translation !== null)) expect(entry.problems.map((p) => p.code)).toContain("INVALID_FRONT_MATTER");
  });
});
