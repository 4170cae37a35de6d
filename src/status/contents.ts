import { createHash } from "node:crypto";
import { normalizeContent } from "../core/normalize.js";
import type { BlobReader } from "../git/blob-reader.js";
import { blobId } from "../git/object-id.js";
import { parseFrontMatter } from "../posts/front-matter.js";
import { splitFrontMatter } from "./front-matter-block.js";
import { readPlainFile } from "./post-reader.js";
import type { ContentCache } from "./content-cache.js";

/** A post text reduced to a digest of its translatable content. */
export function contentDigest(text: string, translatableKeys: readonly string[]): string {
  return createHash("sha1").update(translatableContent(text, translatableKeys)).digest("hex");
}

/** A post text's translatable content in the canonical form of `normalizeContent`: what staleness compares. */
export function translatableContent(text: string, translatableKeys: readonly string[]): string {
  // Only the front-matter goes through gray-matter; the body is split off exactly where it would split it.
  const { head, body } = splitFrontMatter(text);
  const parsed = parseFrontMatter(head);
  return parsed.ok ? normalizeContent(parsed.data, body, translatableKeys) : normalizeContent(null, text, translatableKeys);
}

/** Options of `digestBlobs`. */
export interface DigestOptions {
  onProgress?: (blobs: number) => void;
  /**
   * Files of the working tree that may hold a blob's bytes (an original's HEAD blob, by its path), and the
   * directory they are under. A file is used only when its bytes hash to that blob, so a file edited
   * since, or changed by a checkout filter or line-ending conversion, falls back to git.
   */
  onDisk?: { root: string; paths: ReadonlyMap<string, string> };
  /** Digests computed by earlier runs, read instead of the blobs; new ones are added to it. */
  cache?: Pick<ContentCache, "digest" | "setDigest">;
  /** Blobs whose text is kept too (for line counts later), so that no blob is read twice. */
  keep?: ReadonlySet<string>;
}

/** Digests of blobs, and their texts when asked for. */
export interface Digested {
  digests: Map<string, string>;
  texts: Map<string, string>;
}

// Files are read synchronously; yielding every few milliseconds keeps git's replies flowing meanwhile.
const SLICE_MS = 2;

/**
 * Digests of blobs. Every request goes to git at once and each content is digested as it arrives and
 * then dropped: git inflates the next blobs while this thread digests the last ones, and memory holds
 * only what is in flight. Blobs that lie in the working tree are read from there while git works on the
 * rest: reading a file costs a fraction of git's inflating an object at the end of a delta chain.
 */
export async function digestBlobs(reader: BlobReader, blobs: Iterable<string>, translatableKeys: readonly string[], options: DigestOptions = {}): Promise<Digested> {
  const result: Digested = { digests: new Map(), texts: new Map() };
  const { onProgress, onDisk, keep, cache } = options;
  const take = (id: string, text: string) => {
    const digest = contentDigest(text, translatableKeys);
    result.digests.set(id, digest);
    cache?.setDigest(id, digest);
    if (keep?.has(id)) result.texts.set(id, text);
    if (onProgress && result.digests.size % 1000 === 0) onProgress(result.digests.size);
  };
  const fromGit = (ids: string[]) => reader.readEach(ids, (content, i) => take(ids[i]!, content?.toString("utf8") ?? ""));
  const local: string[] = [];
  const remote: string[] = [];
  for (const id of blobs) {
    const stored = cache?.digest(id);
    if (stored !== undefined) result.digests.set(id, stored);
    else (onDisk?.paths.has(id) ? local : remote).push(id);
  }
  const fetching = fromGit(remote);
  fetching.catch(() => undefined);
  const missed: string[] = [];
  let slice = performance.now();
  for (const id of local) {
    const bytes = readPlainFile(onDisk!.root, onDisk!.paths.get(id)!);
    if (bytes instanceof Buffer && blobId(bytes, id.length) === id) take(id, bytes.toString("utf8"));
    else missed.push(id);
    if (performance.now() - slice > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
  await fetching;
  if (missed.length > 0) await fromGit(missed);
  return result;
}

/** Where an original's two versions are: its blob at the baseline, and HEAD's blob, or null for the text on disk. */
export interface VersionRequest<K> {
  key: K;
  baseline: string;
  head: string | null;
  /** The original's text in the working tree, used when `head` is null (`--worktree`). */
  disk(): string;
}

/** The original's text at the baseline and now for each request, every blob read once; `known` texts are not read again. */
export async function readVersions<K>(
  reader: BlobReader,
  requests: readonly VersionRequest<K>[],
  known: ReadonlyMap<string, string> = new Map(),
): Promise<Map<K, { before: string; after: string }>> {
  const ids = new Set<string>();
  for (const r of requests) {
    if (!known.has(r.baseline)) ids.add(r.baseline);
    if (r.head !== null && !known.has(r.head)) ids.add(r.head);
  }
  const texts = ids.size === 0 ? new Map<string, string>() : await readTexts(reader, ids);
  const text = (id: string) => known.get(id) ?? texts.get(id) ?? "";
  return new Map(requests.map((r) => [r.key, { before: text(r.baseline), after: r.head === null ? r.disk() : text(r.head) }] as const));
}

/** The texts of some objects, by id or by name (`<commit>:<path>`); the ones git doesn't have are left out. */
export async function readTexts(reader: BlobReader, names: Iterable<string>): Promise<Map<string, string>> {
  const list = [...names];
  const texts = new Map<string, string>();
  await reader.readEach(list, (content, i) => {
    if (content !== null) texts.set(list[i]!, content.toString("utf8"));
  });
  return texts;
}
