import { createHash } from "node:crypto";
import { normalizeContent } from "../core/normalize.js";
import type { BlobReader } from "../git/blob-reader.js";
import { parseFrontMatter } from "../posts/front-matter.js";

const BATCH = 2048;

/** A post text reduced to a digest of its translatable content. */
export function contentDigest(text: string, translatableKeys: readonly string[]): string {
  const parsed = parseFrontMatter(text);
  const normal = parsed.ok ? normalizeContent(parsed.data, parsed.body, translatableKeys) : normalizeContent(null, text, translatableKeys);
  return createHash("sha1").update(normal).digest("hex");
}

/** Digests of blobs, read in pipelined batches so memory holds one batch of contents at a time. */
export async function digestBlobs(reader: BlobReader, blobs: Iterable<string>, translatableKeys: readonly string[]): Promise<Map<string, string>> {
  const digests = new Map<string, string>();
  const all = [...blobs];
  for (let i = 0; i < all.length; i += BATCH) {
    const ids = all.slice(i, i + BATCH);
    const contents = await reader.readMany(ids);
    ids.forEach((id, j) => digests.set(id, contentDigest(contents[j]?.toString("utf8") ?? "", translatableKeys)));
  }
  return digests;
}

/** The texts of a few blobs, for line counts and diffs. */
export async function readTexts(reader: BlobReader, blobs: readonly string[]): Promise<Map<string, string>> {
  const contents = await reader.readMany(blobs);
  return new Map(blobs.map((id, i) => [id, contents[i]?.toString("utf8") ?? ""]));
}
