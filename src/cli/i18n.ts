import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { TFunction } from "i18next";
import type { Translate } from "../render/words.js";

/** The languages transtrack speaks; `en` holds the keys. */
const LOCALES_DIR = new URL("../../locales/", import.meta.url);


/** The locale asked for by `--locale`, else LC_ALL, LC_MESSAGES, LANG; `en` when none names one. */
export function detectLocale(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  for (const value of [explicit, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (!value) continue;
    const tag = value.split(".")[0]!.split("@")[0]!.replace(/_/g, "-");
    if (tag === "C" || tag === "POSIX") return "en";
    if (tag) return tag;
  }
  return "en";
}

/** The locales shipped in `locales/`. */
export function availableLocales(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

const translators = new Map<string, Translate>();

/**
 * A translator for `locale`, falling back to English; only those two locale files are read, and only
 * when the first message is translated (a run that prints none, such as `status --json`, loads neither
 * them nor i18next).
 */
export function createTranslator(locale: string): Translate {
  const language = pickLocale(locale, availableLocales());
  const cached = translators.get(language);
  if (cached) return cached;
  let t: TFunction | null = null;
  const translate: Translate = (key, args) => {
    t ??= loadTranslations(language);
    return t(key, args ?? {}) as string;
  };
  translators.set(language, translate);
  return translate;
}

/** i18next with `language` and English loaded, synchronously (its CommonJS build). */
function loadTranslations(language: string): TFunction {
  const { createInstance } = createRequire(import.meta.url)("i18next") as typeof import("i18next");
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lng of new Set([language, "en"])) {
    resources[lng] = { translation: JSON.parse(readFileSync(new URL(`${lng}.json`, LOCALES_DIR), "utf8")) };
  }
  const i18n = createInstance();
  void i18n.init({
    lng: language,
    fallbackLng: "en",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n.t.bind(i18n);
}

/** The best shipped locale for a tag: exact, then its primary language (`de-AT` → `de`), else `en`. */
export function pickLocale(tag: string, available: readonly string[]): string {
  const lower = tag.toLowerCase();
  const exact = available.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split("-")[0];
  return available.find((a) => a.toLowerCase() === primary) ?? "en";
}
