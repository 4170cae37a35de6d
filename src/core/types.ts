/** The status of one translation, exactly as the JSON report spells it. */
export type Status = "up-to-date" | "stale" | "missing" | "orphaned" | "invalid" | "unknown";

/** Every status, in the order summaries list them. */
export const STATUSES: readonly Status[] = ["up-to-date", "stale", "missing", "orphaned", "invalid", "unknown"];

/** A finding about one file, as data; words come from the renderer. */
export interface Problem {
  code: ProblemCode;
  file: string;
  line?: number;
  /** Values for the message's interpolations. */
  args?: Record<string, string | number>;
}

/** Every problem code transtrack reports; each has a message under `problems.` in every locale. */
export const PROBLEM_CODES = [
  "INVALID_FRONT_MATTER",
  "INVALID_FIELD",
  "LINK_OUTSIDE_REPO",
  "LANG_UNKNOWN",
  "SOURCE_NOT_FOUND",
  "SOURCE_MOVED",
  "SOURCE_MOVED_RENAME",
  "KEY_WITHOUT_ORIGINAL",
  "KEY_MANY_ORIGINALS",
  "DUPLICATE_TRANSLATION",
  "SOURCE_COMMIT_NOT_FOUND",
  "SOURCE_COMMIT_AMBIGUOUS",
  "SOURCE_COMMIT_NOT_ANCESTOR",
  "SOURCE_NOT_IN_BASELINE",
  "TRANSLATION_UNCOMMITTED",
  "SOURCE_UNCOMMITTED",
  "SYMLINK_OUTSIDE_REPO",
  "AMBIGUOUS_SOURCE",
  "FRONT_MATTER_EXPANDS",
] as const;

/** Problems that warn whatever the status: the original moved, and the link or the file's name must follow. */
export const MOVED_CODES: readonly ProblemCode[] = ["SOURCE_MOVED", "SOURCE_MOVED_RENAME"];

/** Whether an entry carries a warning that its original moved. */
export function hasMoved(entry: Pick<Entry, "problems">): boolean {
  return entry.problems.some((p) => MOVED_CODES.includes(p.code));
}

/** One of `PROBLEM_CODES`. */
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One line of the report: a translation (or a missing one) and its status. */
export interface Entry {
  lang: string;
  source: string | null;
  translation: string | null;
  status: Status;
  /** The commit the translation is compared against, or null when none. */
  baseline: string | null;
  /** The last commit that changed the original, or null when it has none. */
  sourceCommit: string | null;
  commitsBehind: number;
  linesAdded: number;
  linesRemoved: number;
  /** ISO 8601 date of the first meaningful commit after the baseline, or null. */
  staleSince: string | null;
  problems: Problem[];
  /** Present, and true, on the file in the original's own language that the layout keeps as its copy. */
  copy?: true;
  /** On a missing entry: where the layout would put the translation, or null when no layout says. */
  expectedPath?: string | null;
}

/** An entry with nothing measured yet: no baseline, no commits behind, no problems. */
export function newEntry(fields: Pick<Entry, "lang" | "source" | "translation" | "status"> & Partial<Entry>): Entry {
  return { baseline: null, sourceCommit: null, commitsBehind: 0, linesAdded: 0, linesRemoved: 0, staleSince: null, problems: [], ...fields };
}

/** Counts of each status for one language. */
export type Summary = Record<Status, number>;

/** The whole report, as `status --json` prints it. */
export interface Report {
  schemaVersion: 1;
  head: string;
  languages: string[];
  summary: Record<string, Summary>;
  translations: Entry[];
  problems: Problem[];
}

/** What transtrack needs to know of a post, read from its front-matter. */
export interface Post {
  path: string;
  lang: string | null;
  translationOf: string | null;
  translationKey: string | null;
  sourceCommit: string | null;
  /** Front-matter `title`, whitespace folded, for display; null when it has none. */
  title: string | null;
  /** The post can't be read as a post; `problems` says why. */
  invalid: boolean;
  /** `keys.localizable` is configured and this post doesn't set it to true: as an original, nobody owes it a translation. */
  notLocalizable?: true;
  problems: Problem[];
}

/** A post with nothing read from it yet: no language, no links, no problems. */
export function newPost(path: string, fields: Partial<Omit<Post, "path">> = {}): Post {
  return { path, lang: null, translationOf: null, translationKey: null, sourceCommit: null, title: null, invalid: false, problems: [], ...fields };
}
