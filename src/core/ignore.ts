import picomatch from "picomatch";
import { escapeRegExp } from "./escape-regexp.js";

/** The ignore directives of the configuration. */
export interface IgnoreRules {
  messages: readonly string[];
  trailers: readonly string[];
  /** Lunaria's ignored keywords: a commit whose subject holds one (any case) counts for no file. */
  keywords?: readonly string[];
  /** Whether Lunaria's `@lunaria-track:`/`@lunaria-ignore:` directives (and `@tracker-major:`/`@tracker-minor:`) are read. */
  directives?: boolean | null;
}

/**
 * Which files a commit counts for, when its message narrows that (a commit without one counts for every file),
 * for originals and translations alike: a translation's baseline is its last commit that counts for it.
 */
export interface CommitScope {
  /** An ignored keyword: it counts for no file. */
  none?: true;
  /** It counts only for files one of these globs matches. */
  track?: string[];
  /** It counts for no file one of these globs matches. */
  ignore?: string[];
}

/** True when a commit message carries an ignore directive: a configured text anywhere, or a trailer. */
export function isIgnoredMessage(message: string, rules: IgnoreRules): boolean {
  const lower = message.toLowerCase();
  if (rules.messages.some((m) => lower.includes(m.toLowerCase()))) return true;
  if (rules.trailers.length === 0) return false;
  const lines = trailerLines(message).map((l) => l.toLowerCase().replace(/\s*:\s*/, ": "));
  return rules.trailers.some((t) => lines.includes(t.trim().toLowerCase().replace(/\s*:\s*/, ": ")));
}

/** Trailers live in the message's last paragraph (never its only one), one `Key: value` a line. */
function trailerLines(message: string): string[] {
  const paragraphs = message.replace(/\r\n?/g, "\n").trim().split(/\n[ \t]*\n/);
  if (paragraphs.length < 2) return [];
  return paragraphs[paragraphs.length - 1]!.split("\n").map((l) => l.trim());
}

// Lunaria's directive: the first one in the body, its globs up to the end of that line, `;`-separated. The
// older spellings are read as Lunaria 0.x read them: major as track, minor as ignore.
const DIRECTIVE = /@(lunaria-track|lunaria-ignore|tracker-major|tracker-minor):([^\n]*)/;
// A commit message is anyone's input (a pull request's): its globs are kept to what a person writes, so that
// matching them costs bounded time. A longer glob, or one past the count, matches nothing.
const MAX_GLOB_LENGTH = 256;
const MAX_GLOBS = 32;
const TRAILER = /^translation-(track|ignore)[ \t]*:[ \t]*(\S.*)$/i;

/**
 * The files a commit counts for, from its message: Lunaria's ignored keywords in the subject and directives in
 * the body, and transtrack's `Translation-Track: GLOB` / `Translation-Ignore: GLOB` trailers; null when unlimited.
 */
export function commitScope(message: string, rules: IgnoreRules): CommitScope | null {
  const text = message.replace(/\r\n/g, "\n");
  // As git's %s and %b split it: the subject is the first paragraph, the body what follows the blank line.
  const split = /\n[ \t]*\n/.exec(text);
  const subject = split ? text.slice(0, split.index) : text;
  const body = split ? text.slice(split.index + split[0].length) : "";
  if (rules.keywords?.length && keywordPattern(rules.keywords).test(subject.replace(/\n/g, " "))) return { none: true };
  const track: string[] = [];
  const ignore: string[] = [];
  let tracked = false;
  if (rules.directives) {
    const m = DIRECTIVE.exec(body);
    if (m) {
      // Each glob trimmed, so one that ends its line with `\r` (a message written on Windows) still matches.
      const globs = m[2]!.split(";").map((g) => g.trim()).filter((g) => g !== "").slice(0, MAX_GLOBS);
      if (m[1] === "lunaria-track" || m[1] === "tracker-major") {
        track.push(...globs);
        tracked = true;
      } else ignore.push(...globs);
    }
  }
  for (const line of trailerLines(message)) {
    const m = TRAILER.exec(line);
    if (!m) continue;
    if (m[1]!.toLowerCase() === "track") {
      track.push(m[2]!.trim());
      tracked = true;
    } else ignore.push(m[2]!.trim());
  }
  if (!tracked && ignore.length === 0) return null;
  return { ...(tracked ? { track: track.slice(0, MAX_GLOBS) } : {}), ...(ignore.length ? { ignore: ignore.slice(0, MAX_GLOBS) } : {}) };
}

/** Whether a commit with this scope counts for the file at `path`. */
export function countsFor(scope: CommitScope | undefined | null, path: string): boolean {
  if (!scope) return true;
  if (scope.none) return false;
  if (scope.track && !scope.track.some((g) => globMatches(g, path))) return false;
  return !scope.ignore?.some((g) => globMatches(g, path));
}

const keywordPatterns = new Map<string, RegExp>();

/** One pattern for all keywords, as literal text in any case. */
function keywordPattern(keywords: readonly string[]): RegExp {
  const key = keywords.join("\0");
  let re = keywordPatterns.get(key);
  if (!re) keywordPatterns.set(key, (re = new RegExp(keywords.map(escapeRegExp).join("|"), "i")));
  return re;
}

const matchers = new Map<string, (path: string) => boolean>();

/** picomatch's verdict with its default options, as Lunaria asks it; a glob it can't compile matches nothing. */
function globMatches(glob: string, path: string): boolean {
  let match = matchers.get(glob);
  if (!match) {
    try {
      match = glob.length > MAX_GLOB_LENGTH ? () => false : picomatch(glob);
    } catch {
      match = () => false;
    }
    matchers.set(glob, match);
  }
  return match(path);
}
