import { isDeepStrictEqual } from "node:util";
import { readNested, splitKeyPath, withoutNested } from "../key-path.js";
import { TranstrackError } from "../errors.js";
import { parseFrontMatter } from "./front-matter.js";
import { findFrontMatter } from "./front-matter-split.js";
import { indentOf, isContentLine, locateKeyPath, nestedEnd, splitLines, type Line } from "./front-matter-lines.js";

// Front-matter is edited line by line rather than parsed and re-serialized, so that
// comments, key order, quoting, BOM and line endings survive byte for byte. The block is
// the one the reader finds (`findFrontMatter`), and every edit is read back by the reader.

/** A front-matter edit that would corrupt the file, so nothing was changed. */
export class FrontMatterEditError extends TranstrackError {}

const BOM = "\uFEFF";

/** Offsets of the front-matter content (between the fences) and of the body; null if none, throws if unterminated. */
export function getFrontMatterRange(text: string): { start: number; end: number; bodyStart: number } | null {
  const split = findFrontMatter(text);
  if (split.kind === "none") return null;
  if (split.kind === "unclosed") throw new FrontMatterEditError("UNTERMINATED_FRONT_MATTER");
  return { start: split.yamlStart, end: split.yamlEnd, bodyStart: split.bodyStart };
}

/**
 * Sets a scalar key in the front-matter; a dotted key (`l10n.sourceCommit`) is nested: its line under `l10n:` is
 * changed, else a line is added under `l10n:`, else an `l10n:` block. Throws UNSAFE_FRONT_MATTER_EDIT, changing
 * nothing, unless the reader then reads the new value and all else as before.
 */
export function setFrontMatterKey(text: string, key: string, value: string): string {
  const keys = splitKeyPath(key);
  const edited = editKey(text, keys, value);
  if (!readsBack(text, edited, keys, value)) throw new FrontMatterEditError("UNSAFE_FRONT_MATTER_EDIT", { key });
  return edited;
}

/**
 * Whether the reader sees in `edited` the key set to `value` and every other field and the body as in `text`.
 * A line edit can miss what YAML sees (a key written as `? key`, a duplicate, a block the reader can't read),
 * and `mark` must never report a change that the status would not see.
 */
function readsBack(text: string, edited: string, keys: readonly string[], value: string): boolean {
  const before = parseFrontMatter(text);
  const after = parseFrontMatter(edited);
  if (!before.ok || !after.ok || readNested(after.data, keys) !== value || after.body !== before.body) return false;
  return isDeepStrictEqual(withoutNested(after.data, keys), withoutNested(before.data, keys));
}

/** The text with the key's line replaced or added, not yet read back. */
function editKey(text: string, keys: readonly string[], value: string): string {
  const split = findFrontMatter(text);
  if (split.kind === "none") {
    const bom = split.bom ? BOM : "";
    return `${bom}---${split.eol}${newLines(keys, value, 0, 2, split.eol)}---${split.eol}${text.slice(bom.length)}`;
  }
  if (split.kind === "unclosed") throw new FrontMatterEditError("UNTERMINATED_FRONT_MATTER");

  // The block's lines, and the closing line after them (only its start matters).
  const lines = splitLines(text, split.yamlStart, split.yamlEnd);
  const closeIndex = lines.length;
  lines.push({ start: split.yamlEnd, text: "", eol: "" });
  const at = locateKeyPath(lines, closeIndex, keys);
  const depth = at.found.length;
  if (depth === keys.length) {
    const index = at.found[depth - 1]!;
    const line = lines[index]!;
    const indent = indentOf(line.text);
    const parentEnd = depth === 1 ? closeIndex : nestedEnd(lines, at.found[depth - 2]!, closeIndex);
    const { comment, kind, unclosed } = readValue(line.text.slice(line.text.indexOf(":", indent) + 1));
    const removed = continuationLines(lines, index + 1, parentEnd, kind, unclosed, indent);
    const kept = removed.kept.map((l) => l.text + l.eol).join("");
    const edited = `${" ".repeat(indent)}${yamlScalar(keys[depth - 1]!)}: ${yamlScalar(value)}${comment}${line.eol}${kept}`;
    return text.slice(0, line.start) + edited + text.slice(removed.end);
  }
  // A key to nest under must hold a block mapping (or nothing yet), not a value on its own line.
  if (depth > 0 && readValue(lines[at.found[depth - 1]!]!.text.replace(/^[^:]*:/, "")).kind !== "empty") {
    throw new FrontMatterEditError("UNSAFE_FRONT_MATTER_EDIT", { key: keys.join(".") });
  }
  // Absent: added after the mapping's last line (the block's last line at the top), in the file's own line ending.
  const insertAt = depth === 0 ? closeIndex : lastContent(lines, at.from, at.to) + 1;
  const step = depth === 0 ? 2 : at.indent - at.parentIndent;
  const start = lines[insertAt]!.start;
  return text.slice(0, start) + newLines(keys.slice(depth), value, at.indent, step, split.eol) + text.slice(start);
}

/** `a:` / `  b: value` lines for the keys from `indent` on, one step deeper each. */
function newLines(keys: readonly string[], value: string, indent: number, step: number, eol: string): string {
  return keys.map((k, i) => `${" ".repeat(indent + i * step)}${yamlScalar(k)}:${i === keys.length - 1 ? ` ${yamlScalar(value)}` : ""}${eol}`).join("");
}

/** The index of the last line in [from, to) holding YAML, or from - 1. */
function lastContent(lines: readonly Line[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (isContentLine(lines[i]!.text)) return i;
  return from - 1;
}

/** Renders a string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(value: string): string {
  return needsQuoting(value) ? doubleQuote(value) : value;
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
  indent: number,
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
    const indented = text.length - trimmed.length > indent;
    // In a block scalar an indented `#` line is text, not a comment.
    if (trimmed.startsWith("#") && !(kind === "block" && indented)) {
      // An indented comment ends a plain multi-line scalar; nothing valid can follow.
      if (kind === "inline" && indented) break;
      comments.push(i);
      continue;
    }
    // `key:` may be followed by a block sequence at the key's own indentation.
    const sequenceItem = kind === "empty" && text.length - trimmed.length === indent && /^-(?:[ \t]|$)/.test(trimmed);
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
