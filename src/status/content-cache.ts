import { createHash } from "node:crypto";
import { codeVersion } from "../code-version.js";
import { CacheDir, worthRewriting } from "../git/cache-file.js";
import type { GitEnv } from "../git/run.js";

// The file: a magic line, a JSON header line, then a JSON body the header's checksum covers.
//   transtrack-content-cache
//   {"key":"…","head":"","bytes":B,"crc32":C}
//   {"digests":{"<blob>":"<digest>",…},"lines":{"<blob>:<blob>":[added,removed],…}}
const FILE = "content-cache";
const MAGIC_LINE = "transtrack-content-cache";
const HEX = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
/** Entries a run didn't use are kept up to this many times the number it did use, then dropped. */
const KEEP_UNUSED = 2;

/** Lines added and removed between two versions of an original. */
export interface LineCounts {
  linesAdded: number;
  linesRemoved: number;
}

/**
 * Results of two pure functions of git objects, stored by the objects' ids: a blob's content digest
 * (`contentDigest`, keyed also by the translatable keys) and the line counts between two blobs
 * (`lineStats`). A blob id names its bytes, so an entry can only be wrong if the function changed,
 * and the file's key holds the code's own digest (`codeVersion`): another build never reads it.
 */
export class ContentCache {
  private readonly digests: Map<string, string>;
  private readonly lines: Map<string, LineCounts>;
  private readonly used = new Set<string>();
  private added = 0;

  private constructor(
    private readonly dir: CacheDir | null,
    private readonly key: string,
    stored: { digests: Map<string, string>; lines: Map<string, LineCounts> },
    /** Why a file that was there was not used, for `--verbose`; null when it was used or there was none. */
    readonly rejected: string | null,
  ) {
    this.digests = stored.digests;
    this.lines = stored.lines;
  }

  /** The cache under the repository's git dir; an empty one that is never written when `enabled` is false or the place is unusable. */
  static async open(git: GitEnv, translatableKeys: readonly string[], enabled: boolean): Promise<ContentCache> {
    const empty = () => ({ digests: new Map<string, string>(), lines: new Map<string, LineCounts>() });
    const key = createHash("sha256").update(JSON.stringify({ code: codeVersion(), translatableKeys })).digest("hex");
    const dir = enabled ? await CacheDir.open(git) : null;
    if (dir === null) return new ContentCache(null, key, empty(), null);
    const contents = await dir.read(FILE, MAGIC_LINE, key);
    if (contents === null) {
      const present = await dir.exists(FILE);
      return new ContentCache(dir, key, empty(), present ? "stale or damaged" : null);
    }
    const body = decodeBody(contents.body);
    return body === null ? new ContentCache(dir, key, empty(), "malformed") : new ContentCache(dir, key, body, null);
  }

  /** A blob's stored digest. */
  digest(blob: string): string | undefined {
    const digest = this.digests.get(blob);
    if (digest !== undefined) this.used.add(blob);
    return digest;
  }

  /** Stores a blob's digest. */
  setDigest(blob: string, digest: string): void {
    this.digests.set(blob, digest);
    this.used.add(blob);
    this.added++;
  }

  /** The stored line counts from one blob to another. */
  lineCounts(before: string, after: string): LineCounts | undefined {
    const key = `${before}:${after}`;
    const counts = this.lines.get(key);
    if (counts !== undefined) this.used.add(key);
    return counts;
  }

  /** Stores the line counts from one blob to another. */
  setLineCounts(before: string, after: string, counts: LineCounts): void {
    const key = `${before}:${after}`;
    this.lines.set(key, counts);
    this.used.add(key);
    this.added++;
  }

  /** Writes the file when this run added enough entries to be worth it (atomically; a failure only costs the next run time). */
  async save(): Promise<void> {
    if (this.dir === null || !worthRewriting(this.added, this.digests.size + this.lines.size - this.added)) return;
    const keepAll = this.digests.size + this.lines.size <= KEEP_UNUSED * Math.max(this.used.size, 1000);
    const keep = (k: string) => keepAll || this.used.has(k);
    const digests: Record<string, string> = {};
    for (const [k, v] of this.digests) if (keep(k)) digests[k] = v;
    const lines: Record<string, [number, number]> = {};
    for (const [k, v] of this.lines) if (keep(k)) lines[k] = [v.linesAdded, v.linesRemoved];
    await this.dir.write(FILE, MAGIC_LINE, () => ({ key: this.key, head: "" }), [Buffer.from(JSON.stringify({ digests, lines }))]);
  }
}

/** The stored maps, or null unless every entry has the shape this code writes. */
function decodeBody(body: Buffer): { digests: Map<string, string>; lines: Map<string, LineCounts> } | null {
  try {
    const parsed = JSON.parse(body.toString("utf8")) as { digests?: unknown; lines?: unknown };
    if (typeof parsed.digests !== "object" || parsed.digests === null || typeof parsed.lines !== "object" || parsed.lines === null) return null;
    const digests = new Map<string, string>();
    for (const [blob, digest] of Object.entries(parsed.digests)) {
      if (!HEX.test(blob) || typeof digest !== "string" || !HEX.test(digest)) return null;
      digests.set(blob, digest);
    }
    const lines = new Map<string, LineCounts>();
    for (const [pair, counts] of Object.entries(parsed.lines)) {
      const [before = "", after = ""] = pair.split(":");
      if (!HEX.test(before) || !HEX.test(after) || !Array.isArray(counts) || counts.length !== 2 || !counts.every((n) => Number.isSafeInteger(n) && n >= 0)) return null;
      lines.set(pair, { linesAdded: counts[0] as number, linesRemoved: counts[1] as number });
    }
    return { digests, lines };
  } catch {
    return null;
  }
}
