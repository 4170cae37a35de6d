import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileChangedError, writeFileAtomic } from "./write-atomic.js";
import { setFrontMatterKey } from "./edit-front-matter.js";

/** Records `sha` as the translation's source commit, editing that one front-matter line, atomically. */
export async function markPost(root: string, path: string, key: string, sha: string, expectedText?: string | null): Promise<{ changed: boolean }> {
  const absolute = join(root, path);
  const text = await readFile(absolute, "utf8");
  if (expectedText !== undefined && expectedText !== null && text !== expectedText) throw new FileChangedError(path);
  const updated = setFrontMatterKey(text, key, sha);
  if (updated === text) return { changed: false };
  await writeFileAtomic(absolute, updated, { expectedContent: text });
  return { changed: true };
}
