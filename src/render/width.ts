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
  const addWords = (text: string, gap: string) => {
    text.split(/ +/).filter(Boolean).forEach((word, i) => {
      if (add(word, i === 0 ? gap : " ")) return;
      newLine();
      if (add(word, "")) return;
      // One word wider than a line.
      let rest = word;
      while (displayWidth(pad + rest) > width) {
        const cut = cutColumns(rest, width - pad.length);
        lines.push(pad + cut);
        rest = rest.slice(cut.length);
      }
      add(rest, "");
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
  return layOut(text.match(/(?:`[^`]*`|\S)+/g) ?? [], " ", { width, indent });
}
