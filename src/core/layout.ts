import type { Layout } from "../config/schema.js";
import { isLangTag, SUBTAG, SUBTAG_SEPARATOR } from "../lang-tag.js";
import { escapeRegExp } from "./escape-regexp.js";

/** Markdown file endings that make a file a post. */
export const POST_EXTENSIONS = [".md", ".markdown", ".mdx"] as const;

/** True when the path names a Markdown post by its ending. */
export function isPostPath(path: string): boolean {
  // Every ending above ends in d, n or x (any case): most paths of a site are turned away by their last letter.
  const last = path.charCodeAt(path.length - 1) | 0x20;
  if (last !== 0x64 && last !== 0x6e && last !== 0x78) return false;
  const lower = path.slice(-9).toLowerCase();
  return POST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** What a path yields when it matches a layout pattern. */
export interface PatternMatch {
  lang: string | null;
  stem: string;
  ext: string | null;
}

// A path segment passes for a language unasked only with the 2-3 letter primary of an ISO 639 code: `images`
// or `drafts` are language tags too (primaries may have up to 8 letters), but a folder of that name rarely holds
// translations. Longer primaries, like the `hant` some sites use for Traditional Chinese, match once configured.
const UNDECLARED_LANG = `[A-Za-z]{2,3}(?:${SUBTAG_SEPARATOR}${SUBTAG})*`;

/** A layout pattern such as `posts/{lang}/{path}`, compiled for matching and building paths. */
export class PathPattern {
  readonly text: string;
  private readonly regex: RegExp;
  /** Capture numbers of the lang, stem and ext groups, or -1 for a group the pattern lacks. */
  private readonly groups = { lang: -1, stem: -1, ext: -1 };

  /**
   * `declared`: the configured languages, matched as written even when their primary is longer than 3 letters;
   * with `onlyDeclared`, `{lang}` matches those alone, so a `-asm` ending is not taken for a language.
   */
  constructor(text: string, declared: readonly string[] = [], onlyDeclared = false) {
    this.text = text;
    const tags = [...new Set(declared)].filter(isLangTag).map(escapeRegExp);
    const lang = (onlyDeclared && tags.length > 0 ? tags : [UNDECLARED_LANG, ...tags]).join("|");
    let captures = 0;
    const source = text
      .split(/(\{lang\}|\{path\}|\{ext\})/)
      .map((part) => {
        if (part === "{lang}") {
          if (this.groups.lang > 0) return "\\k<lang>";
          this.groups.lang = ++captures;
          return `(?<lang>${lang})`;
        }
        if (part === "{path}") {
          this.groups.stem = ++captures;
          return "(?<stem>.+)";
        }
        if (part === "{ext}") {
          this.groups.ext = ++captures;
          return "(?<ext>md|markdown|mdx)";
        }
        return escapeRegExp(part);
      })
      .join("");
    // dotAll: a path may hold any character, a newline included.
    this.regex = new RegExp(`^${source}$`, "s");
  }

  /** The language, stem and ending a path has under this pattern, or null when it doesn't match. */
  match(path: string): PatternMatch | null {
    const { lang, stem, ext } = this.groups;
    // A pattern without placeholders has no groups, and so never matched anything.
    if (lang < 0 && stem < 0 && ext < 0) return null;
    const m = this.regex.exec(path);
    if (!m) return null;
    // Captures read by number: the `groups` object costs a third of the matching when read.
    return { lang: capture(m, lang) ?? null, stem: capture(m, stem) ?? "", ext: capture(m, ext) ?? null };
  }

  /** The path this pattern gives for a language, stem and ending. */
  build(lang: string, stem: string, ext: string | null): string {
    return buildPath(this.text, lang, stem, ext);
  }

  /** The folder every match lies in: the pattern up to the last `/` before its first placeholder ("" for the root). */
  folder(): string {
    const head = this.text.slice(0, this.text.search(/\{(?:lang|path|ext)\}/));
    return head.slice(0, head.lastIndexOf("/") + 1);
  }
}

/** The path a layout pattern's text gives for a language, stem and ending. */
export function buildPath(pattern: string, lang: string, stem: string, ext: string | null): string {
  return pattern.replaceAll("{lang}", lang).replaceAll("{path}", stem).replaceAll("{ext}", ext ?? "md");
}

/** The text of capture `n`, or undefined for a group the pattern lacks (`n` < 0). */
function capture(m: RegExpExecArray, n: number): string | undefined {
  return n < 0 ? undefined : m[n];
}

/** A layout with its patterns compiled. */
export interface CompiledLayout {
  index: number;
  /** Where originals live: one pattern, or several whose originals share the translations. */
  sources: PathPattern[];
  translation: PathPattern;
  /** Originals and translations share one pattern and differ only by language. */
  shared: boolean;
}

/**
 * Compiles the configured layouts, in order; `declared` languages match in paths whatever their length, and
 * with `onlyDeclared` (the site lists its languages) they are the only ones `{lang}` matches.
 */
export function compileLayouts(layouts: readonly Layout[], declared: readonly string[] = [], onlyDeclared = false): CompiledLayout[] {
  return layouts.map((l, index) => ({
    index,
    sources: l.sources.map((s) => new PathPattern(s, declared, onlyDeclared)),
    translation: new PathPattern(l.translation, declared, onlyDeclared),
    shared: l.sources.length === 1 && l.sources[0] === l.translation,
  }));
}

/** How a layout sees a path: as an original or a translation, with its language and stem. */
export interface LayoutRole {
  layout: CompiledLayout;
  role: "original" | "translation";
  lang: string | null;
  stem: string;
  ext: string | null;
}

/** The role the first matching layout gives a path, or null when no layout matches. */
export function layoutRole(path: string, layouts: readonly CompiledLayout[], sourceLanguage: string): LayoutRole | null {
  for (const layout of layouts) {
    if (layout.shared) {
      const m = layout.translation.match(path);
      if (!m) continue;
      const role = m.lang === null || sameLang(m.lang, sourceLanguage) ? "original" : "translation";
      return { layout, role, lang: m.lang, stem: m.stem, ext: m.ext };
    }
    // Translation first: with Hugo's `docs/{path}.md` beside `docs/{path}.{lang}.md`, the
    // source pattern also matches `intro.de.md` (stem `intro.de`); the language tag decides.
    const asTranslation = layout.translation.match(path);
    if (asTranslation) return { layout, role: "translation", lang: asTranslation.lang, stem: asTranslation.stem, ext: asTranslation.ext };
    for (const source of layout.sources) {
      const asSource = source.match(path);
      if (asSource) return { layout, role: "original", lang: asSource.lang, stem: asSource.stem, ext: asSource.ext };
    }
  }
  return null;
}

/** Language tags compare case-insensitively, with `_` and `-` alike. */
export function sameLang(a: string, b: string): boolean {
  return a === b || normalizeLang(a) === normalizeLang(b);
}

/** A language tag in one canonical spelling for comparisons (`zh_CN` → `zh-cn`). */
function normalizeLang(tag: string): string {
  return tag.replace(/_/g, "-").toLowerCase();
}
