import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { SimpleGit } from "simple-git";
import { RepoError } from "../errors.js";
import { realpathOr } from "../fs-paths.js";
import { catFile, type BlobReader, type ObjectChecker } from "./blob-reader.js";
import { LISTING_ARGS, STATE_ARGS, type RepoProbe } from "./probe.js";
import { gitEnvironment, runGit, type GitEnv } from "./run.js";

/** Where a repository stands: its git dir, whether it is shallow, and HEAD (null when it has no commits). */
export interface RepoState {
  gitDir: string;
  shallow: boolean;
  head: string | null;
}

/** The one door to a git repository: every git call of transtrack goes through here. */
export class GitRepo {
  readonly root: string;
  readonly env: GitEnv;
  private simpleGit: Promise<SimpleGit> | null = null;
  private objects: { blobs: BlobReader; checker: ObjectChecker } | null = null;
  /** Where the repository stood when it was opened with `openWithState`. */
  private known: RepoState | null = null;
  /** Answers git gave before the repository was opened, each used once (a later call asks again). */
  private probe: { listing: Promise<string> | null } | null = null;

  private constructor(root: string, env: NodeJS.ProcessEnv) {
    this.root = root;
    this.env = { cwd: root, env };
  }

  /** Opens the repository containing `cwd`, like git does; RepoError when there is none. */
  static async open(cwd: string, env: NodeJS.ProcessEnv): Promise<GitRepo> {
    let root: string;
    try {
      root = (await runGit({ cwd, env }, ["rev-parse", "--show-toplevel"])).trim();
    } catch (error) {
      // git can't even start in a directory that isn't there: say that, not "not a repository".
      if (!existsSync(cwd)) throw new RepoError("DIR_NOT_FOUND", { dir: cwd }, { cause: error });
      throw new RepoError("NOT_A_REPO", { dir: cwd }, { cause: error });
    }
    if (!root) throw new RepoError("NOT_A_REPO", { dir: cwd });
    return new GitRepo(root, env);
  }

  /**
   * Opens the repository containing `cwd` and reads where it stands (see `state`) in one git call; null
   * when that fails (not a repository, no commits yet): `open` then says why.
   */
  static async openWithState(cwd: string, env: NodeJS.ProcessEnv, probe?: RepoProbe): Promise<{ repo: GitRepo; state: RepoState } | null> {
    const asked = probe?.dir === cwd ? probe : null;
    let out: string;
    try {
      out = await (asked?.state ?? runGit({ cwd, env }, STATE_ARGS));
    } catch {
      return null;
    }
    const [root = "", gitDir = "", shallow = "", head = ""] = out.split("\n");
    if (!root || !gitDir || !/^[0-9a-f]{40,64}$/.test(head)) return null;
    const repo = new GitRepo(root, env);
    const state = { gitDir, shallow: shallow === "true", head };
    repo.known = state;
    // The probe's listing names paths from where it ran: usable only if that is the top level.
    if (asked && root === realpathOr(cwd)) repo.probe = asked;
    return { repo, state };
  }

  /** simple-git, for the commands that change the repository; loaded on first use so reads don't pay for it. */
  private writer(): Promise<SimpleGit> {
    this.simpleGit ??= import("simple-git").then(({ simpleGit }) =>
      simpleGit({
        baseDir: this.root,
        config: ["core.fsmonitor=false"],
        // simple-git takes a failure that printed nothing on stderr (a silent hook refusing a commit) for
        // success; any exit status but 0 is a failure here, in git's words when it has any.
        errors: (error, result) => {
          if (error) return error;
          if (result.exitCode === 0) return undefined;
          const said = Buffer.concat([...result.stdErr, ...result.stdOut]);
          return said.toString().trim() === "" ? Buffer.from(`exit status ${result.exitCode}`) : said;
        },
      }).env(gitEnvironment(this.env.env)),
    );
    return this.simpleGit;
  }

  /** Output of a read-only git command; empty when it fails (callers treat that as "none"). */
  private async read(args: readonly string[]): Promise<string> {
    return runGit(this.env, args).catch(() => "");
  }

