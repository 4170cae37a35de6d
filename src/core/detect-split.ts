import type { ConfigInput } from "../config/schema.js";
import { isLangTag } from "../lang-tag.js";
import { cmp } from "./links.js";

/** What `init` tells of a split layout beside the config it proposes. */
export interface SplitFindings {
  /** The translation pattern, e.g. `_posts/{lang}/{path}-{lang}.md`. */
  translation: string;
  /** Folders holding originals, e.g. `notes/`, `original/`. */
  folders: string[];
  originals: Record<string, number>;
  /** Translations per language, own-language copies included. */
  translations: Record<string, number>;
  /** Own-language copies per language. */
  copies: Record<string, number>;
  /** Each `{path}` with originals in several languages, and those originals' paths. */
  multilingual: { stem: string; originals: string[] }[];
  /** Posts under the source folders that match no pattern: they will not be tracked. */
  unmatched: string[];
}

const EXT = /\.(md|markdown|mdx)$/;

/** Splits `name-lang.ext` into its stem, language and ending, for a language `accept` takes; null when none. */
function splitName(name: string, accept: (lang: string) => boolean): { stem: string; lang: string; ext: string } | null {
  const ext = EXT.exec(name);
  if (!ext) return null;
  const base = name.slice(0, ext.index);
  // The language is the last one or two dash-separated parts: `-en`, `-hant`, `-zh-hant`, `-pt-br`.
  const parts = base.split("-");
  for (const n of [2, 1]) {
    if (parts.length <= n) continue;
    const lang = parts.slice(-n).join("-");
    if (isLangTag(lang) && /^[a-z]{2,8}(?:-[A-Za-z0-9]{2,8})?$/.test(lang) && accept(lang)) return { stem: parts.slice(0, -n).join("-"), lang, ext: ext[1]! };
  }
  return null;
}

/**
 * The Jekyll blog's layout: translations at `ROOT/{lang}/{path}-{lang}.ext` (the folder and the suffix the same
 * language, which is what lets a longer tag such as `hant` count), originals at `FOLDER/{path}-{lang}.ext` in
 * other folders, each in its own language, sharing their `{path}` with the translations.
 */
export function detectSplit(paths: readonly string[]): { config: ConfigInput; counts: Record<string, number>; findings: SplitFindings } | null {
  const roots = new Map<string, Map<string, Set<string>>>();
  const exts = new Set<string>();
  for (const path of paths) {
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, Math.max(slash, 0));
    const folder = dir.slice(dir.lastIndexOf("/") + 1);
    const name = splitName(path.slice(slash + 1), (lang) => lang === folder);
    if (!name || dir === folder) continue;
    const root = dir.slice(0, dir.length - folder.length - 1);
    const langs = roots.get(root) ?? new Map<string, Set<string>>();
    const stems = langs.get(name.lang) ?? new Set<string>();
    stems.add(name.stem);
    langs.set(name.lang, stems);
    roots.set(root, langs);
  }
  let best: { root: string; langs: Map<string, Set<string>>; size: number } | null = null;
  for (const [root, langs] of roots) {
    if (langs.size < 2) continue;
    const size = [...langs.values()].reduce((n, s) => n + s.size, 0);
    if (!best || size > best.size) best = { root, langs, size };
  }
  if (!best) return null;
  const { root, langs } = best;
  const stems = new Set([...langs.values()].flatMap((s) => [...s]));

  // Folders outside the root whose suffixed files mostly share a `{path}` with the translations.
  const folders = new Map<string, { matched: { path: string; stem: string; lang: string; ext: string }[]; others: string[] }>();
  for (const path of paths) {
    if (path.startsWith(`${root}/`) || !EXT.test(path)) continue;
    const slash = path.lastIndexOf("/");
    if (slash < 0) continue;
    const folder = path.slice(0, slash + 1);
    const entry = folders.get(folder) ?? { matched: [], others: [] };
    folders.set(folder, entry);
    const name = splitName(path.slice(slash + 1), (lang) => langs.has(lang));
    if (name) entry.matched.push({ path, ...name });
    else entry.others.push(path);
  }
  const sources = [...folders]
    .filter(([, f]) => {
      const shared = f.matched.filter((m) => stems.has(m.stem)).length;
      return shared > 0 && shared * 2 >= f.matched.length + f.others.length;
    })
    .sort(([a], [b]) => cmp(a, b));
  if (sources.length === 0) return null;

  const originals: Record<string, number> = {};
  const byStem = new Map<string, { path: string; lang: string }[]>();
  for (const [, f] of sources) {
    for (const m of f.matched) {
      exts.add(m.ext);
      originals[m.lang] = (originals[m.lang] ?? 0) + 1;
      const list = byStem.get(m.stem) ?? [];
      list.push({ path: m.path, lang: m.lang });
      byStem.set(m.stem, list);
    }
  }
  const translations: Record<string, number> = {};
  const copies: Record<string, number> = {};
  for (const [lang, set] of [...langs].sort(([a], [b]) => cmp(a, b))) {
    translations[lang] = set.size;
    let own = 0;
    for (const stem of set) if (byStem.get(stem)?.some((o) => o.lang === lang)) own += 1;
    if (own > 0) copies[lang] = own;
  }
  const multilingual = [...byStem]
    .filter(([, list]) => new Set(list.map((o) => o.lang)).size > 1)
    .map(([stem, list]) => ({ stem, originals: list.map((o) => o.path).sort(cmp) }))
    .sort((a, b) => cmp(a.stem, b.stem));
  // Most originals first: the language most of the blog is written in leads, the rest follow by their weight.
  const order = Object.keys(originals).sort((a, b) => originals[b]! - originals[a]! || cmp(a, b));
  const ext = exts.size === 1 ? [...exts][0]! : "{ext}";
  const patterns = sources.map(([folder]) => `${folder}{path}-{lang}.${ext}`);
  const translation = `${root ? `${root}/` : ""}{lang}/{path}-{lang}.${ext}`;
  const config: ConfigInput = {
    sourceLanguage: order[0]!,
    languages: Object.keys(translations),
    ...(order.length > 1 ? { sourcePriority: order } : {}),
    layouts: [{ source: patterns.length === 1 ? patterns[0]! : patterns, translation }],
  };
  const findings: SplitFindings = {
    translation,
    folders: sources.map(([folder]) => folder),
    originals: Object.fromEntries(order.map((l) => [l, originals[l]!])),
    translations,
    copies,
    multilingual,
    unmatched: sources.flatMap(([, f]) => f.others).sort(cmp),
  };
  return { config, counts: translations, findings };
}
