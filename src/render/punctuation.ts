import type { Translate } from "./words.js";

/** Full-width punctuation that carries its own space (Chinese and Japanese write "错误：x", not "错误： x"). */
const FULL_WIDTH_END = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]$/;

/** A label and its text: a space after "error:", none after "错误：". */
export function labelled(label: string, text: string, paint: (s: string) => string = (s) => s): string {
  return FULL_WIDTH_END.test(label) ? `${paint(label)}${text}` : `${paint(label)} ${text}`;
}

/** Items of a list joined as the language writes lists ("a, b" · "a，b" · "a、b"). */
export function joinList(items: readonly string[], t: Translate): string {
  return items.join(t("list.separator"));
}
