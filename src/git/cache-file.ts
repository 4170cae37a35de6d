import { randomBytes } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { runGit, type GitEnv } from "./run.js";

// Every cache file: a magic line naming its kind and format version, a JSON header line, then the body.
//   <magic> <version>
//   {"key":"…","head":"<sha>","bytes":B,"crc32":C, …}
//   <body: B bytes whose CRC-32 the header holds>
// The checksum is there to catch a damaged or torn file (a cache is no defence against someone who can
// write the git dir); CRC-32 catches those and costs a third of a cryptographic hash on a warm run.
const MAX_BYTES = 1024 * 1024 * 1024;
const NOFOLLOW = (constants.O_NOFOLLOW as number | undefined) ?? 0;

/** What every cache header holds: what the file is valid for, the HEAD it covers, and the body's length and checksum. */
export interface CacheHeader {
  key: string;
  head: string;
  bytes: number;
  crc32: number;
  [field: string]: unknown;
}

/** A cache file's header and body, once its magic, version, key, length and checksum have been checked. */
export interface CacheContents {
  header: CacheHeader;
  body: Buffer;
  /** The file's modification time in nanoseconds, when it was read from disk: when it was last written. */
  writtenNs?: bigint;
}

/**
 * transtrack's directory under a repository's git dir (per worktree: a linked worktree's git dir is its
 * own), holding files that are optimisations only: anything wrong with one means it is ignored and rebuilt.
 */
export class CacheDir {
  private constructor(readonly dir: string) {}

  /** The directory under this repository's git dir; null when the place is unusable (a link, not a directory). */
  static async open(git: GitEnv, gitDir?: string): Promise<CacheDir | null> {
    let dir = gitDir ?? "";
    if (!dir) {
      try {
        dir = (await runGit(git, ["rev-parse", "--absolute-git-dir"])).trim();
      } catch {
        return null;
      }
    }
    if (!dir) return null;
    const path = join(dir, "transtrack");
    const info = await lstat(path).catch(() => null);
    if (info !== null && (info.isSymbolicLink() || !info.isDirectory())) return null;
    return new CacheDir(path);
  }

  /** A file's checked contents, or null when it is missing or anything about it is off (never followed through a link). */
  async read(name: string, magic: string, key: string): Promise<CacheContents | null> {
    const file = await this.readBytes(name);
    const contents = file === null ? null : decodeCacheFile(file.bytes, magic, key);
    return contents === null ? null : { ...contents, writtenNs: file!.mtimeNs };
  }

  /**
   * A file whose header (magic, key, length) checks out, with the body's checksum checked only when
   * `verified` is called: a caller can start work the header tells it to do while the checksum is computed.
   */
  async open(name: string, magic: string, key: string): Promise<{ header: CacheHeader; verified(): CacheContents | null } | null> {
    const file = await this.readBytes(name);
    const parts = file === null ? null : splitCacheFile(file.bytes, magic, key);
    if (parts === null) return null;
    let checked: CacheContents | null | undefined;
    return { header: parts.header, verified: () => (checked ??= checksumMatches(parts) ? parts : null) };
  }

  // Read synchronously: the callers have nothing else to do meanwhile, and on a machine whose cores are
  // busy with git a thread-pool read waits for a core several times over.
  private async readBytes(name: string): Promise<{ bytes: Buffer; mtimeNs: bigint } | null> {
    let fd: number | null = null;
    try {
      fd = openSync(join(this.dir, name), constants.O_RDONLY | NOFOLLOW);
      const info = fstatSync(fd, { bigint: true });
      if (!info.isFile() || info.size > BigInt(MAX_BYTES)) return null;
      return { bytes: readFileSync(fd), mtimeNs: info.mtimeNs };
    } catch {
      return null;
    } finally {
      if (fd !== null) closeSync(fd);
    }
  }

  /** Whether a file of that name is there (whatever it holds). */
  async exists(name: string): Promise<boolean> {
    return (await lstat(join(this.dir, name)).catch(() => null)) !== null;
  }

