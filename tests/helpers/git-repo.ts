import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";

/** A real git repository in a temp dir whose commits have a fixed identity and fixed dates. */
export interface TestRepo {
  /** Realpath of the repository's work tree. */
  dir: string;
  /** Runs git in `dir` with the fixed env; returns stdout without trailing whitespace. */
  git(...args: string[]): string;
  /** Writes a file relative to `dir`, creating directories. */
  write(path: string, content: string | Uint8Array): void;
  /** Deletes a file or directory relative to `dir`. */
  remove(path: string): void;
  /** `git add -A` and commit; returns the full sha of the new commit. */
  commit(message: string, options?: { date?: string }): string;
  /** The author/committer date the next commit will get (ISO 8601). */
  nextDate(): string;
  /** The env every git call uses, for spawning git or the CLI against this repo yourself. */
  env(): NodeJS.ProcessEnv;
  /** Removes the repository and its fake home; safe to call twice. */
  cleanup(): void;
}

const IDENTITY = { name: "Test Author", email: "test@example.com" };
const FIRST_DATE = Date.parse("2026-01-01T10:00:00Z");
const DAY_MS = 24 * 60 * 60 * 1000;
// Subcommands that may create commits (or annotated tags); each moves the clock on so that
// every commit gets its own date. Skipping a day when none was created is harmless.
const RECORDING = new Set(["commit", "merge", "cherry-pick", "revert", "rebase", "am", "pull", "tag", "stash"]);

/** Creates an empty repository (`git init -b main` unless another branch is given). */
export function createRepo(options: { branch?: string } = {}): TestRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "transtrack-repo-")));
  // A home of its own so the developer's ~/.gitconfig (signing, hooks, templates) is never read.
  const home = realpathSync(mkdtempSync(join(tmpdir(), "transtrack-home-")));
  let clock = FIRST_DATE;
  let override: string | undefined;

  const nextDate = (): string => override ?? new Date(clock).toISOString().replace(".000Z", "Z");

  const env = (): NodeJS.ProcessEnv => {
    // Inherited GIT_* variables (GIT_DIR from a hook, GIT_INDEX_FILE, …) would redirect git.
    // CI and terminal settings of the machine running the tests (GITHUB_ACTIONS, NO_COLOR, LANG…)
    // would change the CLI's defaults, so tests start from none of them.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([key]) => !key.startsWith("GIT_") && !key.startsWith("GITHUB_") && !/^(CI|NO_COLOR|FORCE_COLOR|LANG|LANGUAGE|LC_.*|VISUAL|EDITOR|PAGER)$/.test(key),
      ),
    );
    const date = nextDate();
    return {
      ...inherited,
      HOME: home,
      XDG_CONFIG_HOME: home,
      LC_ALL: "C",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: IDENTITY.name,
      GIT_AUTHOR_EMAIL: IDENTITY.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: IDENTITY.name,
      GIT_COMMITTER_EMAIL: IDENTITY.email,
      GIT_COMMITTER_DATE: date,
    };
  };

  const git = (...args: string[]): string => {
    const output = execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", ...args], {
      cwd: dir,
      env: env(),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
    if (RECORDING.has(args.find((arg) => !arg.startsWith("-")) ?? "")) clock += DAY_MS;
    // trimEnd, not trim: porcelain output such as ` M file` starts with meaningful spaces.
    return output.trimEnd();
  };

  const inside = (path: string): string => {
    const target = resolve(dir, path);
    const rel = relative(dir, target);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) throw new Error(`path outside the test repo: ${path}`);
    return target;
  };

  const cleanup = (): void => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  };

  try {
    git("init", "-q", "-b", options.branch ?? "main");
  } catch (error) {
    cleanup();
    throw error;
  }

  return {
    dir,
    git,
    nextDate,
    env,
    write(path, content) {
      const target = inside(path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    },
    remove(path) {
      rmSync(inside(path), { recursive: true });
    },
    commit(message, commitOptions = {}) {
      git("add", "-A");
      override = commitOptions.date;
      try {
        git("commit", "-q", "--no-verify", "-m", message);
      } finally {
        override = undefined;
      }
      return git("rev-parse", "HEAD");
    },
    cleanup,
  };
}
