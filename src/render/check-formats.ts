import type { CheckFormatName } from "./check-format-names.js";
import type { CheckRenderer } from "./check-result.js";
import { renderCheckGithub } from "./check-github.js";
import { renderCheckJson } from "./check-json.js";
import { renderCheckJunit } from "./check-junit.js";
import { renderCheckMarkdown } from "./check-markdown.js";
import { renderCheckText } from "./check-text.js";

/** The `--format` values of `check`, each with its renderer. */
export const CHECK_FORMATS: Record<CheckFormatName, CheckRenderer> = {
  text: renderCheckText,
  json: renderCheckJson,
  github: renderCheckGithub,
  junit: renderCheckJunit,
  markdown: renderCheckMarkdown,
};
