import { createHash } from "node:crypto";
import { lstatSync } from "node:fs";
import { codeVersion } from "../code-version.js";
import type { Config } from "../config/schema.js";
import { PROBLEM_CODES, type Post, type Problem } from "../core/types.js";
import { CacheDir, worthRewriting } from "../git/cache-file.js";
import type { GitEnv } from "../git/run.js";

// The file: a magic line, a JSON header line, then a JSON body the header's checksum covers.
//   transtrack-post-index
//   {"key":"…","head":"","bytes":B,"crc32":C}
//   [["<path>","<stamp>",<Post>],…]
const FILE = "post-index";
const MAGIC_LINE = "transtrack-post-index";
const PROBLEMS = new Set<string>(PROBLEM_CODES);

/**
 * What a file's lstat says of its bytes, as git's index keeps it: size, modification and change times
 * in nanoseconds, inode and mode. Any write to the file changes the times (and a rename-over the inode);
 * a chmod changes the change time.
 */
export interface FileStamp {
  /** Every field, as one string to compare. */
  readonly key: string;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
}

/**
 * Parsed posts (`parsePost`'s result) by path, validated by each file's stamp like git's index: a post is
 * taken from here only when its file's stamp is exactly the one it was read with, and that stamp's
 * times are older than this file itself (git's racy-timestamp rule: a file written in the same tick as
 * the index could change again without its stamp changing). The file's key holds the code's digest and
 * the whole configuration, so a post parsed by other code or under other settings is never used.
 */
export class PostIndex {
  private readonly fresh = new Map<string, [string, Post]>();
  private added = 0;

  private constructor(
    private readonly dir: CacheDir | null,
    private readonly key: string,
    private readonly stored: Map<string, [string, Post]>,
    /** Stamps with a time at or after this (the file's own modification time) are not trusted. */
    private readonly writtenNs: bigint,
    /** Why a file that was there was not used, for `--verbose`; null when it was used or there was none. */
    readonly rejected: string | null,
  ) {}

  /** The index under the repository's git dir; an empty one that is never written when `enabled` is false or the place is unusable. */
  static async open(git: GitEnv, config: Config, enabled: boolean): Promise<PostIndex> {
    const key = createHash("sha256").update(JSON.stringify({ code: codeVersion(), config })).digest("hex");
    const dir = enabled ? await CacheDir.open(git) : null;
    if (dir === null) return new PostIndex(null, key, new Map(), 0n, null);
    const contents = await dir.read(FILE, MAGIC_LINE, key);
    if (contents === null) {
      const present = await dir.exists(FILE);
      return new PostIndex(dir, key, new Map(), 0n, present ? "stale or damaged" : null);
    }
    const stored = decodeBody(contents.body);
    if (stored === null) return new PostIndex(dir, key, new Map(), 0n, "malformed");
    return new PostIndex(dir, key, stored, contents.writtenNs ?? 0n, null);
  }

  /** Whether lookups can hit and results will be kept. */
  get enabled(): boolean {
    return this.dir !== null;
  }

  /** The stamp of a regular file (links and everything else: null, never cached). */
  static stamp(absolute: string): FileStamp | null {
    const info = lstatSync(absolute, { bigint: true, throwIfNoEntry: false });
    if (info === undefined || !info.isFile()) return null;
    return {
      key: `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.mode}`,
      mtimeNs: info.mtimeNs,
      ctimeNs: info.ctimeNs,
    };
  }

  /** The post stored for `path` read with exactly this stamp, unless the stamp is racy; it is kept for the next save. */
  get(path: string, stamp: FileStamp): Post | undefined {
    const entry = this.stored.get(path);
    if (entry === undefined || entry[0] !== stamp.key) return undefined;
    if (stamp.mtimeNs >= this.writtenNs || stamp.ctimeNs >= this.writtenNs) return undefined;
    this.fresh.set(path, entry);
    return entry[1];
  }

  /** Stores a post as parsed from the file whose stamp was taken before it was read. */
  set(path: string, stamp: FileStamp, post: Post): void {
    this.fresh.set(path, [stamp.key, post]);
    this.added++;
  }

  /** Writes the file when enough posts were parsed anew or let go to be worth it (atomically; a failure only costs the next run time). */
  async save(): Promise<void> {
    const dropped = this.stored.size - (this.fresh.size - this.added);
    if (this.dir === null || !worthRewriting(this.added + dropped, this.stored.size)) return;
    const rows = [...this.fresh].map(([path, [stamp, post]]) => [path, stamp, post]);
    await this.dir.write(FILE, MAGIC_LINE, () => ({ key: this.key, head: "" }), [Buffer.from(JSON.stringify(rows))]);
  }
}

/** The stored rows, or null unless every one has the shape this code writes. */
function decodeBody(body: Buffer): Map<string, [string, Post]> | null {
  try {
    const rows = JSON.parse(body.toString("utf8")) as unknown;
    if (!Array.isArray(rows)) return null;
    const map = new Map<string, [string, Post]>();
    for (const row of rows) {
      if (!Array.isArray(row) || row.length !== 3) return null;
      const [path, stamp, post] = row as [unknown, unknown, unknown];
      if (typeof path !== "string" || typeof stamp !== "string" || !isPost(post, path)) return null;
      map.set(path, [stamp, post]);
    }
    return map;
  } catch {
    return null;
  }
}

const nullableString = (v: unknown) => v === null || typeof v === "string";

function isPost(value: unknown, path: string): value is Post {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    p.path === path &&
    nullableString(p.lang) &&
    nullableString(p.translationOf) &&
    nullableString(p.translationKey) &&
    nullableString(p.sourceCommit) &&
    nullableString(p.title) &&
    typeof p.invalid === "boolean" &&
    (p.notLocalizable === undefined || p.notLocalizable === true) &&
    Array.isArray(p.problems) &&
    p.problems.every(isProblem)
  );
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const p = value as Record<string, unknown>;
  return typeof p.code === "string" && PROBLEMS.has(p.code) && typeof p.file === "string" && (p.line === undefined || typeof p.line === "number");
}
