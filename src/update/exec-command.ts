import { commandWords } from "./editor.js";

/** What one run of the translator is told: paths relative to the repository root, commits as full shas. */
export interface ExecValues {
  /** The original. */
  source: string;
  /** The translation to write (for a missing one, where the layout puts it). */
  translation: string;
  lang: string;
  sourceLang: string;
  /** The commit the translation reflects now; empty for a missing one. */
  baseline: string;
  /** The original's commit the translation will reflect: recorded as its `source_commit` on success. */
  head: string;
  /** A file holding the original's unified diff from the baseline to HEAD. */
  diff: string;
}

/** Placeholder names, as written in CMD (`{sourceLang}`), with the environment variable carrying each value. */
export const PLACEHOLDERS: Readonly<Record<keyof ExecValues, string>> = {
  source: "TRANSTRACK_SOURCE",
  translation: "TRANSTRACK_TRANSLATION",
  lang: "TRANSTRACK_LANG",
  sourceLang: "TRANSTRACK_SOURCE_LANG",
  baseline: "TRANSTRACK_BASELINE",
  head: "TRANSTRACK_HEAD",
  diff: "TRANSTRACK_DIFF",
};

const PLACEHOLDER = new RegExp(`\\{(${Object.keys(PLACEHOLDERS).join("|")})\\}`, "g");

/** CMD as words, split as `$EDITOR` is (quotes and backslashes as in sh, no shell run); empty when it has none. */
export function execWords(command: string): string[] {
  return commandWords(command);
}

/**
 * The argv of one run: each placeholder replaced inside the word that holds it, in one pass, so a value is
 * always part of one word and a value that reads like a placeholder (`{lang}.md`) is not expanded again.
 */
export function execArgv(words: readonly string[], values: ExecValues): string[] {
  return words.map((word) => word.replace(PLACEHOLDER, (_, name: keyof ExecValues) => values[name]));
}

/** The child's environment: the caller's, with every value under its `TRANSTRACK_` name. */
export function execEnv(env: NodeJS.ProcessEnv, values: ExecValues): NodeJS.ProcessEnv {
  const own = Object.fromEntries(Object.entries(PLACEHOLDERS).map(([name, variable]) => [variable, values[name as keyof ExecValues]]));
  return { ...env, ...own };
}

/** A repository-relative path as a word that can't be taken for an option: `-x.md` becomes `./-x.md`. */
export function safePath(path: string): string {
  return path.startsWith("-") ? `./${path}` : path;
}

/** An argv as one line a POSIX shell reads back to the same words, for `--dry-run`. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(" ");
}
