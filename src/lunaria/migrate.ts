import type { ConfigInput } from "../config/schema.js";
import { isLangTag } from "../lang-tag.js";
import type { LiteralValue } from "./read-literal.js";

/** What a Lunaria config says, in transtrack's terms, and which of its fields could not be carried over. */
export interface LunariaMigration {
  config: Pick<ConfigInput, "sourceLanguage" | "languages" | "layouts" | "ignore"> & { keys?: { localizable: string } };
  /** Lunaria's fields that were read and carried over. */
  read: string[];
  /** Lunaria's fields (`files[0]`, `sourceLocale`) that could not be: not literal data, or nothing transtrack tracks. */
  unread: string[];
}

/** Lunaria's ignored keywords when its config names none (v1 and 0.x alike). */
const DEFAULT_KEYWORDS = ["lunaria-ignore", "fix typo"];
const MARKDOWN = /\.(?:md|mdx|markdown)\b|\{[^}]*\b(?:md|mdx|markdown)\b[^}]*\}|\([^)]*\b(?:md|mdx|markdown)\b[^)]*\)/;

type Data = { [key: string]: LiteralValue };

/**
 * The transtrack config equivalent to a Lunaria config read as data (v1: `sourceLocale`, `tracking.*`, `files[].include`;
 * 0.x: `defaultLocale`, `ignoreKeywords`, `localizableProperty`, `files[].location`). Commit directives are turned on,
 * since the site's history already uses them.
 */
export function migrateLunaria(data: Data): LunariaMigration {
  const out: LunariaMigration = { config: {}, read: [], unread: [] };
  const tracking = isData(data.tracking) ? data.tracking : data.tracking === undefined ? {} : null;
  if (tracking === null) out.unread.push("tracking");

  const sourceField = data.sourceLocale !== undefined ? "sourceLocale" : "defaultLocale";
  const source = lang(data[sourceField]);
  if (source) {
    out.config.sourceLanguage = source;
    out.read.push(sourceField);
  } else if (data[sourceField] !== undefined) out.unread.push(sourceField);

  if (Array.isArray(data.locales)) {
    const langs: string[] = [];
    data.locales.forEach((l, i) => {
      const tag = lang(l);
      if (tag) langs.push(tag);
      else out.unread.push(`locales[${i}]`);
    });
    if (langs.length > 0) {
      out.config.languages = langs;
      out.read.push("locales");
    }
  } else if (data.locales !== undefined) out.unread.push("locales");

  if (Array.isArray(data.files)) {
    const layouts: NonNullable<ConfigInput["layouts"]> = [];
    data.files.forEach((file, i) => {
      const layout = isData(file) ? fileLayout(file) : null;
      if (layout) {
        layouts.push(layout);
        // A layout takes every file its pattern matches: what Lunaria leaves out, transtrack reports too.
        for (const field of ["exclude", "ignore"]) {
          const globs = isData(file) ? file[field] : undefined;
          if (globs !== undefined && !(Array.isArray(globs) && globs.length === 0)) out.unread.push(`files[${i}].${field}`);
        }
      } else out.unread.push(`files[${i}]`);
    });
    if (layouts.length > 0) {
      out.config.layouts = layouts;
      out.read.push("files");
    }
  } else if (data.files !== undefined) out.unread.push("files");

  const keywordsField = tracking && tracking.ignoredKeywords !== undefined ? "tracking.ignoredKeywords" : "ignoreKeywords";
  const keywordsValue = keywordsField === "ignoreKeywords" ? data.ignoreKeywords : tracking!.ignoredKeywords;
  // The keywords that are literal text are kept, even when others are not.
  const listed = Array.isArray(keywordsValue) ? keywordsValue.filter((k): k is string => typeof k === "string" && k !== "") : null;
  const keywords = keywordsValue === undefined ? DEFAULT_KEYWORDS : (strings(keywordsValue) ?? listed);
  if (keywords && keywordsValue !== undefined) out.read.push(keywordsField);
  if (keywordsValue !== undefined && strings(keywordsValue) === null) out.unread.push(keywordsField);
  out.config.ignore = { keywords: (keywords ?? DEFAULT_KEYWORDS).filter((k) => k !== ""), directives: true };

  const propertyField = tracking && tracking.localizableProperty !== undefined ? "tracking.localizableProperty" : "localizableProperty";
  const property = propertyField === "localizableProperty" ? data.localizableProperty : tracking!.localizableProperty;
  if (typeof property === "string" && property !== "") {
    out.config.keys = { localizable: property };
    out.read.push(propertyField);
  } else if (property !== undefined && property !== null) out.unread.push(propertyField);
  return out;
}

/** A Markdown `files` entry's layout: Lunaria's `@lang`/`@path` pattern, or its `{ source, locales }` pair; null otherwise. */
function fileLayout(file: Data): { translation: string; source?: string } | null {
  const globs = strings(file.include ?? file.location);
  if (file.type === "dictionary" || !globs?.some((g) => MARKDOWN.test(g))) return null;
  const pattern = file.pattern;
  if (typeof pattern === "string") {
    const translation = toPattern(pattern);
    return translation ? { translation } : null;
  }
  if (isData(pattern) && typeof pattern.source === "string" && typeof pattern.locales === "string") {
    const source = toPattern(pattern.source, false);
    const translation = toPattern(pattern.locales);
    return source && translation ? { source, translation } : null;
  }
  return null;
}

/** Lunaria's `src/@lang/@path` as transtrack's `src/{lang}/{path}`; null when it holds a placeholder transtrack has not. */
function toPattern(pattern: string, needsLang = true): string | null {
  const converted = pattern.replace(/^\.\//, "").replace(/@lang\b/g, "{lang}").replace(/@path\b/g, "{path}");
  if (/@[a-z]/i.test(converted) || !converted.includes("{path}") || (needsLang && !converted.includes("{lang}"))) return null;
  return converted;
}

function lang(value: LiteralValue | undefined): string | null {
  const tag = isData(value) ? value.lang : null;
  return typeof tag === "string" && isLangTag(tag) ? tag : null;
}

function strings(value: LiteralValue | undefined): string[] | null {
  if (typeof value === "string") return [value];
  return Array.isArray(value) && value.every((v): v is string => typeof v === "string") ? value : null;
}

function isData(value: LiteralValue | undefined): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
