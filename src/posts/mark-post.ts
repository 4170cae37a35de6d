import { join } from "node:path";
import { TranstrackError } from "../errors.js";
import { MAX_POST_BYTES, readRegularFile } from "../fs-paths.js";
import { FileChangedError, SymlinkRefusedError, writeFileAtomic } from "./write-atomic.js";
import { setFrontMatterKey } from "./edit-front-matter.js";

/** Strict UTF-8 that keeps a byte-order mark in the text, as `readFile(…, "utf8")` does. */
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Records `sha` as the translation's source commit, editing that one front-matter line, atomically. */
export async function markPost(root: string, path: string, key: string, sha: string, expectedText?: string | null): Promise<{ changed: boolean }> {
  const absolute = join(root, path);
  // Never through a link, and never anything but a regular file: a FIFO would block the read for ever.
  const bytes = readRegularFile(absolute, MAX_POST_BYTES);
  if (bytes === "link") throw new SymlinkRefusedError(path);
  if (bytes === null || bytes === "too large") throw new TranstrackError("NOT_A_FILE", { path });
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch (cause) {
    // Decoded with replacement characters, the text would never match the bytes again: say what is wrong.
    throw new TranstrackError("NOT_UTF8", { path }, { cause });
  }
  if (expectedText !== undefined && expectedText !== null && text !== expectedText) throw new FileChangedError(path);
  const updated = setFrontMatterKey(text, key, sha);
  if (updated === text) return { changed: false };
  await writeFileAtomic(absolute, updated, { expectedContent: bytes });
  return { changed: true };
}
