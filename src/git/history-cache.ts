import { createHash } from "node:crypto";
import { codeVersion } from "../code-version.js";
import type { CommitScope, IgnoreRules } from "../core/ignore.js";
import { POST_EXTENSIONS } from "../core/layout.js";
import type { RawChange } from "./log-parser.js";
import type { LoggedCommit } from "./read-history.js";
import { CacheDir, decodeCacheFile, encodeCacheFile, type CacheHeader } from "./cache-file.js";
import { runGit, type GitEnv } from "./run.js";

// The file: a magic line, a JSON header line, then the JSON body the header's digest covers.
//   transtrack-history-index
//   {"key":"…","head":"<sha>","commits":N,"bytes":B,"crc32":C}
//   {"commits":[[sha,"parent parent",time,ignored,status,oldBlob,newBlob,path,oldPath,…],…],"paths":[…]}
const FILE = "history-index";
const MAGIC_LINE = "transtrack-history-index";
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const STATUS = /^[A-Z]$/;

/** What a cache file holds: every commit reachable from `head`, newest first, as `readHistory` returned them. */
export interface CachedHistory {
  head: string;
  commits: LoggedCommit[];
}

/** What a cached index is valid for besides its head: the code that wrote it (format and rules), which files are posts, and the ignore rules. */
export function cacheKey(rules: IgnoreRules): string {
  const what = JSON.stringify({
    code: codeVersion(),
    posts: POST_EXTENSIONS,
    messages: rules.messages,
    trailers: rules.trailers,
    keywords: rules.keywords ?? [],
    directives: rules.directives ?? false,
  });
  return createHash("sha256").update(what).digest("hex");
}

/** The cached history index of one repository (one worktree), in its git dir's transtrack directory. */
export class HistoryCache {
  private constructor(
    private readonly dir: CacheDir,
    private readonly key: string,
  ) {}

  /** The cache under this repository's git dir; null when the place is unusable (a link, not a directory). */
  static async open(git: GitEnv, key: string, gitDir?: string): Promise<HistoryCache | null> {
    const dir = await CacheDir.open(git, gitDir);
    return dir === null ? null : new HistoryCache(dir, key);
  }

  /** The cached index, or null when there is none or it can't be trusted (wrong key, damaged, truncated). */
  async read(): Promise<CachedHistory | null> {
    const contents = await this.dir.read(FILE, MAGIC_LINE, this.key);
    return contents === null ? null : decodeBody(contents.header, contents.body);
  }

  /** Whether a file is there at all, usable or not. */
  async exists(): Promise<boolean> {
    return this.dir.exists(FILE);
  }

  /** Replaces the cached index atomically; failures are ignored, the cache being an optimisation. */
  async write(head: string, commits: readonly LoggedCommit[]): Promise<void> {
    await this.dir.write(FILE, MAGIC_LINE, () => ({ key: this.key, head, commits: commits.length }), encodeBody(commits));
  }
}

/** The file's bytes for an index. */
export function encode(head: string, commits: readonly LoggedCommit[], key: string): Buffer {
  return encodeCacheFile(MAGIC_LINE, { key, head, commits: commits.length }, Buffer.concat([...encodeBody(commits)]));
}

/** The index a file holds, or null unless every check passes: magic, version, key, length, digest and shape. */
export function decode(bytes: Buffer, key: string): CachedHistory | null {
  const contents = decodeCacheFile(bytes, MAGIC_LINE, key);
  return contents === null ? null : decodeBody(contents.header, contents.body);
}

/**
 * The body, produced a few hundred commits at a time as it is written: a row per commit whose changes
 * point into the paths, then every path once (JSON doesn't mind the order, and the paths are known last).
 */
function* encodeBody(commits: readonly LoggedCommit[]): Generator<Buffer> {
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
  yield Buffer.from('{"commits":[');
  for (let first = 0; first < commits.length; first += 500) {
    const rows = commits.slice(first, first + 500).map((c) => {
      // A commit whose message narrows the files it counts for keeps that beside its flag: [flag, scope].
      const flag = c.ignored ? 1 : 0;
      const row: unknown[] = [c.sha, c.parents.join(" "), c.time, c.scope ? [flag, c.scope] : flag];
      for (const ch of c.changes) row.push(ch.status, ch.oldBlob, ch.newBlob, indexOf(ch.path), indexOf(ch.oldPath));
      return JSON.stringify(row);
    });
    yield Buffer.from(`${first > 0 ? "," : ""}${rows.join(",")}`);
  }
  yield Buffer.from(`],"paths":${JSON.stringify(paths)}}`);
}

/** The commits of a checked body, or null when any row is malformed or the first commit is not the header's head. */
function decodeBody(header: CacheHeader, body: Buffer): CachedHistory | null {
  try {
    if (!SHA.test(header.head)) return null;
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
  const [sha, parents, time, flags] = row as unknown[];
  const scoped = Array.isArray(flags) && flags.length === 2 ? flags : null;
  const ignored: unknown = scoped ? scoped[0] : flags;
  const scope = scoped ? decodeScope(scoped[1]) : undefined;
  if (scope === null) return null;
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
  return { sha, parents: parentList, time, ignored: ignored === 1, ...(scope ? { scope } : {}), changes };
}

/** A commit's scope as written, or null when it is not one. */
function decodeScope(value: unknown): CommitScope | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { none, track, ignore, ...rest } = value as Record<string, unknown>;
  const globs = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((g) => typeof g === "string"));
  if (Object.keys(rest).length > 0 || (none !== undefined && none !== true) || !globs(track) || !globs(ignore)) return null;
  return value as CommitScope;
}

/** True when `ancestor` exists and is HEAD's ancestor (or HEAD itself). */
export async function isAncestor(git: GitEnv, ancestor: string, head: string): Promise<boolean> {
  if (ancestor === head) return true;
  return runGit(git, ["merge-base", "--is-ancestor", "--end-of-options", ancestor, head]).then(
    () => true,
    () => false,
  );
}
