import { readdirSync, readFileSync } from "node:fs";
import { createInstance, type TFunction } from "i18next";
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

/** Loads every shipped locale and returns a translator for `locale`, falling back to English. */
export function createTranslator(locale: string): Translate {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lng of availableLocales()) {
    resources[lng] = { translation: JSON.parse(readFileSync(new URL(`${lng}.json`, LOCALES_DIR), "utf8")) };
  }
  const available = Object.keys(resources);
  const language = pickLocale(locale, available);
  const i18n = createInstance();
  void i18n.init({
    lng: language,
    fallbackLng: "en",
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const t: TFunction = i18n.t.bind(i18n);
  return (key, args) => t(key, args ?? {}) as string;
}

/** The best shipped locale for a tag: exact, then its primary language (`de-AT` → `de`), else `en`. */
export function pickLocale(tag: string, available: readonly string[]): string {
  const lower = tag.toLowerCase();
  const exact = available.find((a) => a.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split("-")[0];
  return available.find((a) => a.toLowerCase() === primary) ?? "en";
}
