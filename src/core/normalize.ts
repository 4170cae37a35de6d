import { selectKeyPaths } from "../key-path.js";

/**
 * The translatable content of a post in a canonical form: two versions that differ only in
 * whitespace (line endings, trailing spaces, indentation, blank-line runs, re-wrapped
 * paragraphs) or in front-matter keys outside `translatableKeys` normalise to the same text.
 */
export function normalizeContent(data: Record<string, unknown> | null, body: string, translatableKeys: readonly string[]): string {
  const keys: string[] = [];
  if (data) {
    // Each key or pattern (`banner.content`, `head[*].content`) by the concrete paths it selects.
    for (const pattern of [...translatableKeys].sort()) {
      for (const [path, value] of selectKeyPaths(data, pattern)) keys.push(`${path}: ${collapse(canonical(value))}`);
    }
  }
  return `${keys.join("\n")}\n\n${normalizeBody(body)}`;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * A body's paragraphs (split at blank lines: two line breaks with only spaces or tabs between, `\r\n`
 * and `\r` counting as `\n`), each with its whitespace runs collapsed to one space, empty ones dropped,
 * joined by one blank line. In one pass over the text: the words (runs of what `\s` doesn't match) are
 * kept, and what stood between two of them becomes `\n\n` when it held a blank line, else a space.
 */
export function normalizeBody(body: string): string {
  const length = body.length;
  let i = 0;
  while (i < length && isSpace(body.charCodeAt(i))) i++;
  let out = "";
  // The text from `kept` on goes out as it is as long as its words stand one plain space apart.
  let kept = i;
  while (i < length) {
    while (i < length && !isSpace(body.charCodeAt(i))) i++;
    const wordEnd = i;
    let lineBreak = false;
    let blank = false;
    for (let c: number; i < length && isSpace((c = body.charCodeAt(i))); i++) {
      if (c === LF || c === CR) {
        if (c === CR && body.charCodeAt(i + 1) === LF) i++;
        blank ||= lineBreak;
        lineBreak = true;
      } else if (c !== SPACE && c !== TAB) {
        lineBreak = false;
      }
    }
    if (i === length) return out + body.slice(kept, wordEnd);
    if (i === wordEnd + 1 && body.charCodeAt(wordEnd) === SPACE) continue;
    out += `${body.slice(kept, wordEnd)}${blank ? "\n\n" : " "}`;
    kept = i;
  }
  return out + body.slice(kept);
}

/** Whether `c` is a character JavaScript's `\s` matches (and `trim` removes). */
function isSpace(c: number): boolean {
  if (c <= SPACE) return c === SPACE || (c >= TAB && c <= CR);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function canonical(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
