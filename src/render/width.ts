import stringWidth from "string-width";

/** Columns a line takes on screen: escape codes take none, wide characters and emoji sequences two, a tab runs to the next stop of 8. */
export function displayWidth(line: string): number {
  if (!line.includes("\t")) return stringWidth(line);
  let width = 0;
  const parts = line.split("\t");
  parts.forEach((part, i) => {
    width += stringWidth(part);
    if (i < parts.length - 1) width += 8 - (width % 8);
  });
  return width;
}

/** Pads text with spaces to a number of screen columns (wide characters count two). */
export function padColumns(text: string, columns: number): string {
  return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
}

/** Text safe to print on a terminal: control characters (escape sequences, newlines in file names) shown as `\xNN`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** How `layOut` breaks a row: the width of the screen, and how far lines after the first are indented. */
export interface Layout {
  /** Terminal columns; `Infinity` when the output is not a terminal and nothing is to be wrapped. */
  width: number;
  /** Columns of indentation for every line after the first. */
  indent: number;
}

/** The narrowest screen laid out for; below it, lines are laid out as if it were this wide. */
const MIN_WIDTH = 20;
/** The indentation of a piece too wide for the usual one: enough to set it apart from a row's first line. */
const SHALLOW = "  ";

/**
 * Lays a row of pieces out on lines no wider than `layout.width`. The first piece starts the first line as
 * it is (padding kept); each next piece follows after its separator (`separator`, or `separator[i]`) when it fits, else starts a new, indented
 * line. A piece wider than a line is broken at its spaces, never inside a word; only a single word wider
 * than a whole line is cut, as nothing else can be done. Pieces may carry colour codes.
 */
export function layOut(pieces: readonly string[], separator: string | readonly string[], layout: Layout): string[] {
  const present = pieces.map((text, i) => ({ text, sep: typeof separator === "string" ? separator : (separator[i] ?? " ") })).filter((p) => p.text.length > 0);
  if (!Number.isFinite(layout.width)) return [present.map((p, i) => (i === 0 ? p.text : p.sep + p.text)).join("")];
  const width = Math.max(MIN_WIDTH, layout.width);
  const pad = " ".repeat(Math.min(layout.indent, width - MIN_WIDTH / 2));
  const lines: string[] = [];
  let line = "";
  // Whether the current line holds nothing yet but its indentation.
  let fresh = true;
  const newLine = () => {
    if (!fresh) lines.push(line.trimEnd());
    line = pad;
    fresh = true;
  };
  const add = (text: string, gap: string) => {
    // A piece padded for alignment may drop its padding to fit.
    for (const candidate of [text, text.trimEnd()]) {
      const joined = fresh ? line + candidate : line + gap + candidate;
      if (displayWidth(joined) <= width) {
        line = joined;
        fresh = false;
        return true;
      }
    }
    return false;
  };
  const addWords = (text: string, gap: string, plain = false): void => {
    // Words, with a command in backticks kept as one while a line can hold it.
    (plain ? text.split(/\s+/).filter(Boolean) : (text.match(/(?:`[^`]*`|\S)+/g) ?? [])).forEach((word, i) => {
      const sep = i === 0 ? gap : " ";
      if (add(word, sep)) return;
      if (/\s/.test(word) && displayWidth(pad + word) > width) return addWords(word, sep, true);
      let rest = word;
      // Chinese and Japanese break between characters: fill the line, then go on below.
      const head = cjkHead(rest, width - displayWidth(line) - (fresh ? 0 : displayWidth(sep)));
      if (head && add(head, sep)) rest = rest.slice(head.length);
      for (;;) {
        newLine();
        if (add(rest, "")) return;
        // Still too wide for a whole line: break inside CJK text, else cut (a single word wider than a line).
        const part = cjkHead(rest, width - displayWidth(line)) || cutColumns(rest, width - displayWidth(line));
        add(part, "");
        rest = rest.slice(part.length);
      }
    });
  };
  /** A piece that fits on no indented line: on a line of its own with less indentation, else broken at its spaces. */
  const addAlone = (text: string) => {
    const lead = /^ */.exec(text)![0];
    const body = text.trimEnd();
    if (add(body, "")) return;
    if (displayWidth(body.trimStart()) + SHALLOW.length <= width) {
      if (!fresh) newLine();
      line = SHALLOW + body.trimStart();
      fresh = false;
      return;
    }
    if (fresh && line === "" && lead) line = lead.slice(0, Math.max(0, width - MIN_WIDTH / 2));
    addWords(body, "");
  };
  present.forEach(({ text, sep }, i) => {
    if (i === 0) return addAlone(text);
    if (add(text, sep)) return;
    newLine();
    addAlone(text);
  });
  if (!fresh) lines.push(line.trimEnd());
  return lines;
}

/** A wide (CJK) character, between which and its neighbours a line may break. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Punctuation a line may not start with (closing brackets, commas, stops), or end with (opening brackets): CJK kinsoku. */
const NO_LINE_START = "）」』】〉》〕］｝，。、：；！？・ー…)]}";
const NO_LINE_END = "（「『【〈《〔［｛([{";

/** The longest start of `text` that fits in `columns` and ends where a line may break inside CJK text; "" when none. */
function cjkHead(text: string, columns: number): string {
  const chars = [...text];
  let head = "";
  let best = "";
  for (let i = 0; i < chars.length - 1; i++) {
    head += chars[i];
    if (displayWidth(head) > columns) break;
    const here = chars[i]!;
    const next = chars[i + 1]!;
    if ((WIDE.test(here) || WIDE.test(next)) && !NO_LINE_START.includes(next) && !NO_LINE_END.includes(here)) best = head;
  }
  return best;
}

/** The start of `text` that fits in `columns`. */
function cutColumns(text: string, columns: number): string {
  let out = "";
  for (const ch of text) {
    if (displayWidth(out + ch) > columns) break;
    out += ch;
  }
  return out || [...text][0]!;
}

/**
 * Wraps one line of prose to `width` columns at spaces (never inside a word), indenting continuation lines.
 * A command in backticks stays on one line when a line can hold it, so it can be copied whole.
 */
export function wrapText(text: string, width: number, indent = 0): string[] {
  return layOut([text.trim()], " ", { width, indent });
}
