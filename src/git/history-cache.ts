import { createHash, randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { IgnoreRules } from "../core/ignore.js";
import { POST_EXTENSIONS } from "../core/layout.js";
import type { RawChange } from "./log-parser.js";
import type { LoggedCommit } from "./read-history.js";
import { runGit, type GitEnv } from "./run.js";

// The file: a magic line, a JSON header line, then the JSON body the header's digest covers.
//   transtrack-history-index 1
//   {"key":"…","head":"<sha>","commits":N,"bytes":B,"sha256":"…"}
//   {"paths":[…],"commits":[[sha,"parent parent",time,ignored,status,oldBlob,newBlob,path,oldPath,…],…]}
const MAGIC = "transtrack-history-index";
/** Bumped whenever what is stored, or how it is read from git, changes. */
const VERSION = 1;
const FILE = `history-index.v${VERSION}`;
const MAX_BYTES = 1024 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const STATUS = /^[A-Z]$/;
const NOFOLLOW = (constants.O_NOFOLLOW as number | undefined) ?? 0;

/** What a cache file holds: every commit reachable from `head`, newest first, as `readHistory` returned them. */
export interface CachedHistory {
  head: string;
  commits: LoggedCommit[];
}

/** What a cached index is valid for besides its head: the format, which files are posts, and the ignore rules. */
export function cacheKey(rules: IgnoreRules): string {
  const what = JSON.stringify({ v: VERSION, posts: POST_EXTENSIONS, messages: rules.messages, trailers: rules.trailers });
  return createHash("sha256").update(what).digest("hex");
}

/** The cache of one repository (one worktree): a file under its git dir. */
export class HistoryCache {
  private constructor(
    private readonly dir: string,
    private readonly key: string,
  ) {}

  /** The cache under this repository's git dir; null when the place is unusable (a link, not a directory). */
  static async open(git: GitEnv, key: string): Promise<HistoryCache | null> {
    let gitDir: string;
    try {
      // Per worktree: a linked worktree's git dir is its own, so two checkouts don't overwrite each other.
      gitDir = (await runGit(git, ["rev-parse", "--absolute-git-dir"])).trim();
    } catch {
      return null;
    }
    if (!gitDir) return null;
    const dir = join(gitDir, "transtrack");
    const info = await lstat(dir).catch(() => null);
    if (info !== null && (info.isSymbolicLink() || !info.isDirectory())) return null;
    return new HistoryCache(dir, key);
  }

  /** The cached index, or null when there is none or it can't be trusted (wrong key, damaged, truncated). */
  async read(): Promise<CachedHistory | null> {
    let bytes: Buffer;
    try {
      const handle = await open(join(this.dir, FILE), constants.O_RDONLY | NOFOLLOW);
      try {
        const info = await handle.stat();
        if (!info.isFile() || info.size > MAX_BYTES) return null;
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch {
      return null;
    }
    return decode(bytes, this.key);
  }

  /** Replaces the cached index atomically (temp file + rename); failures are ignored, the cache being an optimisation. */
  async write(head: string, commits: readonly LoggedCommit[]): Promise<void> {
    const temp = join(this.dir, `${FILE}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await mkdir(this.dir, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
      const info = await lstat(this.dir);
      if (info.isSymbolicLink() || !info.isDirectory()) return;
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
      try {
        // No fsync: a file torn by a crash fails its digest and is rebuilt, which is all a cache needs.
        await handle.writeFile(encode(head, commits, this.key));
      } finally {
        await handle.close();
      }
      await rename(temp, join(this.dir, FILE));
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}

/** The file's bytes for an index. */
export function encode(head: string, commits: readonly LoggedCommit[], key: string): Buffer {
  const pathIndex = new Map<string, number>();
  const paths: string[] = [];
  const indexOf = (path: string | null) => {
    if (path === null) return -1;
    let i = pathIndex.get(path);
    if (i === undefined) {
      i = paths.length;
      paths.push(path);
      pathIndex.set(path, i);
    }
    return i;
  };
  const rows = commits.map((c) => {
    const row: (string | number)[] = [c.sha, c.parents.join(" "), c.time, c.ignored ? 1 : 0];
    for (const ch of c.changes) row.push(ch.status, ch.oldBlob, ch.newBlob, indexOf(ch.path), indexOf(ch.oldPath));
    return row;
  });
  const body = Buffer.from(JSON.stringify({ paths, commits: rows }));
  const header = { key, head, commits: commits.length, bytes: body.length, sha256: createHash("sha256").update(body).digest("hex") };
  return Buffer.concat([Buffer.from(`${MAGIC} ${VERSION}\n${JSON.stringify(header)}\n`), body]);
}

/** The index a file holds, or null unless every check passes: magic, version, key, length, digest and shape. */
export function decode(bytes: Buffer, key: string): CachedHistory | null {
  try {
    const first = bytes.indexOf(0x0a);
    const second = first < 0 ? -1 : bytes.indexOf(0x0a, first + 1);
    if (second < 0 || bytes.toString("latin1", 0, first) !== `${MAGIC} ${VERSION}`) return null;
    const header = JSON.parse(bytes.toString("utf8", first + 1, second)) as Record<string, unknown>;
    const body = bytes.subarray(second + 1);
    if (header.key !== key || typeof header.head !== "string" || !SHA.test(header.head) || header.bytes !== body.length) return null;
    if (header.sha256 !== createHash("sha256").update(body).digest("hex")) return null;
    const parsed = JSON.parse(body.toString("utf8")) as { paths?: unknown; commits?: unknown };
    const paths = parsed.paths;
    const rows = parsed.commits;
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === "string") || !Array.isArray(rows) || rows.length !== header.commits) return null;
    const commits: LoggedCommit[] = [];
    for (const row of rows as unknown[]) {
      const commit = decodeRow(row, paths as string[]);
      if (commit === null) return null;
      commits.push(commit);
    }
    if (commits.length === 0 || commits[0]!.sha !== header.head) return null;
    return { head: header.head, commits };
  } catch {
    return null;
  }
}

function decodeRow(row: unknown, paths: readonly string[]): LoggedCommit | null {
  if (!Array.isArray(row) || row.length < 4 || (row.length - 4) % 5 !== 0) return null;
  const [sha, parents, time, ignored] = row as unknown[];
  if (typeof sha !== "string" || !SHA.test(sha) || typeof parents !== "string" || typeof time !== "number" || !Number.isFinite(time)) return null;
  if (ignored !== 0 && ignored !== 1) return null;
  const parentList = parents === "" ? [] : parents.split(" ");
  if (!parentList.every((p) => SHA.test(p))) return null;
  const changes: RawChange[] = [];
  for (let i = 4; i < row.length; i += 5) {
    const [status, oldBlob, newBlob, path, oldPath] = row.slice(i, i + 5) as unknown[];
    if (typeof status !== "string" || !STATUS.test(status) || typeof oldBlob !== "string" || !SHA.test(oldBlob) || typeof newBlob !== "string" || !SHA.test(newBlob)) return null;
    if (typeof path !== "number" || typeof oldPath !== "number" || paths[path] === undefined || (oldPath !== -1 && paths[oldPath] === undefined)) return null;
    changes.push({ status, oldBlob, newBlob, path: paths[path]!, oldPath: oldPath === -1 ? null : paths[oldPath]! });
  }
  return { sha, parents: parentList, time, ignored: ignored === 1, changes };
}

/** True when `ancestor` exists and is HEAD's ancestor (or HEAD itself). */
export async function isAncestor(git: GitEnv, ancestor: string, head: string): Promise<boolean> {
  if (ancestor === head) return true;
  return runGit(git, ["merge-base", "--is-ancestor", "--end-of-options", ancestor, head]).then(
    () => true,
    () => false,
  );
}
