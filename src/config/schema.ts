import { z } from "zod";
import { parsePattern } from "../key-path.js";
import { LANG_TAG_SOURCE } from "../lang-tag.js";

const STATUS = z.enum(["up-to-date", "stale", "missing", "orphaned", "invalid", "unknown"]);
const LANG = z.string().regex(new RegExp(`^${LANG_TAG_SOURCE}$`), "a language tag such as en, de or zh-CN");

const pattern = z
  .string()
  .min(1)
  .refine((p) => p.includes("{path}"), "must contain {path}")
  // `{lang}` may repeat (every place holds the same language); a second `{path}` or `{ext}` could hold
  // another text than the first, so a path could not be built from the pattern.
  .refine((p) => p.split("{path}").length === 2, "must contain {path} only once")
  .refine((p) => p.split("{ext}").length <= 2, "may contain {ext} only once")
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be a relative path inside the repository");

const layout = z.strictObject({
  /**
   * Where originals live, e.g. `posts/{lang}/{path}`; defaults to `translation`. Several patterns (`["original/{path}-{lang}.md",
   * "notes/{path}-{lang}.md"]`) pool their originals: a translation links to the one with its `{path}`, in any of them.
   */
  source: z.union([pattern, z.array(pattern).min(1, "must list at least one pattern")], { error: "a pattern such as original/{path}-{lang}.md, or a list of them" }).optional(),
  /** Where translations live, e.g. `posts/{lang}/{path}` or `docs/{path}.{lang}.md`. */
  translation: pattern,
});

const checkPolicy = z.strictObject({
  failOn: z.array(STATUS).optional(),
  maxDays: z.number().int().nonnegative().nullable().optional(),
});

/** The schema of `transtrack.config.json`; the JSON Schema is generated from it. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Language of originals; with distinct source and translation patterns it is only the default. */
  sourceLanguage: LANG.default("en"),
  /** Target languages; when absent, the languages found on disk. */
  languages: z.array(LANG).optional(),
  /**
   * Languages of originals, most preferred first: when one `{path}` has originals in several languages, a translation
   * into a language that has none of them follows the first of these that does.
   */
  sourcePriority: z.array(LANG).optional(),
  /** Shorthand for the folder-per-language layout `ROOT/{lang}/{path}`. */
  root: z
    .string()
    .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be a relative path inside the repository")
    .optional(),
  layouts: z.array(layout).min(1).optional(),
  keys: z
    .strictObject({
      lang: z.string().min(1).default("lang"),
      translationOf: z.string().min(1).default("translation_of"),
      translationKey: z.string().min(1).default("translation_key"),
      sourceCommit: z.string().min(1).default("source_commit"),
      /**
       * Lunaria's `localizableProperty`: when set, only originals whose front-matter has this key set to `true` are
       * meant to be translated; the others are never reported missing.
       */
      localizable: z.string().min(1).optional(),
    })
    .default({ lang: "lang", translationOf: "translation_of", translationKey: "translation_key", sourceCommit: "source_commit" }),
  /** Front-matter keys whose text is translated: `title`, nested `banner.content`, patterns `hero.**`, `head[*].content`. */
  translatableKeys: z.array(z.string().min(1).refine((p) => parsePattern(p) !== null, "a key or key path such as title, banner.content, head[*].content or hero.**")).default(["title", "description"]),
  ignore: z
    .strictObject({
      /** Text that, anywhere in a commit message, makes the commit not count. */
      messages: z.array(z.string().min(1)).default(["[skip translation]"]),
      /** Trailers (`Key: value`) that make the commit not count. */
      trailers: z.array(z.string().regex(/^[A-Za-z0-9-]+:\s*\S.*$/, "a trailer such as `Translation: skip`")).default(["Translation: skip"]),
      /**
       * Lunaria's `ignoredKeywords`: a commit whose subject holds one of these (any case) counts for no file, neither
       * for an original's changes nor as a translation's baseline.
       */
      keywords: z.array(z.string().min(1)).default([]),
      /**
       * Read Lunaria's commit directives `@lunaria-track:GLOB;GLOB` and `@lunaria-ignore:GLOB;GLOB` (and the older
       * `@tracker-major:`/`@tracker-minor:`), which limit the files a commit counts for. Default: on when the
       * repository has a Lunaria config (lunaria.config.json, .ts, .js or .mjs) at its root.
       */
      directives: z.boolean().optional(),
    })
    .default({ messages: ["[skip translation]"], trailers: ["Translation: skip"], keywords: [] }),
  check: checkPolicy
    .extend({
      /** Per-language overrides of `failOn` and `maxDays`. */
      languages: z.record(z.string(), checkPolicy).optional(),
    })
    .default({}),
});

/** The configuration as written by the user. */
export type ConfigInput = z.input<typeof configSchema>;

/** A layout with both patterns known. */
export interface Layout {
  /** One pattern or more; with several, originals under any of them share the translations. */
  sources: string[];
  translation: string;
}

/** The configuration with every default applied. */
export interface Config {
  sourceLanguage: string;
  languages: string[] | null;
  /** Languages of originals in order of preference, for a `{path}` with originals in several; empty when not configured. */
  sourcePriority: string[];
  layouts: Layout[];
  keys: { lang: string; translationOf: string; translationKey: string; sourceCommit: string; localizable?: string };
  translatableKeys: string[];
  /** `directives` null: not configured, decided by whether the site has a Lunaria config. */
  ignore: { messages: string[]; trailers: string[]; keywords: string[]; directives: boolean | null };
  check: {
    failOn: string[] | null;
    maxDays: number | null;
    languages: Record<string, { failOn?: string[]; maxDays?: number | null }>;
  };
}

/** Turns a validated config into the resolved form the rest of transtrack uses. */
export function resolveConfig(parsed: z.output<typeof configSchema>): Config {
  const root = parsed.root ?? "posts";
  const folder = `${root.replace(/\/+$/, "")}/{lang}/{path}`;
  const layouts = parsed.layouts?.map((l) => ({ sources: l.source === undefined ? [l.translation] : [l.source].flat(), translation: l.translation })) ?? [
    { sources: [folder], translation: folder },
  ];
  return {
    sourceLanguage: parsed.sourceLanguage,
    languages: parsed.languages ?? null,
    sourcePriority: parsed.sourcePriority ?? [],
    layouts,
    keys: parsed.keys,
    translatableKeys: parsed.translatableKeys,
    ignore: { ...parsed.ignore, directives: parsed.ignore.directives ?? null },
    check: {
      failOn: parsed.check.failOn ?? null,
      maxDays: parsed.check.maxDays ?? null,
      languages: parsed.check.languages ?? {},
    },
  };
}

/** The configuration used when there is no config file. */
export const DEFAULT_CONFIG: Config = resolveConfig(configSchema.parse({}));
