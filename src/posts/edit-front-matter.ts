import { isDeepStrictEqual } from "node:util";
import { escapeRegExp } from "../core/escape-regexp.js";
import { TranstrackError } from "../errors.js";
import { parseFrontMatter } from "./front-matter.js";
import { findFrontMatter } from "./front-matter-split.js";

// Front-matter is edited line by line rather than parsed and re-serialized, so that
// comments, key order, quoting, BOM and line endings survive byte for byte. The block is
// the one the reader finds (`findFrontMatter`), and every edit is read back by the reader.

/** A front-matter edit that would corrupt the file, so nothing was changed. */
export class FrontMatterEditError extends TranstrackError {}

interface Line {
  start: number;
  text: string;
  eol: string;
}

const BOM = "\uFEFF";

/** Offsets of the front-matter content (between the fences) and of the body; null if none, throws if unterminated. */
export function getFrontMatterRange(text: string): { start: number; end: number; bodyStart: number } | null {
  const split = findFrontMatter(text);
  if (split.kind === "none") return null;
  if (split.kind === "unclosed") throw new FrontMatterEditError("UNTERMINATED_FRONT_MATTER");
  return { start: split.yamlStart, end: split.yamlEnd, bodyStart: split.bodyStart };
}

/**
 * Sets a top-level scalar key in the front-matter, changing or inserting exactly one line; throws
 * UNSAFE_FRONT_MATTER_EDIT, changing nothing, unless the reader then reads the new value and all else as before.
 */
export function setFrontMatterKey(text: string, key: string, value: string): string {
  const edited = editKey(text, key, value);
  if (!readsBack(text, edited, key, value)) throw new FrontMatterEditError("UNSAFE_FRONT_MATTER_EDIT", { key });
  return edited;
}

/**
 * Whether the reader sees in `edited` the key set to `value` and every other field and the body as in `text`.
 * A line edit can miss what YAML sees (a key written as `? key`, a duplicate, a block the reader can't read),
 * and `mark` must never report a change that the status would not see.
 */
function readsBack(text: string, edited: string, key: string, value: string): boolean {
  const before = parseFrontMatter(text);
  const after = parseFrontMatter(edited);
  if (!before.ok || !after.ok || after.data[key] !== value || after.body !== before.body) return false;
  return isDeepStrictEqual(others(after.data, key), others(before.data, key));
}

/** The fields but `key`. */
function others(data: Record<string, unknown>, key: string): Record<string, unknown> {
  const rest = { ...data };
  delete rest[key];
  return rest;
}

/** The text with the key's line replaced or added, not yet read back. */
function editKey(text: string, key: string, value: string): string {
  const newLine = `${yamlScalar(key)}: ${yamlScalar(value)}`;
  const split = findFrontMatter(text);
  if (split.kind === "none") {
    const bom = split.bom ? BOM : "";
    return `${bom}---${split.eol}${newLine}${split.eol}---${split.eol}${text.slice(bom.length)}`;
  }
  if (split.kind === "unclosed") throw new FrontMatterEditError("UNTERMINATED_FRONT_MATTER");

  // The block's lines, and the closing line after them (only its start matters).
  const lines = splitLines(text, split.yamlStart, split.yamlEnd);
  const closeIndex = lines.length;
  lines.push({ start: split.yamlEnd, text: "", eol: "" });
  const keyPattern = new RegExp(`^(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}')[ \\t]*:(?=[ \\t]|$)`);
  for (let i = 0; i < closeIndex; i++) {
    const line = lines[i]!;
    const match = keyPattern.exec(line.text);
    if (!match) continue;
    const rest = line.text.slice(match[0].length);
    const { comment, kind, unclosed } = readValue(rest);
    const removed = continuationLines(lines, i + 1, closeIndex, kind, unclosed);
    const kept = removed.kept.map((l) => l.text + l.eol).join("");
    const edited = newLine + comment + line.eol + kept;
    return text.slice(0, line.start) + edited + text.slice(removed.end);
  }

  // Absent: append as the last front-matter line, using the file's own line ending.
  return text.slice(0, split.yamlEnd) + newLine + split.eol + text.slice(split.yamlEnd);
}

