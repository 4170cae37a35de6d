// gray-matter keys a cache object by its whole input and copies the input into a Buffer on every call,
// so handing it a 3 KB post costs far more than its 300-byte front-matter. These helpers find the block
// exactly where gray-matter does (the first "\n---" after the opening "---"), so the front-matter alone
// can be parsed, and the body taken from the rest, with results identical to parsing the whole text.

const BOM = "\uFEFF";

/** The end of a post's front-matter block (just past the closing `---`), or 0 when it has none; the text's length when unclosed. */
export function frontMatterEnd(text: string): number {
  let start = 0;
  // parseFrontMatter strips one BOM and gray-matter another.
  while (start < 2 && text.charCodeAt(start) === 0xfeff) start++;
  if (!text.startsWith("---", start) || text.charCodeAt(start + 3) === 0x2d) return 0;
  const close = text.indexOf("\n---", start + 3);
  return close < 0 ? text.length : close + 4;
}

/** `frontMatterEnd` on UTF-8 bytes: the byte offset, so only the block needs decoding. */
export function frontMatterEndBytes(bytes: Uint8Array): number {
  let start = 0;
  while (start < 6 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
  if (bytes[start] !== 0x2d || bytes[start + 1] !== 0x2d || bytes[start + 2] !== 0x2d || bytes[start + 3] === 0x2d) return 0;
  const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf("\n---", start + 3, "latin1");
  return close < 0 ? bytes.length : close + 4;
}

/** A post split where gray-matter splits it: the text through the front-matter, and the body as gray-matter returns it. */
export function splitFrontMatter(text: string): { head: string; body: string } {
  const end = frontMatterEnd(text);
  if (end === 0) {
    // No front-matter: the body is the whole text, without the BOMs gray-matter would strip.
    let start = 0;
    while (start < 2 && text.startsWith(BOM, start)) start++;
    return { head: "", body: text.slice(start) };
  }
  let body = text.slice(end);
  if (body.charCodeAt(0) === 0x0d) body = body.slice(1);
  if (body.charCodeAt(0) === 0x0a) body = body.slice(1);
  return { head: text.slice(0, end), body };
}
