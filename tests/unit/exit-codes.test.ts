import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../../src/cli/run-cli.js";
import { EXIT_ERROR, EXIT_INTERNAL } from "../../src/errors.js";

const outside = mkdtempSync(join(tmpdir(), "transtrack-norepo-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

/** An in-process run whose stdout throws what `fault` gives, as a bug anywhere in a command would. */
async function run(argv: string[], fault: () => unknown): Promise<{ code: number; stderr: string }> {
  let stderr = "";
  const io: CliIo = {
    cwd: outside,
    // git must not look above the empty folder: another test's repository in the temp dir would be found.
    env: { LC_ALL: "C", PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: dirname(outside) },
    stdin: process.stdin,
    stdout: { write: () => { throw fault(); } } as unknown as CliIo["stdout"],
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as CliIo["stderr"],
  };
  return { code: await runCli(argv, io), stderr };
}

describe("exit codes", () => {
  it("give an internal failure its own code and a please-report hint, the stack only with --verbose", async () => {
    const plain = await run(["--version"], () => new TypeError("x is not a function"));
    expect(plain.code).toBe(EXIT_INTERNAL);
    expect(EXIT_INTERNAL).toBe(70);
    expect(plain.stderr).toContain("exit 70");
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const verbose = await run(["--version", "--verbose"], () => new RangeError("Invalid string length"));
    expect(verbose.code).toBe(EXIT_INTERNAL);
    expect(verbose.stderr).toMatch(/^RangeError: Invalid string length\n\s+at /m);
    expect(verbose.stderr).toContain("exit 70");
  });

  it("keep 2 for known errors", async () => {
    const bad = await run(["status", "--bogus"], () => new Error("unused"));
    expect(bad.code).toBe(EXIT_ERROR);
    const repo = await run(["status", "--verbose"], () => new Error("unused"));
    expect(repo.code).toBe(EXIT_ERROR);
    expect(repo.stderr).toMatch(/^RepoError: NOT_A_REPO\b/m);
  });
});
