// The one rule for where a post's front-matter lies, shared by the reader, the fast path (which reads only
// a post's first bytes) and the editor, so that what `mark` writes is what the reader reads.
//
// The rule is Jekyll's: one optional byte-order mark; an opening line of exactly `---`, optionally followed
// by a language (`---yaml`; gray-matter reads the text after `---` that way; `----` opens nothing); the
// block then runs to the first line that is exactly `---` or `...`, trailing spaces and tabs allowed.
// A `-----` or `---x` line closes nothing: it is content of the block, and YAML's to read or refuse.
// gray-matter alone would close the block at the first `\n---`, whatever follows on that line.

/** Where a text's front-matter lies; offsets are in the units of the source (string code units or bytes). */
export type FrontMatterSplit =
  | { kind: "none"; bom: boolean; eol: LineEnding; bodyStart: number }
  | { kind: "block"; bom: boolean; eol: LineEnding; language: string; yamlStart: number; yamlEnd: number; closeEnd: number; bodyStart: number }
  | { kind: "unclosed"; bom: boolean; eol: LineEnding; language: string; yamlStart: number };

/** The ending of the text's first line, which the editor repeats for any line it writes. */
export type LineEnding = "\n" | "\r\n";

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const DASH = 0x2d;
const DOT = 0x2e;

/** Reads code units of a string or bytes of UTF-8 alike: every character the rule looks at is ASCII. */
interface Source {
  length: number;
  at(i: number): number;
  /** The index of the next line feed from `from`, or the length. */
  lineEnd(from: number): number;
  /** The text from `start` to `end`, decoded. */
  text(start: number, end: number): string;
  bomLength: number;
}

function stringSource(text: string): Source {
  return {
    length: text.length,
    at: (i) => text.charCodeAt(i),
    lineEnd: (from) => {
      const i = text.indexOf("\n", from);
      return i < 0 ? text.length : i;
    },
    text: (start, end) => text.slice(start, end),
    bomLength: text.charCodeAt(0) === 0xfeff ? 1 : 0,
  };
}

function byteSource(bytes: Uint8Array): Source {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    length: buffer.length,
    at: (i) => (i < buffer.length ? buffer[i]! : -1),
    lineEnd: (from) => {
      const i = buffer.indexOf(LF, from);
      return i < 0 ? buffer.length : i;
    },
    text: (start, end) => buffer.toString("utf8", start, end),
    bomLength: buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0,
  };
}

/** Decides whether a text (or its UTF-8 bytes) has a front-matter block, and where its YAML and its body start and end. */
export function findFrontMatter(input: string | Uint8Array): FrontMatterSplit {
  const source = typeof input === "string" ? stringSource(input) : byteSource(input);
  const { length, bomLength } = source;
  const bom = bomLength > 0;
  const firstEnd = source.lineEnd(bomLength);
  const eol: LineEnding = firstEnd < length && source.at(firstEnd - 1) === CR ? "\r\n" : "\n";
  const opens = source.at(bomLength) === DASH && source.at(bomLength + 1) === DASH && source.at(bomLength + 2) === DASH && source.at(bomLength + 3) !== DASH;
  if (!opens) return { kind: "none", bom, eol, bodyStart: bomLength };
  const language = source.text(bomLength + 3, withoutCr(source, bomLength + 3, firstEnd)).trim();
  // An opening line that ends the text cannot be followed by a closing one.
  if (firstEnd === length) return { kind: "unclosed", bom, eol, language, yamlStart: length };
  const yamlStart = firstEnd + 1;
  for (let start = yamlStart; start < length; ) {
    const end = source.lineEnd(start);
    const content = withoutCr(source, start, end);
    if (isCloser(source, start, content)) {
      return { kind: "block", bom, eol, language, yamlStart, yamlEnd: start, closeEnd: content, bodyStart: Math.min(end + 1, length) };
    }
    start = end + 1;
  }
  return { kind: "unclosed", bom, eol, language, yamlStart };
}

/** Where a line's content ends: before the `\r` of a CRLF (or of a lone CR ending the text). */
function withoutCr(source: Source, start: number, end: number): number {
  return end > start && source.at(end - 1) === CR ? end - 1 : end;
}

/** Whether the line from `start` to `end` is `---` or `...`, then only spaces and tabs. */
function isCloser(source: Source, start: number, end: number): boolean {
  const c = source.at(start);
  if ((c !== DASH && c !== DOT) || end - start < 3 || source.at(start + 1) !== c || source.at(start + 2) !== c) return false;
  for (let i = start + 3; i < end; i++) {
    const k = source.at(i);
    if (k !== SPACE && k !== TAB) return false;
  }
  return true;
}