  /** Removes a file (a link itself, never its target); nothing happens when it is missing or can't go. */
  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true }).catch(() => undefined);
  }

  /**
   * Replaces a file atomically (temp file + rename); failures are ignored, a cache being an optimisation.
   * The body is streamed from `body` as it is produced and hashed on the way; the header, which holds the
   * body's length and checksum and whatever `header()` adds once the body is written, goes in a fixed-size
   * line reserved before the body, so that no more than a part of the body is ever in memory.
   */
  async write(name: string, magic: string, header: () => { key: string; head: string; [field: string]: unknown }, body: Iterable<Buffer>): Promise<void> {
    const temp = join(this.dir, `${name}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      await mkdir(this.dir, { recursive: false }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "EEXIST") throw error;
      });
      const info = await lstat(this.dir);
      if (info.isSymbolicLink() || !info.isDirectory()) return;
      const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o644);
      try {
        // No fsync: a file torn by a crash fails its checksum and is rebuilt, which is all a cache needs.
        const start = Buffer.byteLength(magic) + 1;
        await handle.write(Buffer.from(`${magic}\n${" ".repeat(HEADER_BYTES - 1)}\n`));
        let checksum = 0;
        let bytes = 0;
        for (const chunk of chunked(body)) {
          checksum = crc32(chunk, checksum);
          bytes += chunk.length;
          await handle.write(chunk);
        }
        await handle.write(headerLine({ ...header(), bytes, crc32: checksum }), 0, undefined, start);
      } finally {
        await handle.close();
      }
      await rename(temp, join(this.dir, name));
    } catch {
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }
}

/**
 * Whether a cache file that lacks `missing` entries (results this run had to compute, or commits it had
 * to read past the stored head) is worth rewriting in full, given that it holds `stored`. A rewrite costs
 * about as much per stored entry as a miss costs per missing one, so a run that misses a few entries of a
 * large file computes them again rather than re-encode the whole file: on the bench site (17k posts) a
 * post index rewrite costs ~150 ms, the five posts a new commit changes well under 1 ms. A file that isn't
 * there yet is always written. What is left out is only recomputed: it can never be answered wrongly.
 */
export function worthRewriting(missing: number, stored: number): boolean {
  if (missing <= 0) return false;
  return stored === 0 || missing >= Math.max(REWRITE_MIN_MISSES, stored / REWRITE_FRACTION);
}
const REWRITE_MIN_MISSES = 64;
const REWRITE_FRACTION = 32;

/** Room for the header line: it is written after the body, into this many bytes reserved before it. */
const HEADER_BYTES = 1024;

/** The header as its fixed-size line (JSON, padded with spaces, which JSON allows). */
function headerLine(header: Record<string, unknown>): Buffer {
  const json = JSON.stringify(header);
  if (Buffer.byteLength(json) > HEADER_BYTES - 1) throw new Error("cache header too long");
  return Buffer.from(`${json.padEnd(HEADER_BYTES - 1 - (Buffer.byteLength(json) - json.length))}\n`);
}

/** A cache file's bytes: magic line, header line (with the body's length and checksum), body. */
export function encodeCacheFile(magic: string, header: { key: string; head: string; [field: string]: unknown }, body: Buffer): Buffer {
  const full = { ...header, bytes: body.length, crc32: crc32(body) };
  return Buffer.concat([Buffer.from(`${magic}\n`), headerLine(full), body]);
}

/** Small parts gathered into writes of about a megabyte. */
function* chunked(parts: Iterable<Buffer>): Generator<Buffer> {
  let group: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    if (size + part.length > 1 << 20 && group.length > 0) {
      yield group.length === 1 ? group[0]! : Buffer.concat(group);
      group = [];
      size = 0;
    }
    group.push(part);
    size += part.length;
  }
  if (group.length > 0) yield group.length === 1 ? group[0]! : Buffer.concat(group);
}

/** The header and body of a cache file's bytes, or null unless the magic line, key, length and checksum all match. */
export function decodeCacheFile(bytes: Buffer, magic: string, key: string): CacheContents | null {
  const parts = splitCacheFile(bytes, magic, key);
  return parts !== null && checksumMatches(parts) ? parts : null;
}

/** The header and body, or null unless the magic line, key and body length match; the checksum is not checked. */
function splitCacheFile(bytes: Buffer, magic: string, key: string): CacheContents | null {
  try {
    const first = bytes.indexOf(0x0a);
    const second = first < 0 ? -1 : bytes.indexOf(0x0a, first + 1);
    if (second < 0 || bytes.toString("latin1", 0, first) !== magic) return null;
    const header = JSON.parse(bytes.toString("utf8", first + 1, second)) as Partial<CacheHeader> | null;
    const body = bytes.subarray(second + 1);
    if (header === null || typeof header !== "object" || header.key !== key || typeof header.head !== "string" || header.bytes !== body.length) return null;
    return { header: header as CacheHeader, body };
  } catch {
    return null;
  }
}

function checksumMatches({ header, body }: CacheContents): boolean {
  return header.crc32 === crc32(body);
}
