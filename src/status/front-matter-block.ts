import { findFrontMatter, type FrontMatterSplit } from "../posts/front-matter-split.js";

// gray-matter and js-yaml cost far more on a 3 KB post than on its 300-byte front-matter, so the status reads
// only the block: these helpers cut it off where `findFrontMatter` (the reader's own rule) ends it, and
// parsing the head alone gives what parsing the whole text gives.

/** Where the head ends: just past the closing line's `---`, 0 without a block, the whole source when unclosed (the reader then says why). */
function headEnd(split: FrontMatterSplit, length: number): number {
  return split.kind === "block" ? split.closeEnd : split.kind === "unclosed" ? length : 0;
}

/** The end of a post's front-matter block (just past the closing `---`), or 0 when it has none; the text's length when unclosed. */
export function frontMatterEnd(text: string): number {
  return headEnd(findFrontMatter(text), text.length);
}

/** `frontMatterEnd` on UTF-8 bytes: the byte offset, so only the block needs decoding. */
export function frontMatterEndBytes(bytes: Uint8Array): number {
  return headEnd(findFrontMatter(bytes), bytes.length);
}

/** A post split as the reader splits it: the text through the front-matter, and the body `parseFrontMatter` returns. */
export function splitFrontMatter(text: string): { head: string; body: string } {
  const split = findFrontMatter(text);
  if (split.kind === "unclosed") return { head: text, body: "" };
  return { head: text.slice(0, headEnd(split, text.length)), body: text.slice(split.bodyStart) };
}