/** Renders a string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  return needsQuoting(value) ? doubleQuote(value) : value;
}

/** Splits `from` to `to` (the start of a line) into lines keeping each one's own ending (CRLF, LF or a lone CR). */
function splitLines(text: string, from: number, to: number): Line[] {
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

type ValueKind = "empty" | "block" | "inline";

/** Splits what follows `key:` into the value's kind and a trailing ` # comment` worth keeping. */
function readValue(rest: string): { comment: string; kind: ValueKind; unclosed: string | null } {
  const valueStart = rest.length - rest.trimStart().length;
  const quote = rest[valueStart];
  let scanFrom = valueStart;
  if (quote === '"' || quote === "'") {
    const close = quotedEnd(rest, valueStart + 1, quote);
    // A quoted value that goes on to later lines can't have a comment on this one.
    if (close < 0) return { comment: "", kind: "inline", unclosed: rest.slice(valueStart) };
    scanFrom = close;
  }
  const hash = /[ \t]+#/.exec(rest.slice(scanFrom));
  const commentStart = hash ? scanFrom + hash.index : rest.length;
  const comment = rest.slice(commentStart);
  const value = rest.slice(valueStart, commentStart).trim();
  const kind: ValueKind = value === "" ? "empty" : /^[|>]/.test(value) ? "block" : "inline";
  return { comment, kind, unclosed: null };
}

/** Index just past the closing quote, or -1 when the scalar isn't closed in `text`. */
function quotedEnd(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/**
 * Finds the lines after the key that belong to its old value (block scalar, nested
 * mapping or sequence, multi-line scalar), which go. Comment lines among them stay:
 * they belong to no value and are harmless after the new plain scalar.
 */
function continuationLines(
  lines: Line[],
  from: number,
  closeIndex: number,
  kind: ValueKind,
  unclosed: string | null,
): { kept: Line[]; end: number } {
  let last = from - 1;
  const comments: number[] = [];
  let quoted = unclosed;
  for (let i = from; i < closeIndex; i++) {
    const text = lines[i]!.text;
    if (quoted !== null) {
      // Inside an unclosed quoted scalar every line is value, whatever its indentation.
      quoted += "\n" + text;
      last = i;
      if (quotedEnd(quoted, 1, quoted[0]!) >= 0) quoted = null;
      continue;
    }
    const trimmed = text.trimStart();
    if (trimmed === "") continue;
    const indented = trimmed.length < text.length;
    // In a block scalar an indented `#` line is text, not a comment.
    if (trimmed.startsWith("#") && !(kind === "block" && indented)) {
      // An indented comment ends a plain multi-line scalar; nothing valid can follow.
      if (kind === "inline" && indented) break;
      comments.push(i);
      continue;
    }
    // `key:` may be followed by a block sequence at the key's own indentation.
    const sequenceItem = kind === "empty" && /^-(?:[ \t]|$)/.test(text);
    if (!indented && !sequenceItem) break;
    last = i;
  }
  const kept = comments.filter((i) => i <= last).map((i) => lines[i]!);
  return { kept, end: lines[last + 1]!.start };
}

// Plain scalars that a YAML 1.1 or 1.2 reader (js-yaml, behind gray-matter) would turn
// into something other than the same string: null, booleans, numbers, dates.
const NON_STRING_PLAIN = [
  /^(?:~|null|Null|NULL)$/,
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)$/,
  /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];

function needsQuoting(value: string): boolean {
  return (
    value === "" ||
    value !== value.trim() ||
    /^[-?:,[\]{}#&*!|>'"%@`=<]/.test(value) ||
    /: |:$| #|\t/.test(value) ||
    // Line breaks and other non-printable characters only survive as escapes.
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value) ||
    NON_STRING_PLAIN.some((re) => re.test(value))
  );
}

function doubleQuote(value: string): string {
  const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0" };
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => {
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}
