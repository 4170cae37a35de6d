import { createHash } from "node:crypto";
import { normalizeContent } from "../core/normalize.js";
import type { BlobReader } from "../git/blob-reader.js";
import { parseFrontMatter } from "../posts/front-matter.js";
import { splitFrontMatter } from "./front-matter-block.js";

/** A post text reduced to a digest of its translatable content. */
export function contentDigest(text: string, translatableKeys: readonly string[]): string {
  // Only the front-matter goes through gray-matter; the body is split off exactly where it would split it.
  const { head, body } = splitFrontMatter(text);
  const parsed = parseFrontMatter(head);
  const normal = parsed.ok ? normalizeContent(parsed.data, body, translatableKeys) : normalizeContent(null, text, translatableKeys);
  return createHash("sha1").update(normal).digest("hex");
}

/**
 * Digests of blobs. Every request goes to git at once and each content is digested as it arrives and
 * then dropped: git inflates the next blobs while this thread digests the last ones, and memory holds
 * only what is in flight.
 */
export async function digestBlobs(
  reader: BlobReader,
  blobs: Iterable<string>,
  translatableKeys: readonly string[],
  onProgress?: (blobs: number) => void,
): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const ids = [...blobs];
  await reader.readEach(ids, (content, i) => {
    digests.set(ids[i]!, contentDigest(content?.toString("utf8") ?? "", translatableKeys));
    if (onProgress && digests.size % 1000 === 0) onProgress(digests.size);
  });
  return digests;
}

/** Where an original's two versions are: its blob at the baseline, and HEAD's blob, or null for the text on disk. */
export interface VersionRequest<K> {
  key: K;
  baseline: string;
  head: string | null;
  /** The original's text in the working tree, used when `head` is null (`--worktree`). */
  disk(): string;
}

/** The original's text at the baseline and now for each request, every blob read once. */
export async function readVersions<K>(reader: BlobReader, requests: readonly VersionRequest<K>[]): Promise<Map<K, { before: string; after: string }>> {
  const ids = new Set<string>();
  for (const r of requests) {
    ids.add(r.baseline);
    if (r.head !== null) ids.add(r.head);
  }
  const texts = await readTexts(reader, [...ids]);
  return new Map(
    requests.map((r) => [r.key, { before: texts.get(r.baseline) ?? "", after: r.head === null ? r.disk() : (texts.get(r.head) ?? "") }] as const),
  );
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
