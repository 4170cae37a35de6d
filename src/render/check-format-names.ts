/** The `--format` values of `check`; `CHECK_FORMATS` has a renderer for each. */
export const CHECK_FORMAT_NAMES = ["text", "json", "github", "junit", "markdown"] as const;

/** One of `CHECK_FORMAT_NAMES`. */
export type CheckFormatName = (typeof CHECK_FORMAT_NAMES)[number];
