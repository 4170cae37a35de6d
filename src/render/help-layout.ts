import { displayWidth, padColumns, wrapText } from "./width.js";

/** Columns a help item is indented by, and the gap between a term and its description. */
const INDENT = 2;
const GAP = 2;
/** Below this many columns beside the terms, descriptions go under their term instead. */
const MIN_DESCRIPTION = 24;

/**
 * One line of commander's help ("  --lang <langs>  only these target languages"), laid out in `width`
 * columns: the description wraps at spaces (or between CJK characters) beside the term, or under it when
 * the terms leave too little room. commander's own wrap measures in code units and gives up below 40 columns.
 */
export function formatHelpItem(term: string, termWidth: number, description: string, width: number): string {
  const head = " ".repeat(INDENT) + padColumns(term, termWidth);
  if (!description) return head.trimEnd();
  const column = INDENT + termWidth + GAP;
  if (width - column >= MIN_DESCRIPTION) {
    const [first = "", ...rest] = wrapText(description, width - column);
    return [`${head}${" ".repeat(GAP)}${first}`, ...rest.map((l) => " ".repeat(column) + l)].join("\n");
  }
  const under = INDENT * 3;
  return [head.trimEnd(), ...wrapText(description, width - under).map((l) => " ".repeat(under) + l)].join("\n");
}

/** commander's `boxWrap`: prose wrapped to `width`, line by line; a line that fits is kept as it is. */
export function wrapHelpText(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((line) => (displayWidth(line) <= width ? [line] : wrapText(line, width)))
    .join("\n");
}