  /** HEAD's commit sha; RepoError when the repository has no commits yet. */
  async head(): Promise<string> {
    if (this.known?.head) return this.known.head;
    const sha = (await this.read(["rev-parse", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}"])).trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new RepoError("NO_COMMITS", { dir: this.root });
    return sha;
  }

  /** The commits a shallow clone cut off from their parents; empty in a full clone. */
  async shallowCommits(): Promise<string[]> {
    if (this.known && !this.known.shallow) return [];
    const shallow = (await runGit(this.env, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
    if (!shallow) return [];
    const file = (await runGit(this.env, ["rev-parse", "--git-path", "shallow"])).trim();
    const text = await readFile(isAbsolute(file) ? file : join(this.root, file), "utf8").catch(() => "");
    return text.split("\n").filter((l) => /^[0-9a-f]{40,64}$/.test(l));
  }

  /** Every file in the working tree git tracks or would track (ignored files left out). */
  async listFiles(): Promise<string[]> {
    return (await this.listFilesTagged()).files;
  }

  /** `listFiles`, with the files git doesn't track yet told apart. */
  async listFilesTagged(): Promise<{ files: string[]; untracked: Set<string> }> {
    const asked = this.probe?.listing;
    if (this.probe) this.probe = { ...this.probe, listing: null };
    const out = await (asked ?? runGit(this.env, LISTING_ARGS));
    const files = new Set<string>();
    const untracked = new Set<string>();
    // Each record is "<tag> <path>": "?" for an untracked file, a letter for a tracked one.
    for (const record of out.split("\0")) {
      if (record.length < 3) continue;
      const path = record.slice(2);
      files.add(path);
      if (record.charCodeAt(0) === 0x3f) untracked.add(path);
    }
    return { files: [...files], untracked };
  }



  /** Content of blobs through one long-lived `git cat-file --batch`. */
  blobs(): BlobReader {
    return this.catFile().blobs;
  }

  /** The one `cat-file` process, shared by object reads and name resolution; started on first use. */
  private catFile(): { blobs: BlobReader; checker: ObjectChecker } {
    this.objects ??= catFile(this.root, { env: gitEnvironment(this.env.env) });
    return this.objects;
  }

  /** Resolves a possibly abbreviated commit sha to a full one; null when missing or ambiguous. */
  async resolveCommit(name: string): Promise<{ sha: string } | "missing" | "ambiguous"> {
    const result = await this.catFile().checker.check(`${name}^{commit}`);
    return typeof result === "string" ? result : { sha: result.oid };
  }

  /** The commit a ref (branch, tag, sha, `HEAD~2`) names; null when it names none. */
  async resolveRef(ref: string): Promise<string | null> {
    const out = await this.read(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    const sha = out.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
  }

  /** The best common ancestor of two commits (full shas); null when they share no history git can see. */
  async mergeBase(a: string, b: string): Promise<string | null> {
    if (![a, b].every((s) => /^[0-9a-f]{40,64}$/.test(s))) return null;
    // Exit 1 with no output means "no common ancestor"; either way there is no base to use.
    const out = await this.read(["merge-base", a, b]);
    const sha = out.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
  }

  /** Subject line and committer date of each commit, by full sha, in one git call. */
  async commitSubjects(shas: readonly string[]): Promise<Map<string, { subject: string; date: string }>> {
    const result = new Map<string, { subject: string; date: string }>();
    const valid = shas.filter((s) => /^[0-9a-f]{40,64}$/.test(s));
    if (valid.length === 0) return result;
    const out = await runGit(this.env, ["show", "-s", "--no-walk=unsorted", "--format=%H%x1f%cI%x1f%s%x1e", "--end-of-options", ...valid]);
    for (const record of out.split("\x1e")) {
      const [sha, date, subject] = record.trim().split("\x1f");
      if (sha && date !== undefined) result.set(sha, { subject: subject ?? "", date });
    }
    return result;
  }

  /** Commits one file with a message; nothing else in the index is included. */
  async commitFile(path: string, message: string): Promise<string> {
    return this.commitFiles([path], message);
  }

  /**
   * Commits these files, and nothing else in the index, as one commit. The paths go to git in a file, not
   * on the command line, so that a run's thousands of translations fit.
   */
  async commitFiles(paths: readonly string[], message: string): Promise<string> {
    const git = await this.writer();
    // Each path names itself: `[`, `*` or a leading `:` in a file name is not a pattern or magic.
    const specs = paths.map((p) => `:(literal)${p}\0`).join("");
    const dir = join(await this.gitDir(), "transtrack");
    await mkdir(dir, { recursive: true });
    const file = join(dir, `commit-${randomBytes(6).toString("hex")}.pathspec`);
    const from = [`--pathspec-from-file=${file}`, "--pathspec-file-nul"];
    try {
      // "wx": a file of this commit's own, never one planted under its name.
      await writeFile(file, specs, { flag: "wx", mode: 0o600 });
      await git.raw(["add", ...from]);
      await git.raw(["commit", "--quiet", "--only", "-m", message, ...from]);
      return (await git.raw(["rev-parse", "HEAD"])).trim();
    } catch (error) {
      // A hook that refused, a locked index: an expected failure with git's own words.
      const reason = (error as Error).message.trim().split("\n")[0] ?? "";
      throw new RepoError("GIT_FAILED", { command: "commit", reason }, { cause: error });
    } finally {
      await rm(file, { force: true });
    }
  }

  /** The repository's git directory, absolute (a linked worktree's own). */
  async gitDir(): Promise<string> {
    if (this.known?.gitDir) return this.known.gitDir;
    return (await runGit(this.env, ["rev-parse", "--absolute-git-dir"])).trim();
  }

  /** Fetches the history a shallow clone lacks, without blobs it doesn't need. */
  async deepen(): Promise<void> {
    await (await this.writer()).raw(["fetch", "--quiet", "--filter=blob:none", "--unshallow"]);
  }

  /** Ends the long-lived git processes. */
  async close(): Promise<void> {
    await this.objects?.blobs.close();
    this.objects = null;
  }
}
