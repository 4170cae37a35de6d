import { closeSync, fstatSync, lstatSync, openSync, readFileSync, readSync, realpathSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { MAX_POST_BYTES, NOFOLLOW, OPEN_FLAGS, readRegularFile } from "../fs-paths.js";
import type { Config } from "../config/schema.js";
import { newPost, type Post } from "../core/types.js";
import { parsePost } from "../posts/read-post.js";
import { frontMatterEndBytes } from "./front-matter-block.js";

/** One post as read: its parsed front-matter, and where its bytes lie among the reader's slabs (slab -1: no text). */
export interface PostRecord {
  post: Post;
  slab: number;
  start: number;
  end: number;
  /** Read through a symbolic link: its content is another file's, which git doesn't see as this path's. */
  linked?: true;
  /** Could not be read (the post stands for the failure, which may pass): never cached. */
  failed?: true;
}

const SLAB_BYTES = 1024 * 1024;
/** Room left for one read: most posts fit, so one read() is all they take. */
const READ_ROOM = 64 * 1024;

/**
 * Reads posts synchronously, one after another, into a few large slabs instead of one buffer each, and
 * parses only their front-matter; the text is decoded later, if someone asks for it. Synchronous reads
 * cost a third of `fs.promises` on warm caches (one syscall each instead of a thread-pool round trip per
 * step); `loadPosts` yields between slices so that git, running meanwhile, is never kept waiting long.
 */
export class PostBatchReader {
  private readonly slabs: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;

  /**
   * With `keep` false the bytes are dropped once the front-matter is parsed: every post is read into the
   * same slab, and records carry no text (slab -1), so reading costs no memory that grows with the posts.
   */
  /**
   * A link is followed only to a file in `listed` (the files git lists: tracked, or untracked and not
   * ignored), so never into the git directory nor to an ignored file. With `listed` "defer", links are
   * left to another reader: `read` returns undefined for them.
   */
  constructor(
    private readonly root: string,
    private readonly realRoot: string,
    private readonly keys: Config["keys"],
    private readonly keep = true,
    private readonly listed: ReadonlySet<string> | "defer" = "defer",
  ) {}

  /** Reads one repository-relative post; null when it is gone from the working tree or is not a file; undefined for a deferred link. */
  read(path: string): PostRecord | null | undefined {
    const absolute = join(this.root, path);
    if (NOFOLLOW === undefined) {
      const info = lstatOrNull(absolute);
      if (info === null) return null;
      if (info.isSymbolicLink()) return this.readLink(path, absolute);
      if (!info.isFile()) return null;
    }
    let fd: number;
    try {
      fd = openSync(absolute, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return null; // deleted from the working tree; HEAD's copy still counts
      if (code === "ELOOP" || code === "EMLINK") return this.readLink(path, absolute);
      return unreadable(path, "INVALID_FRONT_MATTER", "unreadable file");
    }
    try {
      const at = this.readFd(fd);
      return at === null ? null : at === "too large" ? unreadable(path, "INVALID_FRONT_MATTER", "file too large") : this.record(path, at);
    } catch (error) {
      // A directory opens but can't be read, nor can a FIFO someone writes to: neither is a post.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EISDIR" || code === "EAGAIN") return null;
      return unreadable(path, "INVALID_FRONT_MATTER", "unreadable file");
    } finally {
      closeSync(fd);
    }
  }

  /** The slabs the records point into; the reader must not be used afterwards. */
  finish(): Buffer[] {
    return this.slabs;
  }

  private readLink(path: string, absolute: string): PostRecord | undefined {
    if (this.listed === "defer") return undefined;
    return { ...this.readLinkTarget(path, absolute, this.listed), linked: true };
  }

  private readLinkTarget(path: string, absolute: string, listed: ReadonlySet<string>): PostRecord {
    let target: string | null = null;
    try {
      target = realpathSync(absolute);
    } catch {
      target = null;
    }
    const rel = target === null ? null : relative(this.realRoot, target).split(sep).join("/");
    // Inside the work tree is not enough: `.git/config` is there, with the token CI keeps in it.
    if (rel === null || !listed.has(rel) || rel.split("/").includes(".git")) return unreadable(path, "SYMLINK_OUTSIDE_REPO");
    // A regular file only, as fstat tells of the descriptor opened: a FIFO would block the read for ever.
    const bytes = readRegularFile(target!, MAX_POST_BYTES);
    if (bytes === "too large") return unreadable(path, "INVALID_FRONT_MATTER", "file too large");
    if (!(bytes instanceof Buffer)) return unreadable(path, "INVALID_FRONT_MATTER", "not a regular file");
    return this.record(path, this.store(bytes));
  }

  private record(path: string, at: { slab: number; start: number; end: number }): PostRecord {
    const bytes = this.slabs[at.slab]!.subarray(at.start, at.end);
    // Only the front-matter is decoded now: linking needs nothing else.
    const head = bytes.toString("utf8", 0, frontMatterEndBytes(bytes));
    const post = parsePost(path, head, this.keys);
    if (this.keep) return { post, ...at };
    if (at.slab === this.slabs.length - 1) this.used = at.start;
    return { post, slab: -1, start: 0, end: 0 };
  }

  /**
   * Reads an open file into the current slab: one read() for a post of normal size, with fstat() only
   * when the read was empty (an empty file, or something that is not a file) or filled the room given.
   */
  private readFd(fd: number): { slab: number; start: number; end: number } | null | "too large" {
    const slab = this.room(READ_ROOM);
    const room = slab.length - this.used;
    const n = readSync(fd, slab, this.used, room, null);
    if (n === 0) return fstatSync(fd).isFile() ? this.store(Buffer.alloc(0)) : null;
    if (n < room) {
      const start = this.used;
      this.used += n;
      return { slab: this.slabs.length - 1, start, end: start + n };
    }
    // A large post: the rest is read on its own, then stored whole.
    const info = fstatSync(fd);
    if (info.size > MAX_POST_BYTES) return "too large";
    const rest = readFileSync(fd);
    if (n + rest.length > MAX_POST_BYTES) return "too large";
    return this.store(Buffer.concat([slab.subarray(this.used, this.used + n), rest]));
  }

  private store(bytes: Buffer): { slab: number; start: number; end: number } {
    const slab = this.room(bytes.length);
    bytes.copy(slab, this.used);
    const start = this.used;
    this.used += bytes.length;
    return { slab: this.slabs.length - 1, start, end: start + bytes.length };
  }

  /** The current slab, replaced by a fresh one when fewer than `bytes` are left. */
  private room(bytes: number): Buffer {
    if (this.current === null || this.used + bytes > this.current.length) {
      this.current = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, bytes));
      // Without `keep`, the slab before holds nothing anyone will ask for.
      if (!this.keep) this.slabs.length = 0;
      this.slabs.push(this.current);
      this.used = 0;
    }
    return this.current;
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** A post that can't be read, as an invalid entry with a problem. */
export function unreadable(path: string, code: "SYMLINK_OUTSIDE_REPO" | "INVALID_FRONT_MATTER", reason?: string): PostRecord {
  return {
    post: newPost(path, { invalid: true, problems: [{ code, file: path, ...(reason ? { args: { reason } } : {}) }] }),
    slab: -1,
    start: 0,
    end: 0,
    failed: true,
  };
}

/** A post's bytes, never through a link ("link" then); null when it is not a readable regular file within the size cap. */
export function readPlainFile(root: string, path: string): Buffer | null | "link" {
  const bytes = readRegularFile(join(root, path), MAX_POST_BYTES);
  return bytes === "too large" ? null : bytes;
}
