import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { createTranslator, detectLocale, pickLocale } from "../../src/cli/i18n.js";

const LOCALES_DIR = new URL("../../locales/", import.meta.url);
const LOCALES = readdirSync(LOCALES_DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

/** i18next v4 JSON plural suffixes (cardinal); `zero` is i18next's optional override for 0 in any language. */
const PLURAL_KEY = /^(.+)_(zero|one|two|few|many|other)$/;

function load(lng: string): unknown {
  return JSON.parse(readFileSync(new URL(`${lng}.json`, LOCALES_DIR), "utf8"));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaves by dotted path (objects descended into, anything else kept as is). */
function flatten(tree: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (!isObject(tree)) return out;
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, path, out);
    else out.set(path, value);
  }
  return out;
}

/** The `{{name}}` interpolations of a string (`{{count, number}}` counts as `count`). */
function interpolations(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!.split(",")[0]!.trim()))].sort();
}

/** Tokens that must stay untranslated: flags, commands, code spans, file names, front-matter keys, $VARIABLES. */
const TECHNICAL = [
  /`[^`]+`/g,
  /(?<![\w-])--[a-z][a-z-]*/g,
  /(?<![\w-])-C DIR\b/g,
  /\btranstrack (?:status|check|diff|mark|update|init|report)\b/g,
  /\bgit fetch --unshallow\b/g,
  /\bfetch-depth: 0\b/g,
  /\bactions\/checkout\b/g,
  /\b[a-z]+(?:_[a-z]+)+\b/g,
  /\$[A-Z][A-Z_]*\b/g,
  /[\w./-]+\.json\b/g,
  /(?<!-)---(?!-)/g,
];

function technicalTokens(text: string): string[] {
  return [...new Set(TECHNICAL.flatMap((re) => [...text.matchAll(re)].map((m) => m[0])))].sort();
}

const enFlat = flatten(load("en"));
/** Dotted bases `x` of the plural families `x_one`/`x_other` in en.json. */
const enPluralBases = new Set(
  [...enFlat.keys()].flatMap((k) => {
    const m = PLURAL_KEY.exec(k);
    return m && m[2] === "other" ? [m[1]!] : [];
  }),
);
function pluralBase(key: string): string | null {
  const m = PLURAL_KEY.exec(key);
  return m && enPluralBases.has(m[1]!) ? m[1]! : null;
}
const enPlainKeys = [...enFlat.keys()].filter((k) => pluralBase(k) === null);

function categories(lng: string): string[] {
  return [...new Intl.PluralRules(lng).resolvedOptions().pluralCategories].sort();
}

/** The English string a locale's key is compared with: itself, or `_other` for plural forms. */
function englishFor(key: string): string {
  const base = pluralBase(key);
  return String(enFlat.get(base === null ? key : `${base}_other`));
}

describe("locale files", () => {
  it("ship at least en, de, zh, ja, es, fr", () => {
    expect(LOCALES).toEqual(expect.arrayContaining(["en", "de", "zh", "ja", "es", "fr"]));
  });

  it("en.json has plural families", () => {
    expect(enPluralBases.size).toBeGreaterThan(0);
    expect(enPlainKeys.length).toBeGreaterThan(0);
  });

  describe.each(LOCALES)("%s.json", (lng) => {
    const tree = load(lng);
    const flat = flatten(tree);
    const needed = categories(lng);

    it("holds only non-empty strings and objects", () => {
      const bad: string[] = [];
      const walk = (node: unknown, path: string): void => {
        if (typeof node === "string") {
          if (node.trim() === "") bad.push(`${path}: empty string`);
        } else if (isObject(node)) {
          if (Object.keys(node).length === 0) bad.push(`${path || "(root)"}: empty object`);
          for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
        } else {
          bad.push(`${path || "(root)"}: ${Array.isArray(node) ? "array" : typeof node === "object" ? "null" : typeof node}`);
        }
      };
      expect(isObject(tree)).toBe(true);
      walk(tree, "");
      expect(bad).toEqual([]);
    });

    it("has every key of en.json, with the plural forms its language needs", () => {
      const missing = enPlainKeys.filter((k) => !flat.has(k));
      for (const base of enPluralBases) {
        for (const category of needed) if (!flat.has(`${base}_${category}`)) missing.push(`${base}_${category}`);
      }
      expect(missing).toEqual([]);
    });

    it("has no keys that en.json lacks, and no plural forms its language doesn't use", () => {
      const allowed = new Set([...needed, "zero"]);
      const extra = [...flat.keys()].filter((k) => {
        if (enFlat.has(k) && pluralBase(k) === null) return false;
        const base = pluralBase(k);
        return base === null || !allowed.has(PLURAL_KEY.exec(k)![2]!);
      });
      expect(extra).toEqual([]);
    });

    it("keeps the interpolations of the English strings", () => {
      const mismatched: string[] = [];
      for (const [key, value] of flat) {
        if (typeof value !== "string" || !(enFlat.has(key) || pluralBase(key) !== null)) continue;
        const want = interpolations(englishFor(key));
        const got = interpolations(value);
        if (want.join() !== got.join()) mismatched.push(`${key}: {${got.join(", ")}} instead of {${want.join(", ")}}`);
      }
      expect(mismatched).toEqual([]);
    });

    it("leaves commands, flags, file names and front-matter keys untranslated", () => {
      const lost: string[] = [];
      for (const [key, value] of flat) {
        if (typeof value !== "string" || !(enFlat.has(key) || pluralBase(key) !== null)) continue;
        for (const token of technicalTokens(englishFor(key))) {
          if (!value.includes(token)) lost.push(`${key}: ${token}`);
        }
      }
      expect(lost).toEqual([]);
    });

    it("resolves every plural family for typical counts", () => {
      const t = createTranslator(lng);
      const unresolved: string[] = [];
      for (const base of enPluralBases) {
        const others = Object.fromEntries(interpolations(String(enFlat.get(`${base}_other`))).map((name) => [name, `<${name}>`]));
        for (const count of [0, 1, 2, 5, 21, 1_000_000]) {
          const text = t(base, { ...others, count });
          if (text === base || text.includes("{{") || !text.includes(String(count))) unresolved.push(`${base} (${count}): ${text}`);
        }
      }
      expect(unresolved).toEqual([]);
    });
  });
});

describe("translator", () => {
  it("translates into German", () => {
    const de = createTranslator("de")("statusCount.stale", { count: 2 });
    const en = createTranslator("en")("statusCount.stale", { count: 2 });
    expect(en).toBe("2 stale");
    expect(de).not.toBe(en);
    expect(de).toContain("2");
  });

  it("uses each language's own words", () => {
    const en = createTranslator("en");
    for (const lng of LOCALES.filter((l) => l !== "en")) {
      expect(createTranslator(lng)("status.allGood"), lng).not.toBe(en("status.allGood"));
    }
  });

  it("falls back to English for an unknown locale", () => {
    const xx = createTranslator("xx");
    const en = createTranslator("en");
    expect(xx("statusCount.stale", { count: 2 })).toBe(en("statusCount.stale", { count: 2 }));
    expect(xx("status.allGood")).toBe("Every translation is up to date.");
  });

  it("picks the primary language of a regional tag", () => {
    expect(pickLocale("de-AT", LOCALES)).toBe("de");
    expect(pickLocale("de-AT", ["en", "de", "zh", "ja", "es", "fr"])).toBe("de");
    expect(pickLocale("pt-BR", LOCALES)).toBe("en");
  });

  it("detects zh-CN from LANG and maps it to zh", () => {
    const tag = detectLocale(undefined, { LANG: "zh_CN.UTF-8" });
    expect(tag).toBe("zh-CN");
    expect(pickLocale(tag, LOCALES)).toBe("zh");
  });
});
