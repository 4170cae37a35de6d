// A leaf below config/, core/, posts/ and cli/, which all check language tags: in core/ it would make
// config/schema.ts import the core at run time while the core imports the config's types.

/** The first subtag: 2–8 letters, so `en`, `zh` and also `hant`, which a Jekyll blog uses alone for Traditional Chinese. */
export const PRIMARY_SUBTAG = "[A-Za-z]{2,8}";

/** What separates subtags: BCP 47's `-`, or the `_` of POSIX locales (`zh_TW`). */
export const SUBTAG_SEPARATOR = "[-_]";

/** A later subtag: 1–8 letters or digits (`CN`, `br`, `hant`, `419`). */
export const SUBTAG = "[A-Za-z0-9]{1,8}";

/**
 * A language tag as regular-expression source, without anchors and without capturing groups, so it can sit
 * inside a larger pattern that reads its captures by number: `en`, `zh-CN`, `pt-br`, `zh-hant`, `zh_TW`, `hant`.
 */
export const LANG_TAG_SOURCE = `${PRIMARY_SUBTAG}(?:${SUBTAG_SEPARATOR}${SUBTAG})*`;

const WHOLE = new RegExp(`^${LANG_TAG_SOURCE}$`);

/** True when the whole text, exactly as written (no trimming, either case), is a language tag. */
export function isLangTag(text: string): boolean {
  return WHOLE.test(text);
}
