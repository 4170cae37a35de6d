import { escapeRegExp } from "../core/escape-regexp.js";
import { findFrontMatter } from "./front-matter-split.js";

// The front-matter read as lines, for what YAML's data can't tell: on which line a key stands, and what
// its value looks like as written. Keys are found by indentation, so a nested key (`l10n.sourceCommit`) is
// the `sourceCommit:` line among the lines indented under `l10n:`.

/** One line of the block with its own ending (CRLF, LF or a lone CR). */
export interface Line {
  start: number;
  text: string;
  eol: string;
}

/** Splits `from` to `to` (the start of a line) into lines keeping each one's own ending. */
export function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  const re = /([^\r\n]*)(\r\n|\n|\r)?/y;
  re.lastIndex = from;
  while (re.lastIndex < to) {
    const start = re.lastIndex;
    const m = re.exec(text)!;
    lines.push({ start, text: m[1] ?? "", eol: m[2] ?? "" });
  }
  return lines;
}

/** The number of spaces a line starts with. */
export function indentOf(text: string): number {
  return text.length - text.replace(/^ +/, "").length;
}

/** Whether a line holds YAML (neither blank nor only a comment). */
export function isContentLine(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && !trimmed.startsWith("#");
}

/** The line of `key:` at exactly `indent` among lines[from, to), and what follows its colon; null if none. */
export function findKeyLine(lines: readonly Line[], from: number, to: number, indent: number, key: string): { index: number; rest: string } | null {
  const k = escapeRegExp(key);
  const pattern = new RegExp(`^(?:${k}|"${k}"|'${k}')[ \\t]*:(?=[ \\t]|$)`);
  for (let i = from; i < to; i++) {
    const text = lines[i]!.text;
    if (indentOf(text) !== indent) continue;
    const match = pattern.exec(text.slice(indent));
    if (match) return { index: i, rest: text.slice(indent + match[0].length) };
  }
  return null;
}

/** The end (exclusive) of what is nested under line `index` within `to`: just past its last more-indented line. */
export function nestedEnd(lines: readonly Line[], index: number, to: number): number {
  const indent = indentOf(lines[index]!.text);
  let end = index + 1;
  for (let i = index + 1; i < to; i++) {
    const text = lines[i]!.text;
    if (!isContentLine(text)) continue;
    if (indentOf(text) <= indent) break;
    end = i + 1;
  }
  return end;
}

/** Where a key path stands: the line of each key found, top first, and the range and indentation below the last. */
export interface KeyPathLines {
  /** Line indices of the keys found, as many as were found in order. */
  found: number[];
  /** The range the next key would be looked for in, and its indentation (the children's, or one step in). */
  from: number;
  to: number;
  indent: number;
  /** Indentation of the last key found (-1 for none). */
  parentIndent: number;
}

/** Follows a key path down the lines as far as it goes. */
export function locateKeyPath(lines: readonly Line[], to: number, keys: readonly string[]): KeyPathLines {
  const at: KeyPathLines = { found: [], from: 0, to, indent: 0, parentIndent: -1 };
  for (const key of keys) {
    const hit = findKeyLine(lines, at.from, at.to, at.indent, key);
    if (!hit) break;
    at.found.push(hit.index);
    at.parentIndent = at.indent;
    at.from = hit.index + 1;
    at.to = nestedEnd(lines, hit.index, at.to);
    const first = lines.slice(at.from, at.to).find((l) => isContentLine(l.text));
    at.indent = first ? indentOf(first.text) : at.parentIndent + 2;
  }
  return at;
}

/** The 1-based line of a key path in a file's front-matter, or null. */
export function keyPathLine(text: string, keys: readonly string[]): number | null {
  const split = findFrontMatter(text);
  if (split.kind !== "block") return null;
  const lines = splitLines(text, split.yamlStart, split.yamlEnd);
  const at = locateKeyPath(lines, lines.length, keys);
  if (at.found.length !== keys.length) return null;
  // Lines before the block: the opening fence's, and a BOM's none.
  return text.slice(0, lines[at.found[at.found.length - 1]!]!.start).split(/\r\n|\n|\r/).length;
}
