import { describe, expect, it } from "vitest";
import { migrateLunaria } from "../../src/lunaria/migrate.js";
import { readLunariaConfig } from "../../src/lunaria/read-config.js";
import { readDefaultExport, UNREAD } from "../../src/lunaria/read-literal.js";

const ASTRO_DOCS = `import { defineConfig } from '@lunariajs/core/config';

export default defineConfig({
	repository: {
		name: 'withastro/docs', // the repository
	},
	sourceLocale: { label: 'English', lang: 'en', parameters: { tag: 'en' } },
	locales: [
		{ label: 'Deutsch', lang: 'de' },
		{ label: "Português do Brasil", lang: 'pt-br', parameters: { tag: 'pt-BR' } },
	],
	/* Dictionaries are not Markdown. */
	files: [
		{ include: ['src/content/i18n/en.yml'], pattern: 'src/content/i18n/@tag.yml', type: 'dictionary' },
		{ include: ['src/content/docs/en/**/*.(md|mdx)'], pattern: 'src/content/docs/@lang/@path', type: 'universal' },
	],
	tracking: {
		localizableProperty: 'i18nReady',
		ignoredKeywords: ['lunaria-ignore', 'typo', 'en-only', 'broken link', 'i18nReady', 'i18nIgnore'],
	},
});
`;

describe("readDefaultExport", () => {
  it("reads the default export's object literal as data, comments and TypeScript's type tails aside", () => {
    const data = readDefaultExport(ASTRO_DOCS)!;
    expect(data.sourceLocale).toEqual({ label: "English", lang: "en", parameters: { tag: "en" } });
    expect(readDefaultExport("const c = { a: [1, 'x', `y`, true, null] } as const satisfies Config;\nexport default c;\n")).toEqual({ a: [1, "x", "y", true, null] });
    expect(readDefaultExport("module.exports = { 'a-b': \"\\u00e9\\n\" };")).toEqual({ "a-b": "é\n" });
  });

  it("keeps what only running the file could tell as UNREAD, and reads no code", () => {
    const data = readDefaultExport("import x from 'y';\nexport default { a: x, b: f(1, 2), c: `v${x}`, ...other, d: 'ok', e() { return 1 } };")!;
    expect(data).toEqual({ a: UNREAD, b: UNREAD, c: UNREAD, "...": UNREAD, d: "ok", e: UNREAD });
    expect(readDefaultExport("export default makeConfig;")).toBeNull();
    expect(readDefaultExport("const a = 1;")).toBeNull();
    expect(readDefaultExport("export default { a: ")).toBeNull();
    expect(readDefaultExport(`export default ${"[".repeat(10000)}`)).toBeNull();
    expect(readDefaultExport(`export default { a: ${"[".repeat(10000)} }`)).toBeNull();
  });
});

describe("migrateLunaria", () => {
  it("carries the Astro docs' config over and says what it left", () => {
    const m = readLunariaConfig("lunaria.config.ts", ASTRO_DOCS);
    expect(m.config).toEqual({
      sourceLanguage: "en",
      languages: ["de", "pt-br"],
      layouts: [{ translation: "src/content/docs/{lang}/{path}" }],
      ignore: { keywords: ["lunaria-ignore", "typo", "en-only", "broken link", "i18nReady", "i18nIgnore"], directives: true },
      keys: { localizable: "i18nReady" },
    });
    expect(m.read).toEqual(["sourceLocale", "locales", "files", "tracking.ignoredKeywords", "tracking.localizableProperty"]);
    expect(m.unread).toEqual(["files[0]"]);
  });

  it("reads Lunaria 0.x's names, and its default keywords when none are given", () => {
    const m = migrateLunaria({
      defaultLocale: { lang: "en" },
      locales: [{ lang: "fr" }, { lang: UNREAD }],
      files: [{ location: "docs/**/*.{md,mdx}", pattern: "docs/@lang/@path", type: "universal", ignore: ["docs/blog/**"] }],
      localizableProperty: "ready",
    });
    expect(m.config).toMatchObject({ sourceLanguage: "en", languages: ["fr"], layouts: [{ translation: "docs/{lang}/{path}" }], keys: { localizable: "ready" } });
    expect(m.config.ignore).toEqual({ keywords: ["lunaria-ignore", "fix typo"], directives: true });
    expect(m.unread).toEqual(["locales[1]", "files[0].ignore"]);
  });

  it("reads nothing from a file it can't read as data", () => {
    expect(readLunariaConfig("lunaria.config.json", "{ not json")).toMatchObject({ read: [], unread: ["*"], config: {} });
    expect(readLunariaConfig("lunaria.config.mjs", "export default build();")).toMatchObject({ unread: ["*"] });
  });
});
