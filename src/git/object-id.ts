import { createHash } from "node:crypto";

/**
 * The id git gives a blob with these bytes in a repository whose ids have `hexLength` digits (40: SHA-1,
 * 64: SHA-256): the hash of `blob <size>\0` and the bytes, as `git hash-object` computes it without filters.
 */
export function blobId(bytes: Uint8Array, hexLength: number): string {
  const hash = createHash(hexLength === 64 ? "sha256" : "sha1");
  hash.update(`blob ${bytes.length}\0`);
  hash.update(bytes);
  return hash.digest("hex");
}
